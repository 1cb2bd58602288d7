import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareScenarios, runOuter, sensitivity } from '../src/api.js';
import { renderCompareCsv, renderCompareTable } from '../src/report/compare.js';
import { renderTable } from '../src/report/format.js';
import { largestShareChange, renderSensitivityTable, swingInterval, type Outcome } from '../src/report/sensitivity.js';
import { renderSweepCsv, type SweepReport } from '../src/report/sweep.js';
import { sweepScenario } from '../src/api.js';
import { scenario } from './helpers.js';

// Option issues first-class (issue 17, item 3) and uncertainty labelled where it is shown (item 5).
const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');

describe('sensitivity', () => {
  it('a swing\'s interval: the difference of two rates over n runs each, treated as independent (by hand)', () => {
    // 0.5 → 0.7 over 100 runs: half-width 1.96·sqrt((0.25 + 0.21)/100) = 0.132934; swing 0.2 ± that.
    const [lo, hi] = swingInterval(0.5, 0.7, 100);
    expect(lo).toBeCloseTo(0.067066, 5);
    expect(hi).toBeCloseTo(0.332934, 5);
    // An interval of the signed difference that spans 0: the swing's runs from 0.
    expect(swingInterval(0.5, 0.52, 100)[0]).toBe(0);
    expect(swingInterval(0.7, 0.5, 100)).toEqual(swingInterval(0.5, 0.7, 100));
  });

  it('options issues as shares of deals, not a mean position; the option that moves most is shown', () => {
    const at = (shares: Record<string, number>): Outcome => ({ agreementRate: 1, terms: {}, shares: { security: shares } });
    expect(largestShareChange(at({ none: 0.5, monitoring: 0.25, force: 0.25 }), at({ none: 0.5, monitoring: 0.125, force: 0.375 }), 'security')).toEqual({ option: 'monitoring', low: 0.25, high: 0.125 });
    expect(largestShareChange(at({ none: 0.1, monitoring: 0.9 }), at({ none: 0.4, monitoring: 0.6 }), 'security')?.option).toBe('none');
    const r = sensitivity(scenario(uncertain), { runs: 50, seed: 1 });
    for (const row of r.rows) {
      expect(Object.keys(row.atLow.terms)).toEqual(['territory']);
      const s = row.atLow.shares.security;
      if (s) expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(row.swingCi95[0]).toBeLessThanOrEqual(row.swing);
      expect(row.swingCi95[1]).toBeGreaterThanOrEqual(row.swing);
    }
    const table = renderSensitivityTable(r);
    expect(table).toContain('security: the share moving most');
    expect(table).toMatch(/(none|monitoring|force) \d+% → \d+%/);
    expect(table).toContain('swing [95%]: the interval of simulation noise alone');
  });
});

describe('compare: option shares with paired differences', () => {
  it('each option\'s share of each variant\'s deals, and Δ their difference with an interval', () => {
    const r = compareScenarios([{ label: 'base', open: scenario(uncertain) }, { label: 'hard', open: scenario(uncertain, ['parties.east.reservation=0.5', 'parties.west.discount=0.99']) }], { runs: 300, seed: 4 });
    const [a, b] = r.variants.map((v) => (v.report.terms.security as { shares: Record<string, number> }).shares);
    for (const o of ['none', 'monitoring', 'force']) {
      const d = r.deltas[0].shares.security[o]!;
      expect(d.delta).toBeCloseTo(b[o] - a[o], 5);
      expect(d.ci95[0]).toBeLessThanOrEqual(d.delta);
    }
    expect(renderCompareTable(r)).toMatch(/security = monitoring \(share of/);
    expect(renderCompareCsv(r)).toMatch(/^delta:hard,optionShare,security=monitoring,/m);
  });
});

describe('sweep: option shares', () => {
  it('CSV: a share column per option, summing to 1 over each point\'s deals', async () => {
    const s = scenario(uncertain);
    const r: SweepReport = await sweepScenario(s, [{ path: 'parties.west.discount', values: [0.9, 0.99] }], { runs: 100, seed: 1 });
    const [head, ...rows] = renderSweepCsv(r).trim().split('\n').map((l) => l.split(','));
    const cols = ['none', 'monitoring', 'force'].map((o) => head.indexOf(`share_security_${o}`));
    expect(cols.every((c) => c > 0)).toBe(true);
    for (const row of rows) expect(cols.reduce((t, c) => t + Number(row[c]), 0)).toBeCloseTo(1, 5);
  });
});

describe('the interval\'s kind is named', () => {
  it('run: simulation noise; with --outer the spread across assumption draws comes first', () => {
    const r = runOuter(scenario(uncertain), { outer: 4, runs: 40, seed: 1 });
    const text = renderTable(r);
    expect(text.indexOf('How much is assumption')).toBeLessThan(text.indexOf('Agreement, all 160 runs pooled'));
    expect(text).toContain('95% CI, simulation noise only');
  });
});
