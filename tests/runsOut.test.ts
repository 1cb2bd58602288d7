import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// --runs-out on run, compare and sweep (issue 17, item 7): one record per run that adds up to
// the report beside it and carries what it needs to be traced alone. The CLI is dist/: build first.
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });
const SCENARIO = 'tests/fixtures/uncertain.yaml';
const dir = mkdtempSync(join(tmpdir(), 'parley-runs-'));

/** CSV as records (the files quote only cells with a comma or a quote; these have none). */
function readCsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

type NoDeal = { windowReached: number; walkedAway: number; noFeasiblePackage: number };

describe('compare --runs-out', () => {
  it('one row per run and variant that adds up to each variant\'s report, with end reason, seed and sha256', () => {
    const file = join(dir, 'compare.csv');
    const r = parley('compare', SCENARIO, '--variant', 'patient: parties.west.discount=0.99', '-n', '40', '-s', '3', '-f', 'json', '--runs-out', file);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const rows = readCsv(file);
    expect(rows).toHaveLength(80);
    for (const v of report.variants as { label: string; report: { agreement: { count: number }; noDeal: NoDeal; scenario: { sha256: string } } }[]) {
      const mine = rows.filter((x) => x.variant === v.label);
      expect(mine.map((x) => Number(x.run))).toEqual([...Array(40).keys()]);
      expect(mine.filter((x) => x.agreed === 'true')).toHaveLength(v.report.agreement.count);
      expect(mine.filter((x) => x.end === 'window')).toHaveLength(v.report.noDeal.windowReached);
      expect(mine.filter((x) => x.end === 'deal')).toHaveLength(v.report.agreement.count);
      // A deal's utilities are given exactly when there is a deal.
      expect(mine.every((x) => (x.agreed === 'true') === (x.deal_utility_east !== ''))).toBe(true);
      expect(new Set(mine.map((x) => `${x.seed} ${x.scenario_sha256}`))).toEqual(new Set([`3 ${v.report.scenario.sha256}`]));
    }
  });
});

describe('sweep --runs-out', () => {
  it('JSON Lines: every run of every point, the point\'s value first and a number', () => {
    const file = join(dir, 'sweep.jsonl');
    const r = parley('sweep', SCENARIO, '--param', 'parties.west.discount=0.9,0.99', '-n', '25', '-f', 'json', '--runs-out', file);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(50);
    expect(Object.keys(records[0])[0]).toBe('parties.west.discount');
    report.points.forEach((p: { values: Record<string, number>; report: { agreement: { count: number } } }) => {
      const mine = records.filter((x) => x['parties.west.discount'] === p.values['parties.west.discount']);
      expect(mine).toHaveLength(25);
      expect(mine.filter((x) => x.agreed)).toHaveLength(p.report.agreement.count);
    });
  });
});

describe('run --runs-out', () => {
  it('names the events each run fired', () => {
    const file = join(dir, 'run.csv');
    const r = parley('run', 'scenarios/war-and-talks.yaml', '-n', '30', '-f', 'json', '--runs-out', file);
    expect(r.status, r.stderr).toBe(0);
    const rows = readCsv(file);
    const fired = rows.filter((x) => x.events_fired !== '');
    expect(fired.length).toBeGreaterThan(0);
    const ids = new Set(fired.flatMap((x) => x.events_fired.split(';')));
    const yaml = readFileSync('scenarios/war-and-talks.yaml', 'utf8');
    for (const id of ids) expect(yaml).toMatch(new RegExp(`id: ${id}\\b`));
  });
});
