import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/api.js';
import { solveEquilibrium } from '../src/solvers/equilibrium.js';
import { gameForRun } from '../src/core/game.js';
import { scenario } from './helpers.js';

// Baron & Ferejohn (1989), "Bargaining in legislatures", APSR 83(4), closed rule with
// unanimity: the stationary equilibrium value of each party equals its recognition
// probability, whatever the common δ (V_i = p_i(1 − δΣ_{k≠i}V_k) + (1 − p_i)δV_i is solved by V = p).
const text = `
name: baron-ferejohn
rounds: 10
issues:
  a: {range: [0, 1], grid: 21}
  b: {range: [0, 1], grid: 21}
  c: {range: [0, 1], grid: 21}
constraints: ["a + b + c <= 1"]
parties:
  pa: {ideal: {a: 1}, weights: {a: 1}, discount: 0.9, veto: true}
  pb: {ideal: {b: 1}, weights: {b: 1}, discount: 0.9, veto: true}
  pc: {ideal: {c: 1}, weights: {c: 1}, discount: 0.9, veto: true}
mechanism: {proposers: {pa: 0.5, pb: 0.3, pc: 0.2}}
`;
const p = { pa: 0.5, pb: 0.3, pc: 0.2 };

describe('Baron–Ferejohn random recognition with unanimity', () => {
  it('equilibrium values equal the recognition probabilities', () => {
    const eq = solveEquilibrium(gameForRun(scenario(text).model, 1, 0));
    expect(eq.converged).toBe(true);
    expect(Array.from(eq.V)).toEqual([expect.closeTo(0.5, 6), expect.closeTo(0.3, 6), expect.closeTo(0.2, 6)]);
    // Each proposer offers each responder exactly δ·p_i and keeps the rest: pa keeps 1 − 0.9·0.5.
    const offerA = eq.choices[0].offers[0]!.values;
    expect(Array.from(offerA)).toEqual([expect.closeTo(0.55, 6), expect.closeTo(0.27, 6), expect.closeTo(0.18, 6)]);
  });

  it('mean utility over Monte Carlo runs equals each party\'s p within Monte Carlo error', () => {
    const runs = 4000;
    const r = runScenario(scenario(text), { runs, seed: 7 });
    expect(r.agreement.rate).toBe(1);
    for (const [party, prob] of Object.entries(p)) {
      // Payoff is 1 − δ(1 − p_i) when i proposes (probability p_i), δp_i otherwise:
      // sd = (1 − δ)·sqrt(p_i(1 − p_i)), so 4 standard errors bound the Monte Carlo error.
      const se = ((1 - 0.9) * Math.sqrt(prob * (1 - prob))) / Math.sqrt(runs);
      expect(Math.abs(r.utility[party].mean! - prob)).toBeLessThan(4 * se);
    }
  });
});
