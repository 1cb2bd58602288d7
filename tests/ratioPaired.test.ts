import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../src/api.js';
import { sampleNormal } from '../src/rng/distributions.js';
import { streamFor } from '../src/rng/stream.js';
import { addPair, paired, pairedInterval } from '../src/stats/paired.js';
import { addRatioPair, mergeRatioPaired, ratioPaired, ratioPairedInterval } from '../src/stats/ratioPaired.js';
import { readFileSync } from 'node:fs';
import { scenario } from './helpers.js';

// Comparisons that add up (issue 17, item 4): a conditional mean's Δ is the difference of the
// two means shown, with a paired interval by the delta method for ratio estimators.
describe('the paired difference of conditional means', () => {
  it('equals the plain paired interval when every run counts on both sides', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 2, maxLength: 50 }), (xs) => {
        const r = ratioPaired();
        const p = paired();
        for (const [a, b] of xs) {
          addRatioPair(r, a, b);
          addPair(p, b - a);
        }
        const [x, y] = [ratioPairedInterval(r)!, pairedInterval(p)!];
        return Math.abs(x.delta - y.delta) < 1e-9 && Math.abs(x.ci95[0] - y.ci95[0]) < 1e-6 && Math.abs(x.ci95[1] - y.ci95[1]) < 1e-6;
      }),
    );
  });

  it('is the difference of each side\'s own mean (by hand), and merging chunks changes nothing', () => {
    // A counts runs 0, 1, 2 (values 1, 2, 3: mean 2); B counts runs 1, 2, 3 (values 4, 6, 8: mean 6). Δ = 6 − 2 = 4.
    const runs: [number | null, number | null][] = [[1, null], [2, 4], [3, 6], [null, 8]];
    const whole = ratioPaired();
    runs.forEach(([a, b]) => addRatioPair(whole, a, b));
    const [first, second] = [ratioPaired(), ratioPaired()];
    runs.slice(0, 2).forEach(([a, b]) => addRatioPair(first, a, b));
    runs.slice(2).forEach(([a, b]) => addRatioPair(second, a, b));
    mergeRatioPaired(first, second);
    expect(ratioPairedInterval(whole)).toMatchObject({ delta: 4, a: 2, b: 6 });
    expect(ratioPairedInterval(first)).toEqual(ratioPairedInterval(whole));
    expect(ratioPairedInterval(ratioPaired())).toBeNull();
  });

  it('covers the true difference about 95% of the time (seeded simulation, 400 samples of 300 paired runs)', () => {
    // Runs with a shared shock s: x_A = 1 + s + e_A, x_B = 1.3 + s + e_B; A counts with probability 0.7,
    // B with 0.6 (independently of x), so the true difference of conditional means is 0.3.
    let covered = 0;
    for (let k = 0; k < 400; k++) {
      const rng = streamFor(17, k, 'draw:coverage');
      const p = ratioPaired();
      for (let i = 0; i < 300; i++) {
        const s = sampleNormal(rng, 0, 1);
        const [xa, xb] = [1 + s + sampleNormal(rng, 0, 0.3), 1.3 + s + sampleNormal(rng, 0, 0.3)];
        addRatioPair(p, rng() < 0.7 ? xa : null, rng() < 0.6 ? xb : null);
      }
      const d = ratioPairedInterval(p)!;
      if (d.ci95[0] <= 0.3 && 0.3 <= d.ci95[1]) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.98);
  });
});

describe('compare: every Δ is the difference of the two numbers beside it', () => {
  it('rounds and numeric terms: means over each variant\'s own deals, Δ their difference', () => {
    const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');
    const r = compareScenarios([{ label: 'base', open: scenario(uncertain) }, { label: 'patient', open: scenario(uncertain, ['parties.west.discount=0.995', 'parties.east.reservation=0.5']) }], { runs: 300, seed: 2 });
    const [a, b] = r.variants.map((v) => v.report);
    // Before: rounds compared only over runs where both reached a deal, so Δ ≠ b − a.
    expect(r.deltas[0].rounds!.delta).toBeCloseTo((b.roundsToAgreement.mean as number) - (a.roundsToAgreement.mean as number), 5);
    const term = (x: typeof a) => (x.terms.territory as { mean: number }).mean;
    expect(r.deltas[0].terms.territory!.delta).toBeCloseTo(term(b) - term(a), 5);
    expect(a.agreement.count).not.toBe(b.agreement.count);
  });
});
