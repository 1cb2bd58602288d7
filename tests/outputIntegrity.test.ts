/**
 * Output integrity (issue 19, item 5), through the real bin (dist/, so build
 * first): an output file is whole or absent; temporary files are removed on
 * SIGINT, SIGTERM and errors; nothing is written after the bin is killed with
 * SIGKILL (the child that computes a --runs-out command ends with it; any other
 * command computes in the bin's own process); bad output paths are refused
 * before the run (exit 2, naming the option); a real fault is exit 1 with a
 * bug-report hint and no stack trace. Every wait is bounded; no network.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli/main.js');
const SCENARIO = join(ROOT, 'scenarios/default.yaml');
const FAULT = join(ROOT, 'tests/fixtures/inject-fault.mjs');
const dirs: string[] = [];
const started: ChildProcess[] = [];

const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'parley-out-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls `f` every 50 ms until it gives something truthy, or fails after `ms`. */
async function waitFor<T>(what: string, f: () => T | undefined, ms: number): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    const x = f();
    if (x) return x;
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** A process is gone when it no longer exists, or is a zombie nobody has reaped yet. */
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** Starts the bin plainly (so a --runs-out command re-spawns), in `cwd`, collecting stderr. */
function start(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const c = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(c);
  let stderr = '';
  c.stderr.on('data', (b) => (stderr += b));
  c.stdout.resume();
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) => c.on('close', (code, signal) => res({ code, signal, stderr })));
  return { c, ended };
}

/** The temporary --runs-out file, once the run is streaming into it; its name carries the writing process's pid. */
const streaming = (dir: string) => readdirSync(dir).find((f) => /^runs\.csv\.\d+\.tmp$/.test(f));

describe('signals: nothing partial, nothing left behind', () => {
  it('SIGKILL of the bin in one-thread mode: its child ends too, and neither -o nor --runs-out is written', async () => {
    const dir = scratch();
    const { c } = start(dir, ['run', SCENARIO, '-n', '200000', '-w', '1', '-o', 'out.txt', '--runs-out', 'runs.csv']);
    const tmp = await waitFor('the run to start streaming', () => streaming(dir), 30_000);
    const child = Number(/\.(\d+)\.tmp$/.exec(tmp)?.[1]);
    expect(child).not.toBe(c.pid);
    c.kill('SIGKILL');
    await waitFor('the child to end with its parent', () => !alive(child), 15_000);
    await sleep(500);
    expect(readdirSync(dir)).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal} in one-thread mode: the bin ends by the signal and removes the child's temporary file`, async () => {
      const dir = scratch();
      const { c, ended } = start(dir, ['run', SCENARIO, '-n', '200000', '-w', '1', '-o', 'out.txt', '--runs-out', 'runs.csv']);
      await waitFor('the run to start streaming', () => streaming(dir), 30_000);
      c.kill(signal);
      const r = await Promise.race([ended, sleep(15_000).then(() => undefined)]);
      expect(r?.signal, r?.stderr).toBe(signal);
      expect(readdirSync(dir)).toEqual([]);
    });

  it('one thread without --runs-out: computed in the bin itself (no child process), ended at once by SIGTERM, no output file', async () => {
    const dir = scratch();
    const { c, ended } = start(dir, ['run', SCENARIO, '-n', '200000', '-w', '1', '-o', 'out.txt']);
    // Computing: the library loaded (its resident memory past 60 MB), well past the point where main.ts would re-spawn.
    const rssMB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${c.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    await waitFor('the bin to start computing', () => rssMB() > 60, 30_000);
    const children = readdirSync(`/proc/${c.pid}/task`).flatMap((t) => readFileSync(`/proc/${c.pid}/task/${t}/children`, 'utf8').trim().split(' ').filter(Boolean));
    expect(children).toEqual([]);
    c.kill('SIGTERM');
    const r = await Promise.race([ended, sleep(15_000).then(() => undefined)]);
    expect(r?.signal, r?.stderr).toBe('SIGTERM');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('SIGTERM on a pool of two threads: ends by the signal, no output file', async () => {
    const dir = scratch();
    const { c, ended } = start(dir, ['run', SCENARIO, '-n', '200000', '-w', '2', '-o', 'out.txt']);
    await sleep(2500);
    c.kill('SIGTERM');
    const r = await Promise.race([ended, sleep(15_000).then(() => undefined)]);
    expect(r?.signal, r?.stderr).toBe('SIGTERM');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a completed --runs-out appears whole, under its own name only', () => {
    const dir = scratch();
    const r = spawnSync(process.execPath, [CLI, 'run', SCENARIO, '-n', '300', '--runs-out', 'runs.csv', '-o', 'out.json', '-f', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'runs.csv']);
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(301);
  });
});

describe('output paths are checked before the run (exit 2, naming the option)', () => {
  const cases: [string, string[], RegExp][] = [
    ['-o into an existing folder', ['-o', 'folder'], /^parley: -o\/--out: "folder" is a folder/m],
    ['-o into a missing folder', ['-o', 'missing/out.json'], /^parley: -o\/--out: the folder "missing" does not exist/m],
    ['--runs-out into a missing folder', ['--runs-out', 'missing/runs.csv'], /^parley: --runs-out: the folder "missing" does not exist/m],
    ['--runs-out onto a folder', ['--runs-out', 'folder'], /^parley: --runs-out: "folder" is a folder/m],
    ['--plot into a missing folder', ['--plot', 'missing/p.svg'], /^parley: --plot: the folder "missing" does not exist/m],
    ['-o onto a special file', ['-o', '/dev/null'], /^parley: -o\/--out: "\/dev\/null" is not a regular file/m],
    ['one file for two outputs', ['-o', 'same.svg', '--plot', 'same.svg'], /^parley: --plot: "same.svg" is also the file of -o\/--out/m],
  ];
  for (const [name, args, message] of cases)
    it(name, () => {
      const dir = scratch();
      mkdirSync(join(dir, 'folder'));
      const t = Date.now();
      // 10^7 runs would take hours: failing within the timeout shows the check comes first.
      const r = spawnSync(process.execPath, [CLI, 'run', SCENARIO, '-n', '10000000', '-w', '1', ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(Date.now() - t).toBeLessThan(20_000);
      expect(readdirSync(dir)).toEqual(['folder']);
      expect(readdirSync(join(dir, 'folder'))).toEqual([]);
    });
  it('every command with -o checks it (schema, solve, ledger)', () => {
    const dir = scratch();
    for (const args of [['schema'], ['solve', SCENARIO], ['ledger', SCENARIO]]) {
      const r = spawnSync(process.execPath, [CLI, ...args, '-o', 'missing/x'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr).toMatch(/^parley: -o\/--out: the folder "missing" does not exist/m);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('exit 1 is a real fault: a bug-report hint, no stack trace unless PARLEY_DEBUG=1', () => {
  // A preload makes rendering the JSON report throw: a stand-in for a bug (tests/fixtures/inject-fault.mjs).
  const faulty = (dir: string, env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', FAULT, CLI, 'run', SCENARIO, '-n', '50', '-w', '1', '-f', 'json', '-o', 'out.json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PARLEY_DEBUG: '', ...env },
    });
  it('says what to include in a report, and leaves no file', () => {
    const dir = scratch();
    const r = faulty(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^parley: internal error: injected fault/m);
    expect(r.stderr).toMatch(/This is a bug in parley/);
    expect(r.stderr).toMatch(/^ {2}parley 0\.\d+\.\d+, node v\d+/m);
    expect(r.stderr).toMatch(/^ {2}the command: parley run .*default\.yaml -n 50/m);
    expect(r.stderr).toMatch(/^ {2}the scenario: sha256 [0-9a-f]{12} /m);
    expect(r.stderr).toMatch(/PARLEY_DEBUG=1/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.split('\n').length).toBeLessThan(10);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('PARLEY_DEBUG=1 adds the stack trace', () => {
    const r = faulty(scratch(), { PARLEY_DEBUG: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\s+at /m);
  });
});
