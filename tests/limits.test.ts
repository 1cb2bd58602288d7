/**
 * Resource limits (docs/format.md, "Limits"): each is enforced before the work starts, exits 2
 * with a message that names the environment variable raising it, and the variable does raise it.
 * Size limits are lowered through their variable here rather than by writing large files. The CLI
 * is spawned from dist/, so build first (npx tsc -p .). Expected messages: the limits' wording.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { capWorkers } from '../src/cli/workers.js';
import { gridProblem, parseSweepParam, type SweepParam } from '../src/montecarlo/grid.js';
import { DEFAULT_LIMITS, limit, setLimits } from '../src/scenario/limits.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VALID = 'tests/bad-input/_valid.yaml';
const valid = () => spawnSync('cat', [join(ROOT, VALID)], { encoding: 'utf8' }).stdout;

function parley(args: string[], env: Record<string, string> = {}, timeout = 60_000) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStack(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/internal error/);
}

const dir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('file size', () => {
  it('a file over PARLEY_MAX_FILE_BYTES is refused from its size, and the variable raises the limit', () => {
    const r = parley(['validate', VALID], { PARLEY_MAX_FILE_BYTES: '100' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tests\/bad-input\/_valid\.yaml: the file is \d{3} bytes, more than the limit of 100 .*set PARLEY_MAX_FILE_BYTES=\d+ to allow it$/m);
    noStack(r.stderr);
    expect(parley(['validate', VALID], { PARLEY_MAX_FILE_BYTES: '100000' }).code).toBe(0);
  });

  it('a device that never ends (/dev/zero) is read only up to the limit', () => {
    const t0 = Date.now();
    const r = parley(['validate', '/dev/zero'], { PARLEY_MAX_FILE_BYTES: '1000000' }, 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero: the input goes on past the limit of 1,000,000 bytes without ending (scenarios are a few kilobytes); set PARLEY_MAX_FILE_BYTES=2000000 to allow it');
    expect(Date.now() - t0).toBeLessThan(15_000);
    noStack(r.stderr);
  });

  it('a malformed limit variable is refused before any command runs', () => {
    const r = parley(['validate', VALID], { PARLEY_MAX_EVENTS: 'many' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PARLEY_MAX_EVENTS must be a whole number >= 1, got "many"');
  });
});

describe('expressions', () => {
  it('the characters of all expressions together are bounded (PARLEY_MAX_EXPRESSION_TOTAL_CHARS)', () => {
    const f = write('total.yaml', `${valid()}constraints:\n  - 'share >= 0'\n  - 'share <= 1'\n`);
    const r = parley(['validate', f], { PARLEY_MAX_EXPRESSION_TOTAL_CHARS: '15' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/:21:5 constraints\[1\]: the scenario's expressions reach 20 characters here, more than the limit of 15 .*PARLEY_MAX_EXPRESSION_TOTAL_CHARS=20 to allow it/);
    expect(parley(['validate', f], { PARLEY_MAX_EXPRESSION_TOTAL_CHARS: '20' }).code).toBe(0);
  });

  it('a chain of 150 terms validates and runs once the depth limit is raised (the checks and compile hold it)', () => {
    const f = write('chain.yaml', `${valid()}constraints:\n  - '${Array(150).fill('share').join(' + ')} >= 0'\n`);
    expect(parley(['validate', f]).code).toBe(2);
    const r = parley(['run', f, '-n', '3', '-w', '1', '-f', 'json'], { PARLEY_MAX_EXPRESSION_DEPTH: '200' });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).runs).toBe(3);
  });

  it('a depth limit raised far past what the parser holds is still a located problem, not a crash', () => {
    const f = write('deep.yaml', `${valid()}constraints:\n  - '${'share ^ '.repeat(20_000)}1 >= 0'\n`);
    const r = parley(['validate', f], { PARLEY_MAX_EXPRESSION_DEPTH: '1000000', PARLEY_MAX_EXPRESSION_CHARS: '1000000', PARLEY_MAX_EXPRESSION_TOTAL_CHARS: '1000000' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/constraints\[0\]: the expression nests too deeply to be (parsed|compiled)/);
    noStack(r.stderr);
  });
});

describe('memory per algorithm: the frontier of many combinations of options', () => {
  // 4 options issues of 22 options under a mediator: 234,256 combinations, whose grouped frontier
  // search allocated a 234,256^2-byte table (exit 1). It falls back to the linear-memory scan.
  const options = Array.from({ length: 22 }, (_, j) => `o${j}`).join(', ');
  const issues = [0, 1, 2, 3].map((i) => `  i${i}: {options: [${options}]}\n`).join('');
  const ideal = (o: string) => `{${[0, 1, 2, 3].map((i) => `i${i}: ${o}`).join(', ')}}`;
  const weights = `{${[0, 1, 2, 3].map((i) => `i${i}: 1`).join(', ')}}`;
  const f = write(
    'med.yaml',
    `name: big\nrounds: 10\nissues:\n${issues}parties:\n` +
      `  a: {ideal: ${ideal('o0')}, weights: ${weights}, veto: true, reservation: 0.1}\n` +
      `  b: {ideal: ${ideal('o21')}, weights: ${weights}, veto: true, reservation: 0.1}\n` +
      `  m: {ideal: ${ideal('o11')}, weights: ${weights}}\nmechanism: {kind: mediator, mediator: m}\n`,
  );
  it('run and solve on 4 issues x 22 options finish (exit 0)', () => {
    const run = parley(['run', f, '-n', '2', '-w', '1', '-f', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).runs).toBe(2);
    const solve = parley(['solve', f, '-f', 'json']);
    expect(solve.code, solve.stderr).toBe(0);
  });
});

describe('sweep points, runs and workers', () => {
  it('a sweep whose grid multiplies past PARLEY_MAX_SWEEP_POINTS is refused before any point is built', () => {
    const t0 = Date.now();
    const r = parley(['sweep', VALID, '--param', 'parties.a.discount=0.1:0.9999:0.0001', '--param', 'parties.b.discount=0.1:0.9999:0.0001', '-n', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the sweep has 9,000 × 9,000 = 81,000,000 points, more than the limit of 10,000; set PARLEY_MAX_SWEEP_POINTS=81000000 to allow it');
    expect(Date.now() - t0).toBeLessThan(20_000);
    noStack(r.stderr);
  });

  it('counts the grid as the product of the parameters (a hand count)', () => {
    const p = (n: number): SweepParam => ({ path: 'x', values: Array(n).fill(0) });
    expect(gridProblem([p(100), p(100)])).toBeNull();
    expect(gridProblem([p(100), p(101)])).toContain('100 × 101 = 10,100 points');
    expect(parseSweepParam('x=0:1:0.00001')).toMatch(/^--param x: 100,001 points, more than the limit of 10,000/);
  });

  it('-n past PARLEY_MAX_RUNS (and --outer K × -n) is refused before any run, and the variable raises it', () => {
    const r = parley(['run', VALID, '-n', '1000000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1,000,000,000 runs is more than the limit of 10,000,000');
    expect(r.stderr).toContain('set PARLEY_MAX_RUNS=1000000000 to allow it');
    const outer = parley(['run', VALID, '-n', '6', '--outer', '2', '-f', 'json'], { PARLEY_MAX_RUNS: '10' });
    expect(outer.code).toBe(2);
    expect(outer.stderr).toContain('2 × 6 = 12 runs is more than the limit of 10');
    expect(parley(['run', VALID, '-n', '5', '--outer', '2', '-f', 'json'], { PARLEY_MAX_RUNS: '10' }).code).toBe(0);
  });

  it('-w is capped at PARLEY_MAX_WORKERS_PER_CORE threads per core, with a warning', () => {
    const said: string[] = [];
    expect(capWorkers(64, 2, (s) => said.push(s))).toBe(4);
    expect(said[0]).toContain('-w 64 is more than 2 threads per core');
    expect(said[0]).toContain('PARLEY_MAX_WORKERS_PER_CORE=32');
    expect(capWorkers(4, 2, (s) => said.push(s))).toBe(4);
    expect(said).toHaveLength(1);
    const r = parley(['run', VALID, '-n', '20', '-w', '500', '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: -w 500 is more than 2 threads per core/);
  });

  it('setLimits overrides a limit for a library user, and {} restores the defaults', () => {
    setLimits({ runs: 5 });
    expect(limit('runs')).toBe(5);
    setLimits({});
    expect(limit('runs')).toBe(DEFAULT_LIMITS.runs);
  });
});
