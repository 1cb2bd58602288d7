// Throughput benchmark: runs per second for every shipped scenario, with 1 and 2 worker threads.
// Usage: npm run bench [-- --runs N --reps K --workers 1,2 --out FILE]. Not part of the test
// suite: machines are shared and noisy, so figures are medians of K repetitions in one process.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { openScenario, runScenarioAsync } from '../dist/api.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('runs', 1000));
const reps = Number(arg('reps', 3));
const workerCounts = String(arg('workers', '1,2')).split(',').map(Number);
const out = arg('out', 'bench/results/latest.json');
const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `scenarios/${f}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const file of files) {
  // The bargaining game only: the expected-utility model (parley run prints its forecast) takes no workers.
  const opened = openScenario(file);
  if (opened.ok && opened.value.model.scenario.mechanism.kind !== 'alternating-offers') {
    console.error(`${file}: skipped (mechanism ${opened.value.model.scenario.mechanism.kind})`);
    continue;
  }
  for (const workers of workerCounts) {
    const times = [];
    let report;
    for (let r = 0; r < reps; r++) {
      // A fresh compile per repetition, so caches built on the first run do not flatter later ones.
      const open = openScenario(file);
      if (!open.ok) throw new Error(`${file} does not validate`);
      const t0 = process.hrtime.bigint();
      report = await runScenarioAsync(open.value, { runs, seed: 1, workers });
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    const t = median(times);
    const base = rows.find((x) => x.scenario === report.scenario.name && x.workers === 1);
    rows.push({
      scenario: report.scenario.name,
      workers,
      runs,
      seconds: +t.toFixed(3),
      runsPerSecond: Math.round(runs / t),
      speedup: base ? +(base.seconds / t).toFixed(2) : 1,
      agreementRate: report.agreement.rate,
      notConverged: report.solver.notConverged,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    console.error(`${report.scenario.name} x${workers}: ${rows[rows.length - 1].runsPerSecond} runs/s`);
  }
}

const cols = Object.keys(rows[0]);
const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (vals) => vals.map((v, i) => String(v).padEnd(width[i])).join('  ');
console.log(`parley bench: ${runs} runs, median of ${reps}, seed 1, node ${process.version}`);
console.log(line(cols));
for (const r of rows) console.log(line(cols.map((c) => r[c])));
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, reps, rows }, null, 2));
console.log(`(written to ${out}; peak RSS is this process's, workers excluded, and only grows down the table)`);
