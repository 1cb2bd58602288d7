// One benchmark measurement in a fresh process: node bench/one.mjs FILE RUNS WORKERS [--set path=value ...].
// Prints one JSON line: seconds of the Monte Carlo (compile and module loading excluded, worker
// threads' start-up included), the CPU seconds of all the process's threads over the same span, the process's peak RSS (worker threads included: they share the
// process), agreement rate. On one thread it holds the young generation small, as the `parley`
// bin does for a command that computes on one thread (src/cli/main.ts).
import { setFlagsFromString } from 'node:v8';
import { openScenario, runScenarioAsync } from '../dist/api.js';

const [file, runs, workers, ...rest] = process.argv.slice(2);
const sets = rest.flatMap((a, i) => (rest[i - 1] === '--set' ? [a] : []));
if (Number(workers) === 1 && process.execArgv.length === 0) setFlagsFromString('--semi-space-growth-factor=1');
let open;
try {
  open = openScenario(file, sets);
} catch (e) {
  console.error(`${file} does not validate: ${e.message}`);
  process.exit(2);
}
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const report = await runScenarioAsync(open, { runs: Number(runs), seed: 1, workers: Number(workers) });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
// Every thread of the process (worker threads included): a loaded machine inflates it less than the wall time.
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    agreementRate: report.agreement.rate,
    notConverged: report.solver.notConverged,
  }),
);
