#!/usr/bin/env node
import { oneThread, superviseOneThread } from './oneThread.js';

/**
 * The `parley` bin. A Monte Carlo run allocates short-lived numbers at a high
 * rate, and V8 lets a thread's young generation grow to 16 MB semi-spaces of
 * mostly garbage: on one thread, peak RSS on the default scenario is ~120 MB
 * with them and ~107 MB with 4 MB semi-spaces (2·10^4 runs), at no measurable
 * cost in time. With worker threads (capped through resourceLimits, see
 * montecarlo/pool.ts) the cap on this thread measured no better, so it is
 * applied only to a command that runs on one thread. V8 reads the size only at
 * start-up (v8.setFlagsFromString after it changes nothing): when node was
 * started plainly (no node flags, no NODE_OPTIONS), such a command runs in a
 * child node started with it, which this process supervises (oneThread.ts);
 * started with any node flag of your own (--cpu-prof, --inspect,
 * --max-semi-space-size=…), in this process, as given. Only memory depends on
 * this choice, never output.
 */
if (process.execArgv.length === 0 && !process.env.NODE_OPTIONS && oneThread(process.argv.slice(2))) superviseOneThread(process.argv.slice(1));
else await import('./cli.js');
