import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/api.js';
import { rubinsteinSplit, scenario } from './helpers.js';

// Rubinstein (1982), "Perfect equilibrium in a bargaining model", Econometrica 50(1):
// with alternating offers over one unit, linear utilities and no payoff while
// disagreeing, the first proposer gets (1 − δ2) / (1 − δ1·δ2) and agreement is immediate.
const split = rubinsteinSplit;

const pairs: [number, number][] = [
  [0.99, 0.95],
  [0.95, 0.99],
  [0.9, 0.9],
  [0.8, 0.6],
  [0.999, 0.998],
];

describe('Rubinstein alternating offers (rational, fixed order)', () => {
  for (const [d1, d2] of pairs) {
    for (const rounds of [24, 25]) {
      it(`δ = (${d1}, ${d2}), window ${rounds}: first proposer gets (1-δ2)/(1-δ1δ2) at once`, () => {
        const expected = (1 - d2) / (1 - d1 * d2);
        const r = runScenario(scenario(split(d1, d2, rounds)), { runs: 20, seed: 1 });
        const share = r.terms.share as { mean: number; p5: number; p95: number };
        // The issue asks for 0.005; the solver refines offers continuously, so it is far tighter.
        expect(Math.abs(share.mean - expected)).toBeLessThan(1e-5);
        expect(share.p5).toBeCloseTo(share.p95, 9);
        expect(r.agreement.rate).toBe(1);
        expect(r.roundsToAgreement.p90).toBe(1);
        expect(r.utility.a.mean).toBeCloseTo(expected, 5);
        expect(r.utility.b.mean).toBeCloseTo(1 - expected, 5);
      });
    }
  }

  it('the second mover gets the first proposer share when the order is reversed', () => {
    const text = split(0.9, 0.8, 24).replace('order: [a, b]', 'order: [b, a]');
    const r = runScenario(scenario(text), { runs: 5, seed: 1 });
    // b proposes first: b's share = (1 − δa)/(1 − δa·δb), so a gets the rest.
    expect((r.terms.share as { mean: number }).mean).toBeCloseTo(1 - (1 - 0.9) / (1 - 0.72), 5);
  });

  it('a coarse search grid does not coarsen the offer (continuous refinement)', () => {
    const text = split(0.99, 0.95, 24).replace('range: [0, 1],', 'range: [0, 1], grid: 5,');
    const r = runScenario(scenario(text), { runs: 5, seed: 1 });
    expect((r.terms.share as { mean: number }).mean).toBeCloseTo((1 - 0.95) / (1 - 0.99 * 0.95), 6);
  });
});
