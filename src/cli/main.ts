#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { startMode, superviseOneThread } from './oneThread.js';

/**
 * The `parley` bin. A Monte Carlo run allocates short-lived numbers at a high
 * rate, and V8 lets a thread's young generation grow to 16 MB semi-spaces of
 * mostly garbage. A command that computes on one thread (oneThread.ts) keeps
 * its young generation at its starting size instead: V8 reads the maximum
 * semi-space size only at start-up, but its growth factor each time it grows
 * the young generation, so a factor of 1 set here, before anything is
 * computed, holds it at 1 MB semi-spaces (peak RSS on 10^4 default runs: 73
 * MB, against 80 MB with `--max-semi-space-size=4` and ~100 MB with V8's
 * default; CPU time the same within 2%, measured in fresh processes). With
 * worker threads (capped through resourceLimits, see montecarlo/pool.ts) a cap
 * on this thread measured no better, so it is applied only to one-thread
 * commands; started with any node flag of your own (--cpu-prof, --inspect,
 * --max-semi-space-size=…) or NODE_OPTIONS, the command runs as given. Only
 * memory depends on this, never output, and no second node is started for it.
 *
 * One exception: a command that streams every run to a file (`--runs-out`)
 * computes synchronously for as long as it holds that file's temporary name,
 * so no signal handler could run in time to remove it. Such a command runs in
 * a child node that this process supervises (oneThread.ts): the child ends with
 * this process, and this process removes its temporary files however it ends.
 */
const mode = startMode(process.argv.slice(2), process.execArgv, process.env.NODE_OPTIONS);
if (mode === 'supervise') superviseOneThread(process.argv.slice(1));
else {
  if (mode === 'small-young') setFlagsFromString('--semi-space-growth-factor=1');
  await import('./cli.js');
}
