import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../src/api.js';
import { gridPoints, parseSweepParam } from '../src/montecarlo/grid.js';
import { scenario } from './helpers.js';

const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });

describe('compare (common random numbers)', () => {
  it('a scenario compared with itself gives deltas of exactly zero', () => {
    const r = compareScenarios([{ label: 'a', open: scenario(uncertain) }, { label: 'b', open: scenario(uncertain) }], { runs: 120, seed: 2 });
    const d = r.deltas[0];
    expect(d.agreementRate).toEqual({ delta: 0, ci95: [0, 0], marked: false });
    for (const x of [...Object.values(d.utility), ...Object.values(d.terms), d.rounds]) expect(x?.delta ?? 0).toBe(0);
  });

  it('a delta is the difference of the levels, and pairing makes its interval narrower than independent samples would', () => {
    const runs = 300;
    const r = compareScenarios(
      [{ label: 'base', open: scenario(uncertain) }, { label: 'patient', open: scenario(uncertain, ['parties.west.discount=0.995']) }],
      { runs, seed: 2 },
    );
    const [a, b] = r.variants.map((v) => v.report.utility.east.mean as number);
    const d = r.deltas[0].utility.east!;
    expect(d.delta).toBeCloseTo(b - a, 5);
    // Independent-samples half-width for the agreement rate: 1.96·sqrt(p1(1−p1)/n + p2(1−p2)/n).
    const [p1, p2] = r.variants.map((v) => v.report.agreement.rate);
    const independent = 1.96 * Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / runs);
    const pairedHalf = (r.deltas[0].agreementRate!.ci95[1] - r.deltas[0].agreementRate!.ci95[0]) / 2;
    expect(pairedHalf).toBeLessThan(independent);
  });

  it('refuses to pair scenarios with different parties', () => {
    const other = uncertain.replace(/  broker:[\s\S]*$/, '');
    expect(() => compareScenarios([{ label: 'a', open: scenario(uncertain) }, { label: 'b', open: scenario(other) }], { runs: 10 })).toThrow(/cannot pair runs/);
  });

  it('prints a table with a delta column and marks, from the CLI', () => {
    // --wide: the header on one line (fitted to 100 columns it wraps before "[95% CI]").
    const r = parley('compare', 'tests/fixtures/uncertain.yaml', '--variant', 'hardline east: parties.east.reservation=0.9', '-n', '200', '--wide');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Δ hardline east − baseline \[95% CI\]/);
    expect(r.stdout).toMatch(/agreement rate .*\*/);
  });
});

describe('sweep', () => {
  it('parses ranges inclusively, without floating-point dust, and lists', () => {
    expect(parseSweepParam('a.b=0.1:0.3:0.1')).toEqual({ path: 'a.b', values: [0.1, 0.2, 0.3] });
    expect(parseSweepParam('x=low,mid')).toEqual({ path: 'x', values: ['low', 'mid'] });
    expect(parseSweepParam('x=1:0:0.1')).toMatch(/from <= to/);
    expect(parseSweepParam('nothing')).toMatch(/expects path=from:to:step/);
    expect(gridPoints([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y'] }])).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' },
    ]);
  });

  it('a sweep point equals the corresponding run with --set', () => {
    const sweep = JSON.parse(parley('sweep', 'tests/fixtures/uncertain.yaml', '--param', 'parties.west.discount=0.95,0.99', '-n', '150', '-s', '4', '-f', 'json').stdout);
    const run = JSON.parse(parley('run', 'tests/fixtures/uncertain.yaml', '--set', 'parties.west.discount=0.99', '-n', '150', '-s', '4', '-f', 'json').stdout);
    const point = sweep.points[1].report;
    expect(sweep.points[1].values).toEqual({ 'parties.west.discount': 0.99 });
    expect(point.agreement).toEqual(run.agreement);
    expect(point.utility).toEqual(run.utility);
    expect(point.terms).toEqual(run.terms);
  });

  it('rejects a bad grid value before running anything', () => {
    const r = parley('sweep', 'tests/fixtures/uncertain.yaml', '--param', 'parties.west.discount=0.9,1.5', '-n', '10');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--set parties\.west\.discount/);
  });
});

describe('sensitivity', () => {
  it('ranks the parameters by swing, and a parameter with no effect last (swing 0)', async () => {
    const { sensitivity } = await import('../src/api.js');
    // The broker ignores territory (weight 0), so its drawn territorial ideal cannot matter.
    const open = scenario(uncertain, ['parties.broker.weights.territory=0', 'parties.broker.ideal.territory={uniform: [0, 1]}']);
    const r = sensitivity(open, { runs: 150, seed: 3 });
    const last = r.rows[r.rows.length - 1];
    expect(last.path).toBe('parties.broker.ideal.territory');
    expect(last.swing).toBe(0);
    expect(last.atLow).toEqual(last.atHigh);
    for (let i = 1; i < r.rows.length; i++) expect(r.rows[i - 1].swing).toBeGreaterThanOrEqual(r.rows[i].swing);
    // p10/p90 of uniform [0.5, 0.8] (east's territorial weight) are 0.53 and 0.77, up to sampling error.
    const w = r.rows.find((x) => x.path === 'parties.east.weights.territory')!;
    expect(w.low).toBeCloseTo(0.53, 2);
    expect(w.high).toBeCloseTo(0.77, 2);
  });

  it('clamps ±20% of fixed numbers to their domain (a discount never reaches 1)', async () => {
    const { sensitivityTargets } = await import('../src/montecarlo/sensitivity.js');
    const t = sensitivityTargets(scenario(uncertain).model, { includeFixed: true }).find((x) => x.path === 'parties.west.discount')!;
    expect(t.basis).toBe('±20%');
    expect(t.low).toBeCloseTo(0.776, 9);
    expect(t.high).toBeLessThan(1);
  });
});

describe('per-run export (--runs-out)', () => {
  it('streams one CSV row per run that adds up to the report, and JSON Lines too', async () => {
    const { mkdtempSync, readFileSync: read } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'parley-'));
    const r = parley('run', 'tests/fixtures/uncertain.yaml', '-n', '60', '-s', '2', '-f', 'json', '--runs-out', join(dir, 'runs.csv'));
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    const lines = read(join(dir, 'runs.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(61);
    const head = lines[0].split(',');
    expect(head.slice(0, 3)).toEqual(['run', 'agreed', 'round']);
    const agreed = lines.slice(1).filter((l) => l.split(',')[1] === 'true').length;
    expect(agreed).toBe(report.agreement.count);
    parley('run', 'tests/fixtures/uncertain.yaml', '-n', '5', '--runs-out', join(dir, 'runs.jsonl'));
    const records = read(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => x.run)).toEqual([0, 1, 2, 3, 4]);
    expect(parley('run', 'tests/fixtures/uncertain.yaml', '-n', '5', '--runs-out', join(dir, 'runs.txt')).status).toBe(2);
  });
});

describe('run --outer (how much is assumption)', () => {
  it('pools K × n runs and spreads the agreement rate across the K assumption draws', async () => {
    const { runOuter } = await import('../src/api.js');
    const r = runOuter(scenario(uncertain), { outer: 12, runs: 20, seed: 5 });
    expect(r.runs).toBe(240);
    const o = r.outer!;
    expect(o.draws).toBe(12);
    expect(o.agreementRate.p5).toBeLessThanOrEqual(o.agreementRate.p50);
    expect(o.agreementRate.p50).toBeLessThanOrEqual(o.agreementRate.p95);
    // Draws differ (uncertain reservations decide whether a zone of agreement exists).
    expect(o.agreementRate.p95 - o.agreementRate.p5).toBeGreaterThan(0);
  });

  it('collapses to a point when nothing is uncertain', async () => {
    const { runOuter } = await import('../src/api.js');
    const fixed = scenario(readFileSync('tests/fixtures/rubinstein.yaml', 'utf8'));
    const r = runOuter(fixed, { outer: 5, runs: 4, seed: 1 });
    const o = r.outer!;
    expect(o.agreementRate).toEqual({ p5: 1, p50: 1, p95: 1 });
    expect(o.terms.share.p5).toBe(o.terms.share.p95);
  });

  it('assumption draw k fixes each uncertain parameter at the value run k draws', async () => {
    const { assumptionDraw } = await import('../src/montecarlo/outer.js');
    const { drawRunParams } = await import('../src/model/runParams.js');
    const { model } = scenario(uncertain);
    const sets = assumptionDraw(model, 7, 3);
    const reservation = Number(sets.find((s) => s.startsWith('parties.east.reservation='))!.split('=')[1]);
    expect(reservation).toBe(drawRunParams(model, 7, 3).reservation[0]);
  });
});
