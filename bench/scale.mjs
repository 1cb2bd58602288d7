// Scaling beyond one machine (docs/scale-out.md), measured on this machine through the built bin:
// - the Redis queue with 1, 2 and 4 `parley worker` processes on the default scenario (`run --queue`),
//   against `run -w 1`, each output checked equal to it byte for byte;
// - the per-chunk overhead: one worker, the same runs in chunks of 250 and in one chunk;
// - a sweep as shards: each shard in turn (as an array task would run it) and the merge, against the sweep on one thread.
// Needs redis-server on PATH. Usage:
//   npm run build && node bench/scale.mjs [--runs 100000] [--workers 1,2,4] [--chunk 5000] [--overhead-runs 20000] [--points 20] [--sweep-runs 10000]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg('runs', '100000'));
const WORKERS = arg('workers', '1,2,4').split(',').map(Number);
const CHUNK = Number(arg('chunk', '5000'));
const OVERHEAD_RUNS = Number(arg('overhead-runs', '20000'));
const POINTS = Number(arg('points', '20'));
const SWEEP_RUNS = Number(arg('sweep-runs', '10000'));
const CLI = resolve('dist/cli/main.js');
const SCENARIO = resolve('scenarios/default.yaml');
const dir = mkdtempSync(join(tmpdir(), 'parley-scale-'));

const now = () => performance.now() / 1000;
const parley = (args) => {
  const t = now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`parley ${args.join(' ')}: ${r.stderr}`);
  return { out: r.stdout, err: r.stderr, s: now() - t };
};
const freePort = () => new Promise((done) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => done(p)); }); });
const waitFor = (child, re) => new Promise((done) => { let text = ''; child.stderr.on('data', (d) => { text += d; if (re.test(text)) done(); }); child.stdout?.on('data', (d) => { text += d; if (re.test(text)) done(); }); });

const port = await freePort();
const url = `redis://127.0.0.1:${port}`;
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no']);
await waitFor(redis, /Ready to accept connections/);

async function withWorkers(k, f) {
  const ws = Array.from({ length: k }, () => spawn(process.execPath, [CLI, 'worker', '--redis', url], { cwd: dir }));
  await Promise.all(ws.map((w) => waitFor(w, /waiting for chunks/)));
  try { return await f(); } finally { ws.forEach((w) => w.kill('SIGTERM')); await Promise.all(ws.map((w) => new Promise((d) => w.on('close', d)))); }
}

const rows = [];
const base = ['run', SCENARIO, '-n', String(RUNS), '-s', '1', '-f', 'json'];
const local = parley([...base, '-w', '1']);
rows.push({ what: `run -w 1 (one thread)`, runs: RUNS, seconds: local.s, runsPerSecond: RUNS / local.s });
for (const k of WORKERS) {
  const q = await withWorkers(k, async () => parley([...base, '--queue', url, '--queue-chunk', String(CHUNK)]));
  if (q.out !== local.out) throw new Error(`queue with ${k} workers: output differs from run -w 1`);
  const cores = Math.min(k, availableParallelism());
  rows.push({ what: `queue, ${k} worker(s), chunks of ${CHUNK}`, runs: RUNS, seconds: q.s, runsPerSecond: RUNS / q.s, speedup: local.s / q.s, efficiency: local.s / q.s / cores });
}
// Per-chunk overhead: the same runs in many small chunks and in one, on one worker.
const small = await withWorkers(1, async () => parley(['run', SCENARIO, '-n', String(OVERHEAD_RUNS), '-f', 'json', '--queue', url, '--queue-chunk', '250']));
const one = await withWorkers(1, async () => parley(['run', SCENARIO, '-n', String(OVERHEAD_RUNS), '-f', 'json', '--queue', url, '--queue-chunk', String(OVERHEAD_RUNS)]));
const chunks = Math.ceil(OVERHEAD_RUNS / 250);
const perChunk = (small.s - one.s) / (chunks - 1);
rows.push({ what: `overhead: ${OVERHEAD_RUNS} runs in ${chunks} chunks of 250 vs 1 chunk, 1 worker`, seconds: `${small.s.toFixed(2)} vs ${one.s.toFixed(2)}`, perChunkMs: 1000 * perChunk });

// A sweep as shards, each run in turn, then merged.
const sweep = ['sweep', SCENARIO, '--param', `parties.us.power=0.05:${(0.05 * POINTS).toFixed(2)}:0.05`, '-n', String(SWEEP_RUNS), '-f', 'csv'];
const sweepLocal = parley([...sweep, '-w', '1']);
const shardTimes = Array.from({ length: POINTS }, (_, i) => parley([...sweep, '--shard', `${i}/${POINTS}`, '--partial', `sweep-${i}.json`]).s);
const merge = parley(['merge', ...Array.from({ length: POINTS }, (_, i) => `sweep-${i}.json`)]);
if (merge.out !== sweepLocal.out) throw new Error('sweep: merged shards differ from the sweep on one thread');
const sum = shardTimes.reduce((a, b) => a + b, 0);
rows.push({ what: `sweep ${POINTS} points × ${SWEEP_RUNS} runs, one thread`, seconds: sweepLocal.s });
rows.push({ what: `  as ${POINTS} shards: each shard (min/median/max), their sum, the merge`, seconds: `${Math.min(...shardTimes).toFixed(2)}/${shardTimes.sort((a, b) => a - b)[POINTS >> 1].toFixed(2)}/${Math.max(...shardTimes).toFixed(2)}, sum ${sum.toFixed(1)}, merge ${merge.s.toFixed(2)}` });
const partialBytes = readFileSync(join(dir, 'sweep-0.json')).length;
rows.push({ what: '  a partial', bytes: partialBytes });

console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(4)) : v]))));
console.log(JSON.stringify({ cores: availableParallelism(), node: process.version, rows }));
redis.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
