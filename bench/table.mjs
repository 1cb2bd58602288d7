// Throughput benchmark: runs per second and peak memory for every shipped scenario, at several
// numbers of runs, with 1 and 2 worker threads. Not part of the test suite.
//
//   npm run bench:table [-- --scenarios default,talks-launch --sizes 1e4,1e5,1e6 --workers 1,2
//                     --reps 3 --budget 30 --out bench/results/latest.json --baseline DIR]
//
// --baseline DIR pairs every measurement with the same one on another built checkout (DIR, e.g. a
// `git worktree` of the commit before a change, after `npm ci` there): the two run in turn, A B A B,
// and each row adds the baseline's runs/s and the median of the pairs' ratios (baseline seconds /
// these seconds: above 1, this code is faster), which holds when the machine's speed drifts.
//
// Each measurement is a fresh process (bench/one.mjs), so caches and peak RSS belong to it alone;
// a figure is the median of --reps repetitions. Machines are shared and noisy: compare figures
// from one invocation. A time budget (--budget minutes, for the whole table) keeps it from running
// for hours: a short probe run per scenario and worker count projects each size's time, and a
// size whose repetitions would not fit in what is left of the budget is skipped and printed as
// "skipped (projected N min)"; projections are updated from each finished size.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { openScenario } from '../dist/api.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const list = (s) => String(s).split(',').filter(Boolean);
const shipped = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `scenarios/${f}`);
const picked = arg('scenarios');
const files = picked ? list(picked).map((s) => (s.includes('/') ? s : shipped.find((f) => basename(f).replace(/\.\w+$/, '') === s) ?? s)) : shipped;
const sizes = list(arg('sizes', '1e4,1e5,1e6')).map(Number).sort((a, b) => a - b);
const workerCounts = list(arg('workers', '1,2')).map(Number);
const reps = Number(arg('reps', 3));
const budgetSeconds = Number(arg('budget', 30)) * 60;
const probeRuns = Number(arg('probe', 300));
const out = arg('out', 'bench/results/table-latest.json');
const baseline = arg('baseline');

// bench/one.mjs holds a one-thread measurement's young generation small, as the parley bin does (src/cli/main.ts).

const started = Date.now();
const left = () => budgetSeconds - (Date.now() - started) / 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const measureIn = (dir, file, runs, workers) =>
  JSON.parse(
    execFileSync(process.execPath, [join(dir, 'bench/one.mjs'), resolve(file), String(runs), String(workers)], { encoding: 'utf8', cwd: dir })
      .trim()
      .split('\n')
      .pop(),
  );
const measure = (file, runs, workers) => measureIn('.', file, runs, workers);

const rows = [];
for (const file of files) {
  // Bargaining mechanisms only: the expected-utility model (parley run prints its forecast) has no runs per second to speak of.
  const kind = (() => {
    try {
      return openScenario(file).model.scenario.mechanism.kind;
    } catch {
      return undefined; // an invalid file: bench/one.mjs says so
    }
  })();
  if (kind === 'expected-utility') {
    console.error(`${file}: skipped (mechanism expected-utility)`);
    continue;
  }
  const scenario = basename(file).replace(/\.\w+$/, '');
  for (const workers of workerCounts) {
    // Seconds per run, first from a probe, then from the last finished size. With worker threads
    // the probe is mostly their start-up (seconds under load), which does not scale with runs:
    // it is projected as that start-up plus one thread's time per run divided among the workers.
    const probe = measure(file, probeRuns, workers).seconds * (baseline ? 2 : 1);
    const serial = rows.find((x) => x.scenario === scenario && x.workers === 1 && x.seconds);
    const startup = workers > 1 && serial ? probe : 0;
    let perRun = workers > 1 && serial ? serial.seconds / serial.runs / workers : probe / probeRuns;
    for (const runs of sizes) {
      const projected = (startup + perRun * runs) * reps;
      const row = { scenario, workers, runs };
      if (projected > left()) {
        rows.push({ ...row, skipped: `skipped (projected ${(projected / 60).toFixed(1)} min)` });
        console.error(`${scenario} x${workers} ${runs}: skipped (projected ${(projected / 60).toFixed(1)} min)`);
        continue;
      }
      const pairs = Array.from({ length: reps }, () => [measure(file, runs, workers), baseline ? measureIn(baseline, file, runs, workers) : null]);
      const results = pairs.map(([a]) => a);
      const seconds = median(results.map((r) => r.seconds));
      const paired = baseline
        ? { baselineRunsPerSecond: Math.round(runs / median(pairs.map(([, b]) => b.seconds))), ratio: +median(pairs.map(([a, b]) => b.seconds / a.seconds)).toFixed(3) }
        : {};
      perRun = Math.max(0, seconds - startup) / runs;
      const base = rows.find((x) => x.scenario === scenario && x.workers === 1 && x.runs === runs && x.seconds);
      rows.push({
        ...row,
        seconds: +seconds.toFixed(3),
        runsPerSecond: Math.round(runs / seconds),
        speedup: workers === 1 ? 1 : base ? +(base.seconds / seconds).toFixed(2) : null,
        peakRssMB: Math.max(...results.map((r) => r.peakRssMB)),
        agreementRate: results[0].agreementRate,
        notConverged: results[0].notConverged,
        ...paired,
      });
      console.error(`${scenario} x${workers} ${runs}: ${rows[rows.length - 1].runsPerSecond} runs/s`);
    }
  }
}

const cols = ['scenario', 'workers', 'runs', 'runsPerSecond', 'speedup', 'seconds', 'peakRssMB', 'agreementRate', 'notConverged', ...(baseline ? ['baselineRunsPerSecond', 'ratio'] : [])];
const cell = (r, c) => (r.skipped ? (c === 'runsPerSecond' ? r.skipped : ['scenario', 'workers', 'runs'].includes(c) ? r[c] : '') : r[c] ?? '');
const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r, c)).length)));
const line = (vals) => vals.map((v, i) => String(v).padEnd(width[i])).join('  ');
console.log(`parley bench: median of ${reps}, seed 1, node ${process.version}, ${(budgetSeconds / 60).toFixed(0)} min budget${baseline ? `, paired with ${baseline}` : ''}`);
console.log(line(cols));
for (const r of rows) console.log(line(cols.map((c) => cell(r, c))));
mkdirSync('bench/results', { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, reps, sizes, budgetMinutes: budgetSeconds / 60, ...(baseline ? { baseline } : {}), rows }, null, 2));
console.log(`(written to ${out}; seconds exclude process start and compiling the scenario; peak RSS is the measuring process's, worker threads included)`);
