/**
 * The Redis queue (issue 18, item 3) with real parts: a redis-server of its own (Debian's
 * package, on a free port, in a temporary folder, no persistence), `parley worker` processes and
 * `parley run --queue`, all through the built bin. Skipped with a notice without redis-server
 * (.ci/run installs it).
 * - Three workers, one killed with SIGKILL in the middle of a chunk: its chunk goes back to the
 *   queue when its lock expires (BullMQ's stalled-job check) and another worker computes it; the
 *   output is the one-process bytes.
 * - A producer killed mid-job: the workers skip its remaining chunks (they fail at once) once its
 *   heartbeat key expires.
 * - Redis restarted during a job: the job fails at once with a message saying so (exit 1); the
 *   workers outlive the restart, and the next job on the same workers gives the one-process bytes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli/main.js');
const SCENARIO = resolve('tests/fixtures/static-default.yaml');
const hasRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasRedis) console.warn('queue.test.ts: skipping the Redis queue tests: no redis-server found (apt-get install redis-server)');

const dir = mkdtempSync(join(tmpdir(), 'parley-queue-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

/** A started process whose stderr (and stdout) are collected; `waitFor` resolves when stderr matches. */
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(cmd, args, { cwd: dir, env: { ...process.env, ...env } });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  const waiters: { re: RegExp; done: () => void }[] = [];
  const check = () => waiters.filter((w) => w.re.test(out.stderr + out.stdout)).forEach((w) => (waiters.splice(waiters.indexOf(w), 1), w.done()));
  child.stdout?.on('data', (d) => ((out.stdout += d), check()));
  child.stderr?.on('data', (d) => ((out.stderr += d), check()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const waitFor = (re: RegExp) => new Promise<void>((done) => (waiters.push({ re, done }), check()));
  return { child, out, exited, waitFor };
}

/** redis-server on `port`, ready for connections. */
async function startRedis(port: number) {
  const r = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no']);
  await r.waitFor(/Ready to accept connections/);
  return r;
}

const oneProcess = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '-w', '1'], { encoding: 'utf8' }).stdout;

describe.skipIf(!hasRedis)('parley worker and run --queue on a real redis-server', () => {
  // Workers count a chunk stalled 1 s after its worker stops renewing its lock (30 s by default).
  const env = { PARLEY_QUEUE_LOCK_MS: '1000' };
  let url = '';
  let port = 0;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let survivors: ReturnType<typeof start>[] = [];

  it('three workers, one killed with SIGKILL mid-chunk: its chunk is computed again, the output is the one-process bytes', async () => {
    port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    const workers = [0, 1, 2].map(() => start(process.execPath, [CLI, 'worker', '--redis', url], env));
    await Promise.all(workers.map((w) => w.waitFor(/waiting for chunks/)));
    const args = ['run', SCENARIO, '-n', '6000', '-s', '2', '-f', 'json'];
    const run = start(process.execPath, [CLI, ...args, '--queue', url, '--queue-chunk', '1000'], env);
    // The first chunk a worker starts: it logs the line, then computes for a few tenths of a second.
    const first = await Promise.race(workers.map((w, i) => w.waitFor(/chunk \d+ of job/).then(() => i)));
    const victim = workers[first];
    victim.child.kill('SIGKILL');
    const killedChunk = /chunk (\d+) of job/.exec(victim.out.stderr)?.[1];
    expect(await run.exited).toBe(0);
    expect(run.out.stdout).toBe(oneProcess(args));
    survivors = workers.filter((w) => w !== victim);
    // Another worker took the killed worker's chunk over once its lock expired.
    expect(survivors.some((w) => new RegExp(`chunk ${killedChunk} of job`).test(w.out.stderr))).toBe(true);
    expect(run.out.stderr).toMatch(/parley: queue: 6\/6 chunks done, 2 workers seen\n$/);
  });

  it('a producer killed mid-job: the workers skip the rest of its chunks once its heartbeat expires', async () => {
    const run = start(process.execPath, [CLI, 'run', SCENARIO, '-n', '200000', '-f', 'json', '--queue', url, '--queue-chunk', '500'], env);
    await run.waitFor(/parley: queue: [1-9]\d*\/400 chunks done/);
    run.child.kill('SIGKILL');
    await Promise.race(survivors.map((w) => w.waitFor(/not computed: job \w+ was abandoned \(its `parley run --queue` is gone\)/)));
    // The rest of the job's chunks fail at once, so the queue is free for the next job.
    await Promise.race(survivors.map((w) => w.waitFor(/chunk 399 of job \w+ not computed: job \w+ was abandoned/)));
  });

  it('Redis restarted during a job: the job fails with a clear message (exit 1); the workers survive and run the next job', async () => {
    const run = start(process.execPath, [CLI, 'run', SCENARIO, '-n', '200000', '-f', 'json', '--queue', url, '--queue-chunk', '500'], env);
    await run.waitFor(/parley: queue: [1-9]\d*\/400 chunks done/);
    redis.child.kill('SIGTERM');
    await redis.exited;
    expect(await run.exited).toBe(1);
    expect(run.out.stdout).toBe('');
    expect(run.out.stderr).toMatch(new RegExp(`parley: lost the connection to Redis at redis://127\\.0\\.0\\.1:${port}.*: the job stopped; run the command again once Redis is back\\n$`));
    expect(run.out.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    redis = await startRedis(port);
    const args = ['run', SCENARIO, '-n', '1000', '-s', '5', '-f', 'json'];
    const again = start(process.execPath, [CLI, ...args, '--queue', url, '--queue-chunk', '250'], env);
    expect(await again.exited).toBe(0);
    expect(again.out.stdout).toBe(oneProcess(args));
    expect(survivors.every((w) => w.child.exitCode === null)).toBe(true);
    for (const w of survivors) w.child.kill('SIGTERM');
    expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0]);
    redis.child.kill('SIGTERM');
  });

  it('an unreachable Redis and a malformed URL are refused with a message', async () => {
    const down = spawnSync(process.execPath, [CLI, 'run', SCENARIO, '-n', '10', '--queue', `redis://127.0.0.1:${await freePort()}`], { encoding: 'utf8' });
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^parley: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED|^parley: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: Connection is closed/);
    const bad = spawnSync(process.execPath, [CLI, 'worker', '--redis', 'http://x'], { encoding: 'utf8' });
    expect([bad.status, bad.stderr]).toEqual([2, 'parley: --redis: expected a redis:// or rediss:// URL, got "http://x"\n']);
  });
});
