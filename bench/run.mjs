// Throughput benchmark: runs per second and agreement rate for every shipped scenario.
// Usage: npm run bench [-- --runs N --reps K --out FILE]. Not part of the test suite:
// machines are shared and noisy, so figures are medians of K repetitions in one process.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { openScenario, runScenario } from '../dist/api.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('runs', 1000));
const reps = Number(arg('reps', 3));
const out = arg('out', 'bench/results/latest.json');
const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `scenarios/${f}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const file of files) {
  const o = openScenario(file);
  if (!o.ok) throw new Error(`${file} does not validate`);
  const times = [];
  let report;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    // A fresh compile per repetition, so caches built on the first run do not flatter later ones.
    report = runScenario(openScenario(file).value, { runs, seed: 1 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const t = median(times);
  rows.push({
    scenario: o.value.model.scenario.name,
    runs,
    seconds: +t.toFixed(3),
    runsPerSecond: Math.round(runs / t),
    agreementRate: report.agreement.rate,
    notConverged: report.solver.notConverged,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  const last = rows[rows.length - 1];
  console.error(`${last.scenario}: ${last.runsPerSecond} runs/s`);
}

const cols = ['scenario', 'runs', 'seconds', 'runsPerSecond', 'agreementRate', 'notConverged', 'peakRssMB'];
const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (vals) => vals.map((v, i) => String(v).padEnd(width[i])).join('  ');
console.log(`parley bench: ${runs} runs x ${reps} repetitions (median), seed 1, one worker, node ${process.version}`);
console.log(line(cols));
for (const r of rows) console.log(line(cols.map((c) => r[c])));
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, reps, rows }, null, 2));
console.log(`(written to ${out}; peak RSS is the process's so far, so it only grows down the table)`);
