#!/usr/bin/env node
import { spawn } from 'node:child_process';

/**
 * The `parley` bin. A Monte Carlo run allocates short-lived numbers at a high
 * rate, and V8 lets a thread's young generation grow to 16 MB semi-spaces of
 * mostly garbage: the bulk of peak RSS beyond the live heap at 10^5–10^6 runs.
 * 4 MB semi-spaces cost no measurable time (worker threads get the same cap
 * through resourceLimits, see montecarlo/parallel.ts). V8 reads the size only
 * at start-up, so when node was started plainly (no node flags, no
 * NODE_OPTIONS) for a command that runs Monte Carlo, the CLI runs in a child
 * node started with it; started with any node flag of your own (--cpu-prof,
 * --inspect, --max-semi-space-size=…), it runs in this process, as given.
 */
const SEMI_SPACE = '--max-semi-space-size=4';
/** The commands that run Monte Carlo; the others are not worth a second process. */
const MONTE_CARLO = new Set(['run', 'compare', 'sweep', 'sensitivity']);

if (process.execArgv.length === 0 && !process.env.NODE_OPTIONS && MONTE_CARLO.has(process.argv[2])) {
  // Signals to this process go on to the child (handlers first: a signal handled before the child exists is handled after it does).
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of signals) process.on(s, forward);
  const child = spawn(process.execPath, [SEMI_SPACE, ...process.argv.slice(1)], { stdio: 'inherit' });
  child.on('error', (e) => {
    process.stderr.write(`parley: cannot start node: ${e.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else await import('./cli.js');
