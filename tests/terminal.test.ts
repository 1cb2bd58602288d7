import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { positiveInt } from '../src/cli/options.js';
import { parseSweepParam } from '../src/montecarlo/grid.js';
import { progressLine } from '../src/report/progress.js';
import { DEFAULT_TABLE_WIDTH, drawTable, fitColumns, setTableWidth, wrapCell } from '../src/report/table.js';
import { addMonths, roundDate } from '../src/scenario/calendar.js';

// Notebook plumbing and terminal fit (issue 17, items 7 and 8). The spawned CLI is dist/: build first.
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });
const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
const SCENARIO = 'tests/fixtures/uncertain.yaml';

describe('counts written as analysts write them', () => {
  it('-n accepts 1e4 and 10_000 as 10000, still refusing what is not a whole number >= 1', () => {
    const runs = positiveInt('runs');
    expect(runs('1e4')).toBe(10000);
    expect(runs('10_000')).toBe(10000);
    expect(runs('250')).toBe(250);
    for (const bad of ['1.5', '0', '-3', 'ten', '1e400', '']) expect(() => runs(bad)).toThrow(/runs must be a whole number >= 1/);
  });
});

describe('the calendar clamps month ends', () => {
  it('2025-01-31 + 1 month is 2025-02-28 (JavaScript alone says 2025-03-03); a leap year gives the 29th', () => {
    const cal = { start: '2025-01-31', round: '1 month' };
    expect([2, 3, 4, 13].map((r) => roundDate(cal, r))).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2026-01-31']);
    expect(roundDate({ start: '2024-01-31', round: '1 month' }, 2)).toBe('2024-02-29');
    expect(roundDate({ start: '0050-01-31', round: '1 month' }, 2)).toBe('0050-02-28');
    expect(roundDate({ start: '2025-08-18', round: '1 week' }, 3)).toBe('2025-09-01');
  });

  it('property: k months later is k calendar months on, on the same day or the month\'s last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 240 }), (y, m, day, k) => {
        const start = new Date(0);
        start.setUTCFullYear(y, m, 1);
        const daysIn = (yy: number, mm: number) => {
          const x = new Date(0);
          x.setUTCFullYear(yy, mm + 1, 0);
          return x.getUTCDate();
        };
        start.setUTCDate(Math.min(day, daysIn(y, m)));
        const d = addMonths(start, k);
        const months = (d.getUTCFullYear() - y) * 12 + d.getUTCMonth() - m;
        return months === k && d.getUTCDate() === Math.min(start.getUTCDate(), daysIn(d.getUTCFullYear(), d.getUTCMonth()));
      }),
    );
  });
});

describe('sweep values keep their types', () => {
  it('a list is read as --set reads each value: numbers, booleans, text', () => {
    expect(parseSweepParam('parties.a.discount=0.95,0.97')).toEqual({ path: 'parties.a.discount', values: [0.95, 0.97] });
    expect(parseSweepParam('parties.a.strategy=rational,boulware')).toEqual({ path: 'parties.a.strategy', values: ['rational', 'boulware'] });
    expect(parseSweepParam('parties.a.veto=true,false')).toEqual({ path: 'parties.a.veto', values: [true, false] });
  });

  it('sweep -f json gives numbers for a list as for a range', () => {
    const r = parley('sweep', SCENARIO, '-n', '20', '-w', '1', '-f', 'json', '--param', 'parties.east.discount=0.9,0.95');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).points.map((p: { values: Record<string, unknown> }) => p.values['parties.east.discount'])).toEqual([0.9, 0.95]);
  });

  it('sweep without --param is refused with its usage (it used to run one point)', () => {
    const r = parley('sweep', SCENARIO, '-n', '20', '-w', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sweep needs at least one --param');
    expect(r.stderr).toContain('Usage: parley sweep [options] <scenario>');
    expect(r.stdout).toBe('');
  });
});

describe('-o infers the format from the extension', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-out-'));
  it('out.json is JSON and out.csv CSV without -f; a contradicting -f is refused before the run', () => {
    expect(parley('run', SCENARIO, '-n', '20', '-w', '1', '-o', join(dir, 'out.json')).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).runs).toBe(20);
    expect(parley('run', SCENARIO, '-n', '20', '-w', '1', '-o', join(dir, 'out.csv')).status).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')[0]).toBe('scenario,section,key,stat,value');
    const r = parley('run', SCENARIO, '-n', '20', '-w', '1', '-f', 'table', '-o', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a json file by its extension, but -f asks for table');
  });
});

describe('tables fit 100 columns', () => {
  afterEach(() => setTableWidth(DEFAULT_TABLE_WIDTH));

  it('water-filling cuts only the widest columns, to a common cap', () => {
    // By hand: budget 30 over [5, 20, 20] → the two wide ones share 25: 12 each (5 + 12 + 12 = 29 <= 30, 5 + 13 + 13 = 31).
    expect(fitColumns([5, 20, 20], 30)).toEqual([5, 12, 12]);
    expect(fitColumns([5, 6], 30)).toEqual([5, 6]);
  });

  it('wrapping keeps every character, breaks at spaces and _ . first, and fits the width', () => {
    expect(wrapCell('value_ukraine', 8)).toBe('value_\nukraine');
    expect(wrapCell('0.059 → 0.007', 8)).toBe('0.059 →\n0.007');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '_', '.', 'x'), maxLength: 80 }), fc.integer({ min: 3, max: 20 }), (text, w) => {
        const wrapped = wrapCell(text, w);
        return wrapped.split('\n').every((l) => l.length <= w) && wrapped.replace(/\s/g, '') === text.replace(/\s/g, '');
      }),
    );
  });

  it('a wide table is drawn within 100 columns, and as wide as its content when the width is lifted (--wide)', () => {
    const head = ['parties.russia.utility.security.values.article5_like', 'agreement at low', 'territory low → high', 'security low → high', 'aid low → high'];
    const rows = [['parties.russia.reservation', '0.993', '0.059 → 0.007', 'monitoring 10% → 0%', '0.970 → 0.000']];
    expect(widest(drawTable(head, rows))).toBeLessThanOrEqual(100);
    setTableWidth(Infinity);
    expect(widest(drawTable(head, rows))).toBeGreaterThan(100);
  });

  it('run, compare and sensitivity tables fit 100 columns; --wide draws them whole', () => {
    for (const args of [['run', SCENARIO, '-n', '50'], ['compare', SCENARIO, '--variant', 'patient east: parties.east.discount=0.97', '-n', '50'], ['sensitivity', SCENARIO, '-n', '10']]) {
      const r = parley(...args, '-w', '1');
      expect(r.status, r.stderr).toBe(0);
      expect(widest(r.stdout)).toBeLessThanOrEqual(100);
    }
    expect(widest(parley('sensitivity', SCENARIO, '-n', '10', '-w', '1', '--wide').stdout)).toBeGreaterThan(100);
  });
});

describe('the progress line', () => {
  it('shows the count, the rate and the time left, and never exceeds the terminal width', () => {
    // 4,000 of 10,000 runs in 2 s: 2,000 runs/s, 6,000 left → 3 s.
    expect(progressLine('default', 4000, 10000, 2000, 100)).toBe('default [############..................] 4,000/10,000 · 2,000 runs/s · ETA 3s');
    expect(progressLine('default', 10000, 10000, 5400, 100)).toMatch(/10,000\/10,000 · 1,852 runs\/s · done in 5s$/);
    for (const columns of [20, 40, 60, 200]) expect(progressLine('a-long-scenario-name', 123, 1e6, 999, columns).length).toBeLessThan(columns);
  });

  it('is redrawn in place on a terminal: carriage return and line clear, no newline until the end', () => {
    // About 1.5 s of runs on one thread: the line appears after the first second.
    const out = join(mkdtempSync(join(tmpdir(), 'parley-progress-')), 'r.json');
    const r = spawnSync('script', ['-qc', `${process.execPath} dist/cli/main.js run ${SCENARIO} -n 1000 -w 1 -o ${out}`, '/dev/null'], { encoding: 'utf8' });
    if (r.error) return; // no `script` on this machine: the pure function above is the check
    const draws = r.stdout.split('\r\u001b[2K').slice(1);
    expect(draws.length).toBeGreaterThan(0);
    expect(draws.slice(0, -1).every((d) => !d.includes('\n'))).toBe(true);
    expect(draws[draws.length - 1]).toMatch(/1,000\/1,000 · [\d,]+ runs\/s · done in/);
  });
});
