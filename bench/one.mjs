// One benchmark measurement in a fresh process: node bench/one.mjs FILE RUNS WORKERS.
// Prints one JSON line: seconds of the Monte Carlo (compile and module loading excluded),
// the process's peak RSS (worker threads included: they share the process), agreement rate.
import { openScenario, runScenarioAsync } from '../dist/api.js';

const [file, runs, workers] = process.argv.slice(2);
let open;
try {
  open = openScenario(file);
} catch {
  console.error(`${file} does not validate`);
  process.exit(2);
}
const t0 = process.hrtime.bigint();
const report = await runScenarioAsync(open, { runs: Number(runs), seed: 1, workers: Number(workers) });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  JSON.stringify({
    seconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    agreementRate: report.agreement.rate,
    notConverged: report.solver.notConverged,
  }),
);
