import { describe, expect, it } from 'vitest';
import { runScenario, solveReport } from '../src/api.js';
import { playMechanism } from '../src/engine/engine.js';
import { scenario } from './helpers.js';

/**
 * `parley solve` and Fearon's range check under outside options: a party never signs below its outside
 * option. Two parties split x ∈ [0, 1] (a's share x, b's 1 − x, linear), no-deal values 0, both veto.
 */
const split = (outsideA: number | null, outsideB: number | null) => `name: split
rounds: 6
issues:
  x: {range: [0, 1], grid: 21}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: 0, discount: 0.9, veto: true${outsideA === null ? '' : `, outside: ${outsideA}`}}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: 0, discount: 0.9, veto: true${outsideB === null ? '' : `, outside: ${outsideB}`}}
mechanism: {order: [a, b]}
`;

describe('the axiomatic solutions respect outside options', () => {
  // The option is a constraint u_b ≥ o_b on the admissible packages, the disagreement point stays (0, 0)
  // (Binmore, Rubinstein & Wolinsky 1986). Nash: max x(1 − x) = x = 1/2 unconstrained. With o_b = 0.3 the
  // constraint 1 − x ≥ 0.3 does not bind: x = 1/2. With o_b = 0.7 it binds: the product rises in x up to
  // 1/2, so the best admissible x is 0.3 (b gets exactly 0.7). Egalitarian (max min gain): x = 1/2 unless
  // that leaves b below 0.7; then x = 0.3 too. Kalai–Smorodinsky with best gains a 0.3, b 1 over the
  // admissible set: x/0.3 = (1 − x)/1, x = 0.3/1.3.
  it('below the Nash share the option changes nothing; above it b gets exactly its option', () => {
    const low = solveReport(scenario(split(null, 0.3)));
    expect(low.solutions.nash.terms.x).toBeCloseTo(0.5, 5);
    const high = solveReport(scenario(split(null, 0.7)));
    expect(high.solutions.nash.terms.x).toBeCloseTo(0.3, 5);
    expect(high.solutions.nash.utility.b).toBeCloseTo(0.7, 5);
    expect(high.solutions.egalitarian.terms.x).toBeCloseTo(0.3, 5);
    expect(high.solutions['kalai-smorodinsky'].terms.x).toBeCloseTo(0.3 / 1.3, 4);
    // The disagreement point is still the no-deal flows.
    expect(high.disagreement).toEqual({ a: 0, b: 0 });
  });

  // o_a + o_b = 0.5 + 0.6 > 1: no split gives both at least their options.
  it('options that add up to more than the pie leave no solution', () => {
    expect(solveReport(scenario(split(0.5, 0.6))).solutions).toEqual({});
    expect(Object.keys(solveReport(scenario(split(0.4, 0.6))).solutions)).toHaveLength(4);
  });
});

describe("Fearon's range check counts outside options", () => {
  // No-deal flows 0 leave a range; options 0.5 and 0.6 (sum 1.1 > 1) close it: the run opens without a
  // range, and the party furthest above the best the other leaves it names the blocker: with a at 0.5,
  // b's best is 0.5, 0.1 short of its 0.6; with b at 0.6, a's best is 0.4, 0.1 short of 0.5 — a tie, the
  // lower index (a) first. With options 0.4 and 0.6 (sum 1) the range is a single point and exists.
  it('reports no range when the options cannot all be met, and a range when they can', () => {
    const closed = playMechanism(scenario(split(0.5, 0.6)).model, 1, 0);
    expect(closed.start).toEqual({ range: false, blocker: 0 });
    const open = playMechanism(scenario(split(0.4, 0.6)).model, 1, 0);
    expect(open.start).toEqual({ range: true });
    const none = playMechanism(scenario(split(null, null)).model, 1, 0);
    expect(none.start).toEqual({ range: true });
  });

  // The range is a statement about floors, not a forecast: here a never makes an offer b would take (b
  // needs 0.6, a 0.5), so b never has an offer to reject and its option to take; proposing in round 2 it
  // settles at x = 0.5 (b's 0.5 beats waiting) — below its option, which only a responder can take.
  it('the report counts those runs as opening without a range, whatever the play then does', () => {
    const r = runScenario(scenario(split(0.5, 0.6)), { runs: 5, seed: 1 });
    expect(r.range.atStart).toBe(0);
    expect(r.range.blockedBy).toEqual({ a: 1, b: 0 });
    expect(runScenario(scenario(split(null, null)), { runs: 5, seed: 1 }).range.atStart).toBe(1);
  });
});
