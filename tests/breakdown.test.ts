import { describe, expect, it } from 'vitest';
import { openScenarioText, runScenario } from '../src/api.js';
import { explainRun } from '../src/api/explain.js';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import { gameForRun } from '../src/core/game.js';
import { solveAxiomatic } from '../src/solvers/axiomatic/solve.js';
import { searchTopOffers, topOffers } from '../src/solvers/proposer.js';
import { problemsOf, scenario } from './helpers.js';
import { compareScenarios } from '../src/api/compare.js';
import { withOverrides } from '../src/api.js';
import { compareRows } from '../src/report/compare.js';

// Deals that can break down (PRODUCT.md "Deals can break down"; docs/model.md).

/** Two parties split a unit (a's share x), δ = 0.9, a proposes in odd rounds, no-deal flows 0.2 (a) and 0.1 (b). */
const split = (breakdown: string, rounds = 12) => `
name: fragile
rounds: ${rounds}
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.2}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.1}
mechanism: {order: [a, b]}
${breakdown}
`;

describe('a constant hazard with collapse into war for good', () => {
  // A deal worth u is worth κ·u + (1 − κ)·d, κ = (1 − δ)/(1 − δ(1 − h)) = 0.1/(1 − 0.9·0.95) = 0.1/0.145.
  // With X = a's share when a proposes and Y = b's when b proposes, b is held to its value of rejecting:
  //   κ(1 − X) + (1 − κ)·0.1 = 0.1·0.1 + 0.9·[κY + (1 − κ)·0.1]   ⇔   1 − X = 0.1·0.1 + 0.9·Y
  // (the (1 − κ)·d terms cancel), and likewise 1 − Y = 0.1·0.2 + 0.9·X: the shares are Rubinstein's on
  // the flows, X = (1 − 0.01 − 0.9·0.98)/(1 − 0.81) = 0.108/0.19 = 0.568421; only the values shrink
  // toward the flows: V_a = κX + (1 − κ)·0.2, V_b = κ(1 − X) + (1 − κ)·0.1 in a's round.
  const kappa = 0.1 / 0.145;
  const X = 0.108 / 0.19;
  const yaml = split('breakdown: {hazard: 0.05, after: war}');
  it('splits as Rubinstein on the flows, and values each deal at κ·u + (1 − κ)·d', () => {
    const rounds: RoundRecord[] = [];
    playMechanism(scenario(yaml).model, 1, 0, (r) => rounds.push(r));
    expect(rounds[0].offer!.values[0]).toBeCloseTo(X, 6);
    expect(rounds[0].offer!.utils[0]).toBeCloseTo(kappa * X + (1 - kappa) * 0.2, 6);
    expect(rounds[0].offer!.utils[1]).toBeCloseTo(kappa * (1 - X) + (1 - kappa) * 0.1, 6);
    const t = explainRun(scenario(yaml).model, 1, 0);
    expect(t.equilibrium!.values.a).toBeCloseTo(kappa * X + (1 - kappa) * 0.2, 6);
    expect(t.equilibrium!.values.b).toBeCloseTo(kappa * (1 - X) + (1 - kappa) * 0.1, 6);
  });
  it('hazard 0 is the game without breakdown', () => {
    const rounds: RoundRecord[] = [];
    playMechanism(scenario(split('breakdown: {hazard: 0}')).model, 1, 0, (r) => rounds.push(r));
    const plain: RoundRecord[] = [];
    playMechanism(scenario(split('')).model, 1, 0, (r) => plain.push(r));
    expect(rounds[0].offer!.values[0]).toBeCloseTo(plain[0].offer!.values[0], 9);
    expect(rounds[0].offer!.utils[0]).toBeCloseTo(plain[0].offer!.utils[0], 9);
  });
  it('collapses at the rate it is given, and after a collapse there is only war', () => {
    // Over 400 runs × 11 rounds after the round-1 deal, about 1 − 0.95^11 = 43.1% collapse.
    const r = runScenario(scenario(yaml), { runs: 400, seed: 1 });
    expect(r.agreement.rate).toBe(1);
    expect(r.breakdown!.collapsed).toBeGreaterThan(0.35);
    expect(r.breakdown!.collapsed).toBeLessThan(0.51);
    expect(r.breakdown!.held).toBeCloseTo(1 - r.breakdown!.collapsed, 9);
    // War for good: the rounds after the first collapse are all war (12 − first collapse + 1).
    expect(r.breakdown!.meanWarRounds).toBeCloseTo(13 - (r.breakdown!.meanCollapseRound as number), 6);
  });
});

describe('a collapse that costs (breakdown.cost)', () => {
  // Collapse into war for good at flows d, with a one-off loss c_i on the value scale: a deal worth u is
  // worth W_i = κ·u + (1 − κ)·(d_i − c_i). b's indifference in a's round,
  //   κ(1 − X) + (1 − κ)(d_b − c_b) = 0.1·d_b + 0.9·[κY + (1 − κ)(d_b − c_b)],
  // divided by κ: 1 − X = 0.9·Y + 0.1·d_b' with d_b' = d_b + c_b·(1 − κ)/κ; likewise 1 − Y = 0.9·X + 0.1·d_a'.
  // The cost acts as a higher no-deal flow. h = 0.05: κ = 0.1/0.145, (1 − κ)/κ = 0.045/0.1 = 0.45.
  // With c_a = 0, c_b = 0.5: d_a' = 0.2, d_b' = 0.1 + 0.225 = 0.325, so Y = 0.98 − 0.9·X and
  // 1 − X = 0.882 − 0.81·X + 0.0325, X = 0.0855/0.19 = 0.45.
  const kappa = 0.1 / 0.145;
  it('prices the loss into the split: a gives b more', () => {
    const yaml = split('breakdown: {hazard: 0.05, after: war, cost: {b: 0.5}}');
    const rounds: RoundRecord[] = [];
    playMechanism(scenario(yaml).model, 1, 0, (r) => rounds.push(r));
    expect(rounds[0].offer!.values[0]).toBeCloseTo(0.45, 6);
    expect(rounds[0].offer!.utils[1]).toBeCloseTo(kappa * 0.55 + (1 - kappa) * (0.1 - 0.5), 6);
    const t = explainRun(scenario(yaml).model, 1, 0);
    expect(t.equilibrium!.values.a).toBeCloseTo(kappa * 0.45 + (1 - kappa) * 0.2, 6);
  });
  it('closes the range when the deal is fragile, not when it is safe: the hazard moves the rate', () => {
    // Fearon's range on the risked values: W_i ≥ d_i ⇔ u_i ≥ d_i + c_i·(1 − κ)/κ. With c = 1 for both:
    // h = 0.05 needs x ≥ 0.65 and 1 − x ≥ 0.55, empty; h = 0.01 (κ = 0.1/0.109, (1 − κ)/κ = 0.09)
    // needs x ≥ 0.29 and 1 − x ≥ 0.19, and a deal comes in round 1.
    const fragile = runScenario(scenario(split('breakdown: {hazard: 0.05, after: war, cost: {a: 1, b: 1}}')), { runs: 20, seed: 1 });
    const safe = runScenario(scenario(split('breakdown: {hazard: 0.01, after: war, cost: {a: 1, b: 1}}')), { runs: 20, seed: 1 });
    expect(fragile.agreement.rate).toBe(0);
    expect(safe.agreement.rate).toBe(1);
    expect(safe.roundsToAgreement.mean).toBe(1);
  });
  it('is charged when the deal collapses: a sure collapse realises the deal\'s value', () => {
    // h = 1: the deal pays u in its round, then collapses into war for good: (1 − δ)·u + δ·(d − c) = W with κ = 0.1.
    const yaml = split('breakdown: {hazard: 1, after: war, cost: {b: 0.05}}');
    const t = explainRun(scenario(yaml).model, 1, 0);
    expect(t.end.agreed).toBe(true);
    expect(t.end.round).toBe(1);
    expect(t.end.breakdown!.collapsedIn).toEqual([2]);
    const x = t.rounds[0].offer!.share as number;
    expect(t.end.values.b).toBeCloseTo(0.1 * (1 - x) + 0.9 * (0.1 - 0.05), 9);
    expect(t.end.values.a).toBeCloseTo(0.1 * x + 0.9 * 0.2, 9);
  });
  it('compare pairs the deals in force at the window\'s end, beside the rate', () => {
    // The same costs as above: the fragile variant never agrees (its range is closed), the safe one agrees
    // in round 1 and its deal collapses with chance 0.01 a round: in force after 11 more rounds with chance 0.99^11.
    const base = scenario(split('breakdown: {hazard: 0.05, after: war, cost: {a: 1, b: 1}}'));
    const safe = withOverrides(base, { 'breakdown.hazard': 0.01 });
    const r = compareScenarios([{ label: 'fragile', open: base }, { label: 'safe', open: safe }], { runs: 400, seed: 1 });
    expect(r.deltas[0].agreementRate!.delta).toBe(1);
    expect(r.deltas[0].holding!.delta).toBeGreaterThan(0.99 ** 11 - 0.06);
    expect(r.deltas[0].holding!.delta).toBeLessThan(0.99 ** 11 + 0.06);
    expect(compareRows(r).rows.map((row) => row[0])).toContain("deal in force at the window's end (share of runs)");
  });
  it('the axiomatic solutions count it too', () => {
    // The Nash product of the risked gains: (κ(x − 0.2) − (1 − κ)·c_a)·(κ(0.9 − x) − (1 − κ)·c_b), maximal at
    // x − 0.2 − r·c_a = 0.9 − x − r·c_b with r = (1 − κ)/κ = 0.45; c_a = 0, c_b = 0.2: x = (1.1 − 0.09)/2 = 0.505.
    const sols = solveAxiomatic(gameForRun(scenario(split('breakdown: {hazard: 0.05, after: war, cost: {b: 0.2}}')).model, 1, 0))!;
    expect(sols.find((s) => s.id === 'nash')!.values[0]).toBeCloseTo(0.505, 5);
  });
  it('names only parties of the scenario', () => {
    expect(problemsOf(() => openScenarioText('x.yaml', split('breakdown: {hazard: 0.05, cost: {c: 0.1}}'))).join('\n')).toMatch(/breakdown\.cost\.c: unknown party "c"/);
    expect(problemsOf(() => openScenarioText('x.yaml', split('breakdown: {hazard: 0.05, cost: {a: 2}}'))).join('\n')).toMatch(/breakdown\.cost\.a/);
  });
});

describe('a hazard that depends on the terms', () => {
  // A guarantee lowers the chance of collapse: with equal utilities for both options, b (who cares
  // about the guarantee only through the risk) and a both prefer the safer deal.
  const yaml = `
name: guarantees
rounds: 12
issues:
  share: {range: [0, 1]}
  security: {options: [monitoring, article5_like]}
parties:
  a: {ideal: {share: 1, security: monitoring}, weights: {share: 1, security: 0}, discount: 0.9, veto: true, reservation: 0.2}
  b: {ideal: {share: 0, security: monitoring}, weights: {share: 1, security: 0}, discount: 0.9, veto: true, reservation: 0.1}
mechanism: {order: [a, b]}
breakdown: {hazard: 'security == "article5_like" ? 0.01 : 0.2', after: war}
`;
  it('makes the safer terms the deal', () => {
    const r = runScenario(scenario(yaml), { runs: 50, seed: 1 });
    expect((r.terms.security as { shares: Record<string, number> }).shares.article5_like).toBe(1);
  });
  it('the general search (per combination, at the risked thresholds) finds what the closed form finds', () => {
    const g = gameForRun(scenario(yaml).model, 1, 0);
    const w = Float64Array.from([0.2, 0.3]);
    for (const j of [0, 1]) {
      const [closed] = topOffers(g, j, w, 1);
      const [searched] = searchTopOffers(g, j, w, 1);
      expect(searched.combo).toBe(closed.combo);
      expect(searched.utils[j]).toBeCloseTo(closed.utils[j], 6);
    }
  });
  it('the axiomatic solutions price the risk too: the same split, on the safer terms', () => {
    // Valued at κ_c·u + (1 − κ_c)·d, the gains over d are κ_c·(u − d): the Nash product is κ_c² times
    // the riskless one, so within a combination the split is the riskless Nash split, x with
    // x − 0.2 = (1 − x) − 0.1, x = 0.55, and the larger κ (article5_like) wins.
    const sols = solveAxiomatic(gameForRun(scenario(yaml).model, 1, 0))!;
    const nash = sols.find((s) => s.id === 'nash')!;
    expect(nash.values[1]).toBe(1);
    expect(nash.values[0]).toBeCloseTo(0.55, 6);
  });
});

describe('breakdown that cannot be read', () => {
  const bad = (extra: string) => `
name: bad
issues:
  share: {range: [0, 1]}
  front: {range: [0, 1]}
parties:
  a: {ideal: {share: 1, front: 1}, weights: {share: 1, front: 1}}
  b: {ideal: {share: 0, front: 0}, weights: {share: 1, front: 1}}
${extra}
`;
  it('is refused with its place and the reason', () => {
    expect(problemsOf(() => openScenarioText('x.yaml', bad('breakdown: {hazard: 0.1}'))).join('\n')).toMatch(/breakdown\.hazard: a breakdown hazard works with at most one numeric issue/);
    expect(problemsOf(() => openScenarioText('x.yaml', bad('breakdown: {hazard: 1.5}'))).join('\n')).toMatch(/breakdown\.hazard/);
    expect(problemsOf(() => openScenarioText('x.yaml', bad('breakdown: {hazard: "share > 0.5 ? 0.1 : 0"}'))).join('\n')).toMatch(/options issues only/);
    expect(problemsOf(() => openScenarioText('x.yaml', bad('breakdown: {hazard: 0.1, after: peace}'))).join('\n')).toMatch(/breakdown\.after/);
  });
});
