import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/api.js';
import { compareScenarios, compareScenariosAsync, openScenario, sensitivity, sensitivityAsync, type OpenScenario } from '../src/api.js';
import { simulateCompare } from '../src/montecarlo/compare.js';
import { computeUnit, jobWork, type JobKind, type JobSpec, type JobTotals } from '../src/montecarlo/jobs.js';
import { scheduleChunks, type ChunkSink } from '../src/montecarlo/parallel.js';
import { simulate } from '../src/montecarlo/simulate.js';
import type { Model } from '../src/model/types.js';
import { openUndrawable } from './fixtures/undrawable.mjs';
import { runOnLibrary } from './helpers.js';

const open: OpenScenario = openScenario('tests/fixtures/static-default.yaml');

/**
 * A job on the schedule with stand-in workers (no threads): each computes its
 * unit after a delay of `delay(unit)` ms, so results come back out of order.
 * It returns the job's totals, how many units the stand-ins computed, and the
 * most units ever handed out ahead of the merge.
 */
async function scheduleJob<K extends JobKind>(spec: JobSpec<K>, models: Model[], threads: number, delay: (unit: number) => number) {
  let merged = 0;
  let ahead = 0;
  let remote = 0;
  const work = jobWork(spec, models);
  const counted = { ...work, merge: (unit: number, r: Parameters<typeof work.merge>[1]) => (work.merge(unit, r), (merged = unit + 1)) };
  const s = scheduleChunks(counted, { threads });
  const sinks = Array.from({ length: threads - 1 }, (): ChunkSink => {
    const sink: ChunkSink = {
      send: (unit) => {
        ahead = Math.max(ahead, unit + 1 - merged);
        remote++;
        setTimeout(() => s.done(sink, unit, computeUnit(spec, (i) => models[i], unit)), delay(unit));
      },
    };
    return sink;
  });
  // Workers become ready one after another, as they finish loading.
  sinks.forEach((sink, i) => setTimeout(() => s.ready(sink), 5 * i));
  await s.result;
  return { total: work.total as JobTotals[K], remote, ahead };
}

/** One scenario's Monte Carlo on the schedule: its aggregate, and what `simulate` gives on one thread. */
async function schedule(threads: number, runs: number, delay: (chunk: number) => number) {
  const seed = 4;
  const r = await scheduleJob({ kind: 'simulate', scenarios: 1, seed, runs }, [open.model], threads, delay);
  return { ...r, agg: r.total[0], expected: simulate(open.model, { seed, runs }) };
}

describe('the chunk schedule (stand-in workers, results out of order)', { timeout: 120_000 }, () => {
  it('merges in chunk order: the same aggregate as one thread, and never more than 3 chunks per thread ahead of the merge', async () => {
    // Delays shuffle the order in which results arrive. 2 threads: the stand-in sits on chunk 1 while this
    // thread goes on alone, until the window stops it 6 chunks ahead of the merge (of 12 chunks).
    // 1 300 runs = 6 chunks, the last one short.
    const configs = [[2, 3000, (c: number) => (c === 1 ? 1500 : 5)], [3, 1300, (c: number) => ((c * 7) % 5) * 30], [4, 1300, () => 0]] as const;
    for (const [threads, runs, delay] of configs) {
      const r = await schedule(threads, runs, delay);
      expect(r.agg).toEqual(r.expected);
      expect(r.remote, `threads ${threads}: the stand-ins computed chunks`).toBeGreaterThan(0);
      expect(r.ahead).toBeLessThanOrEqual(3 * threads);
    }
  });

  it('a comparison (units of every variant) and a job of several scenarios (units of a chunk, or of a whole scenario) give what one thread gives', async () => {
    const patient = openScenario('tests/fixtures/static-default.yaml', ['parties.russia.discount=0.995']);
    const models = [open.model, patient.model];
    const shuffle = (u: number) => ((u * 7) % 5) * 20;
    // 700 runs = 3 chunks, the last one short.
    const compared = await scheduleJob({ kind: 'compare', scenarios: 2, seed: 6, runs: 700 }, models, 3, shuffle);
    expect(compared.remote).toBeGreaterThan(0);
    expect(compared.total).toEqual(simulateCompare(models, 6, 700));
    const each = models.map((m) => simulate(m, { seed: 6, runs: 600 }));
    for (const whole of [false, true]) {
      const r = await scheduleJob({ kind: 'simulate', scenarios: 2, seed: 6, runs: 600, whole }, models, 2, shuffle);
      expect(r.remote, `whole ${whole}`).toBeGreaterThan(0);
      expect(r.total, `whole ${whole}`).toEqual(each);
    }
  });

  it('on one thread, compareScenariosAsync and sensitivityAsync give the synchronous reports', async () => {
    const patient = openScenario('tests/fixtures/static-default.yaml', ['parties.russia.discount=0.995']);
    const variants = [{ label: 'base', open }, { label: 'patient', open: patient }];
    expect(await compareScenariosAsync(variants, { runs: 300, seed: 2, workers: 1 })).toEqual(compareScenarios(variants, { runs: 300, seed: 2 }));
    expect(await sensitivityAsync(open, { runs: 20, seed: 2, workers: 1 })).toEqual(sensitivity(open, { runs: 20, seed: 2 }));
  });

  it('a worker failure rejects the job with its error', async () => {
    const s = scheduleChunks(jobWork({ kind: 'simulate', scenarios: 1, seed: 1, runs: 5000 }, [open.model]), { threads: 2 });
    const sink: ChunkSink = { send: () => setTimeout(() => s.fail(new Error('worker fell over')), 10) };
    s.ready(sink);
    await expect(s.result).rejects.toThrow('worker fell over');
  });

  it('a run that throws in this thread rejects the job (no uncaught exception)', async () => {
    const bad = openUndrawable(api, 'tests/fixtures/uncertain.yaml', 'west');
    const s = scheduleChunks(jobWork({ kind: 'simulate', scenarios: 1, seed: 1, runs: 600 }, [bad.model]), { threads: 2 });
    await expect(s.result).rejects.toThrow(/could not draw a value inside its domain/);
  });
});

// The tests below run the built library and CLI (`npm test` builds first), each in a fresh process.
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', timeout: 150_000 });

/** Script lines: `broken` is `open` (default.yaml) with its text broken for the workers only (this thread has its compiled model). */
const BREAK_FOR_WORKERS = "const broken = { ...open, loaded: { ...open.loaded, source: { ...open.loaded.source, text: 'name: [' } } };";

describe('one worker pool for a sweep', { timeout: 300_000 }, () => {
  it("a sweep's JSON is byte-identical for 1, 2 and 3 threads", () => {
    // 750 runs = 3 chunks per point, so 2 and 3 threads split every point.
    const out = [1, 2, 3].map((w) => parley('sweep', 'tests/fixtures/static-default.yaml', '--param', 'parties.us.power=0.1:0.3:0.1', '-n', '750', '-s', '2', '-w', String(w), '-f', 'json'));
    for (const o of out) expect(o.status, o.stderr).toBe(0);
    expect(JSON.parse(out[0].stdout).points).toHaveLength(3);
    expect(out[1].stdout).toBe(out[0].stdout);
    expect(out[2].stdout).toBe(out[0].stdout);
  });

  it('a sweep of many points runs them as one job, whole points to whichever thread is free: the same JSON as one thread and as point by point', () => {
    // 7 points on 2 threads: at least 3 per thread, so each unit is a whole point. With --runs-out the points run one by
    // one on this thread (every run streamed in order): the report must be the same bytes either way.
    const args = ['sweep', 'tests/fixtures/static-default.yaml', '--param', 'parties.us.power=0.05:0.35:0.05', '-n', '300', '-s', '4', '-f', 'json'];
    const dir = mkdtempSync(join(tmpdir(), 'parley-sweep-'));
    try {
      const out = [parley(...args, '-w', '1'), parley(...args, '-w', '2'), parley(...args, '-w', '2', '--runs-out', join(dir, 'runs.csv'))];
      for (const o of out) expect(o.status, o.stderr).toBe(0);
      expect(JSON.parse(out[0].stdout).points).toHaveLength(7);
      expect(out[1].stdout).toBe(out[0].stdout);
      expect(out[2].stdout).toBe(out[0].stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a sweep point equals `run --set` at the same value, on 2 threads', () => {
    const sweep = parley('sweep', 'tests/fixtures/static-default.yaml', '--param', 'parties.us.power=0.15,0.25', '-n', '600', '-s', '3', '-w', '2', '-f', 'json');
    const run = parley('run', 'tests/fixtures/static-default.yaml', '--set', 'parties.us.power=0.25', '-n', '600', '-s', '3', '-w', '2', '-f', 'json');
    expect(sweep.status, sweep.stderr).toBe(0);
    const point = JSON.parse(sweep.stdout).points[1];
    expect(point.values).toEqual({ 'parties.us.power': 0.25 });
    expect(point.report).toEqual(JSON.parse(run.stdout));
  });

  it('several files on one pool: the same JSON as one thread', () => {
    const files = ['tests/fixtures/static-default.yaml', 'scenarios/conditional-aid.yaml'];
    const out = [1, 2].map((w) => parley('run', ...files, '-n', '500', '-s', '5', '-w', String(w), '-f', 'json'));
    for (const o of out) expect(o.status, o.stderr).toBe(0);
    expect(JSON.parse(out[0].stdout)).toHaveLength(2);
    expect(out[1].stdout).toBe(out[0].stdout);
  });

  it('starts its workers under node flags of V8 (--max-semi-space-size), with the same JSON', () => {
    const args = ['dist/cli/main.js', 'run', 'tests/fixtures/static-default.yaml', '-n', '500', '-w', '2', '-f', 'json'];
    const flagged = spawnSync(process.execPath, ['--max-semi-space-size=4', ...args], { encoding: 'utf8', timeout: 120_000 });
    expect(flagged.status, flagged.stderr).toBe(0);
    expect(flagged.stdout).toBe(parley(...args.slice(1)).stdout);
  });

  it('a job that fails in this thread, after one that ran on the pool, rejects, and ends every worker thread', () => {
    // The second job's runs throw in this thread while the workers are still compiling it (they
    // run its text fine): the pool must end its idle workers, or they keep the process alive.
    const r = runOnLibrary(`
      const good = api.openScenario('tests/fixtures/static-default.yaml');
      const bad = openUndrawable(api, 'tests/fixtures/static-default.yaml', 'russia');
      await api.withPool(3, async (pool) => {
        console.log('first', (await api.runScenarioAsync(good, { pool, runs: 1000 })).runs);
        await api.runScenarioAsync(bad, { pool, runs: 1000 });
      }).catch((e) => console.log('second', e.message));`);
    expect(r.error, 'the process ended by itself').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines).toEqual(['first 1000', 'second parties.russia.reservation: could not draw a value inside its domain in 10000 tries']);
  });

  it('a worker that cannot compile its job rejects the job, and later jobs on the pool reject with the same error', () => {
    // The second job's text is broken for the workers only (this thread has the compiled model).
    const r = runOnLibrary(`
      const open = api.openScenario('tests/fixtures/static-default.yaml');
      const pool = api.startPool(3);
      const agg = await pool.simulate(open, { seed: 1, runs: 1000 });
      console.log('first', json(agg) === json(api.internals.simulate(open.model, { seed: 1, runs: 1000 })));
      ${BREAK_FOR_WORKERS}
      await pool.simulate(broken, { seed: 1, runs: 5000 }).catch((e) => console.log('second', e.message));
      await pool.simulate(open, { seed: 1, runs: 1000 }).catch((e) => console.log('third', e.message));
      await pool.close();`);
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines[0]).toBe('first true');
    expect(r.lines[1]).toMatch(/^second worker could not open tests\/fixtures\/static-default\.yaml/);
    expect(r.lines[2]).toBe(r.lines[1].replace('second', 'third'));
  });

  it('an eager pool starts its workers before any job; unused, it closes at once; used, the same aggregate as one thread', () => {
    const r = runOnLibrary(`
      const idle = api.startPool(3, { eager: true });
      console.log('idle started', idle.started);
      await idle.close();
      const lazy = api.startPool(3);
      console.log('lazy started', lazy.started);
      await lazy.close();
      const open = api.openScenario('tests/fixtures/static-default.yaml');
      const pool = api.startPool(2, { eager: true });
      const agg = await pool.simulate(open, { seed: 1, runs: 1000 });
      await pool.close();
      console.log('same', json(agg) === json(api.internals.simulate(open.model, { seed: 1, runs: 1000 })));`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines).toEqual(['idle started 2', 'lazy started 0', 'same true']);
  });
});

describe('compare and sensitivity on the pool', { timeout: 300_000 }, () => {
  const sameFor123 = (...args: string[]) => {
    const out = [1, 2, 3].map((w) => parley(...args, '-w', String(w), '-f', 'json'));
    for (const o of out) expect(o.status, o.stderr).toBe(0);
    expect(out[1].stdout).toBe(out[0].stdout);
    expect(out[2].stdout).toBe(out[0].stdout);
    return JSON.parse(out[0].stdout);
  };

  it("compare's JSON is byte-identical for 1, 2 and 3 threads, with --variant and with two files", () => {
    // 600 runs = 3 chunks (the last one short), so 2 and 3 threads split the comparison.
    const variants = sameFor123('compare', 'tests/fixtures/static-default.yaml', '--variant', 'patient: parties.russia.discount=0.995', '-n', '600', '-s', '2');
    expect(variants.variants.map((v: { label: string }) => v.label)).toEqual(['baseline', 'patient']);
    const files = sameFor123('compare', 'tests/fixtures/static-default.yaml', 'scenarios/conditional-aid.yaml', '-n', '500', '-s', '3');
    expect(files.deltas).toHaveLength(1);
  });

  it("sensitivity's JSON is byte-identical for 1, 2 and 3 threads", () => {
    // 29 settings of 100 runs: each a unit of its own on 2 and 3 threads.
    const r = sameFor123('sensitivity', 'tests/fixtures/static-default.yaml', '-n', '100', '-s', '2');
    expect(r.rows.length).toBeGreaterThan(3);
  });

  it('a sweep point or a variant whose normal hardly lands in its domain is refused before anything runs', () => {
    // sd 10^9 on [0, 1]: validation refuses it (runs would give up drawing), so no worker starts a job.
    const wild = 'parties.russia.reservation={normal: [0.4, 1e9]}';
    const sweep = parley('sweep', 'tests/fixtures/static-default.yaml', '--set', 'parties.russia.reservation={normal: [0.4, 0.1]}', '--param', 'parties.russia.reservation.normal.1=0.1,1e9', '-n', '1000', '-w', '3');
    const compare = parley('compare', 'tests/fixtures/static-default.yaml', '--variant', `wild: ${wild}`, '-n', '1000', '-w', '3');
    for (const r of [sweep, compare]) {
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/parties\.russia\.reservation\.normal: expected a normal that gives a number in \[0, 1\] at least 1% of the time/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('a scenario a worker cannot compile rejects a comparison and a job of several scenarios', () => {
    // The second scenario's text is broken for the workers only (this thread has its compiled model).
    const r = runOnLibrary(`
      const open = api.openScenario('tests/fixtures/static-default.yaml');
      ${BREAK_FOR_WORKERS}
      for (const job of ['compare', 'simulateEach']) {
        const pool = api.startPool(2);
        const opens = job === 'compare' ? [open, broken] : [open, broken, open, broken, open, broken];
        await pool[job](opens, { seed: 1, runs: 5000 }).then(() => console.log(job, 'resolved'), (e) => console.log(job, e.message));
        await pool.close();
      }`);
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatch(/^compare worker could not open tests\/fixtures\/static-default\.yaml/);
    expect(r.lines[1]).toMatch(/^simulateEach worker could not open tests\/fixtures\/static-default\.yaml/);
  });
});
