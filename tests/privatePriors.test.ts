import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import { openScenarioText } from '../src/api.js';
import { problemsOf, scenario } from './helpers.js';

// Private information where it belongs (issue 14 item 4; docs/model.md "Bayesian players under a plan"):
// bayesian players see levers coming through the plan of the world they believe in, and a party may keep
// its prior about the battlefield private, the others holding a distribution over it.

function play(yaml: string, run = 0) {
  const rounds: RoundRecord[] = [];
  const out = playMechanism(scenario(yaml).model, 1, run, (r) => rounds.push(r));
  return { out, rounds, share: rounds[0].offer?.values[0] ?? NaN };
}

/** a's share x (u_a = x, u_b = 1 − x), δ = 0.9, a proposes in odd rounds; b's no-deal flow is `b` until an event sets it to 0 from round 3. */
const lever = (b: string, strategy = 'bayesian', anticipated = true) => `
name: lever
rounds: 12
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0, strategy: ${strategy}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: ${b}, strategy: ${strategy}}
mechanism: {order: [a, b]}
events:
  - id: cut
    when: "round >= 3"
    anticipated: ${anticipated}
    effects: [{set: {parties.b.reservation: 0}}]
`;

describe('bayesian players see a lever that fires for sure at a known round', () => {
  it('with nothing private, offer by backward induction like rational players', () => {
    // tests/levers.test.ts's oracle: from round 3 Rubinstein on flows 0 (proposer 1/1.9); round 2, b
    // offers a 0.9/1.9; round 1, b's value of rejecting is 0.1·0.5 + 0.9·(1/1.9), so a keeps
    // 1 − 0.05 − 0.9/1.9 = 0.476316. Before, bayesian players took b's 0.5 as permanent (0.05/0.19 = 0.263158),
    // as they still do when the cut is a surprise.
    expect(play(lever('0.5')).share).toBeCloseTo(1 - 0.05 - 0.9 / 1.9, 9);
    expect(play(lever('0.5', 'rational')).share).toBeCloseTo(1 - 0.05 - 0.9 / 1.9, 9);
    expect(play(lever('0.5', 'bayesian', false)).share).toBeCloseTo(0.05 / 0.19, 9);
  });

  it('a proposer unsure of the responder\'s limit concedes to the toughest type the lever leaves', () => {
    // b's reservation is private, uniform on [0.4, 0.6]; a holds 128 sampled types r. The cut sets every
    // type's flow to 0 from round 3, so from there each type gets what the reference plan gives b: in
    // round 2 b proposes and keeps 1/1.9 (its value of rejecting, 0.1·r + 0.9·0.9/1.9 ≤ 0.4863, is below
    // it). In round 1 type r's value of rejecting is W(r) = 0.1·r + 0.9/1.9 ∈ [0.5137, 0.5337].
    // a's value of waiting is 0.9·(0.9/1.9) = 0.426316. Offering b the level L wins the types with W ≤ L:
    // with W uniform on a width of 0.02, EV(L) = Pr·(1 − L) + (1 − Pr)·0.426316 rises up to
    // L = (1 − 0.426316 + W_min)/2 ≈ 0.5437, above W_max, so a concedes W_max: it keeps
    // 1 − 0.1·r_max − 0.9/1.9, with r_max the largest sampled type (just below 0.6). b accepts at once.
    for (let run = 0; run < 3; run++) {
      const { out, share } = play(lever('{uniform: [0.4, 0.6], private: true}'), run);
      expect(share).toBeGreaterThan(1 - 0.1 * 0.6 - 0.9 / 1.9 - 1e-9);
      expect(share).toBeLessThan(1 - 0.1 * 0.59 - 0.9 / 1.9);
      expect(out.round).toBe(1);
    }
    // Surprised, a takes b's flow as permanent and gives far more (share near 0.05/0.19 at the mean type).
    expect(play(lever('{uniform: [0.4, 0.6], private: true}', 'bayesian', false)).share).toBeLessThan(0.3);
  });
});

/**
 * a's share x; the front sits on the same scale at 0.5 and does not move (drift 0, no noise); a war round
 * costs each 0.1; δ = 0.9; a one-round window (the plan's stationary tail starts in round 2); b holds a
 * prior about the drift with mean `bMean` (sd 0.05).
 */
const front = (bMean: string, a = 'bayesian', rounds = 1, extra = '') => `
name: optimism
rounds: ${rounds}
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, strategy: ${a}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, strategy: bayesian, beliefs: {drift: {share: {mean: ${bMean}, sd: 0.05}}}}
mechanism: {order: [a, b]}
nodeal:
  state: {share: 0.5}
  cost: {a: 0.1, b: 0.1}
${extra}`;

describe('a private prior whose holder is optimistic', () => {
  // b expects the front to move its way by μ a round (μ < 0: optimistic). In the tail its flow along its
  // own path is 1 − (0.5 + μ) − 0.1 = 0.4 − μ, a's stays 0.4. With b's flow believed to be 0.4 − m there
  // (m: what a thinks b's prior mean is), the tail's offers solve 1 − x = 0.1·(0.4 − m) + 0.9·(1 − y) and
  // y = 0.04 + 0.9·x: x = (0.096 + 0.1·m)/0.19 (a's share when a proposes), y = 0.04 + 0.9·x.
  // Round 1 (a proposes): b's value of rejecting is 0.1·0.4 + 0.9·(1 − y) = 0.904 − 0.81·x for every one
  // of its types (in round 2 it proposes the plan's offer and keeps 1 − y whatever its own flow), so a keeps
  //   k(m) = 0.096 + 0.81·(0.096 + 0.1·m)/0.19.
  const keep = (m: number) => 0.096 + (0.81 * (0.096 + 0.1 * m)) / 0.19;

  it('public, the optimism is priced in: a keeps k(−0.1) = 0.462632 (0.505263 without it)', () => {
    expect(play(front('-0.1')).share).toBeCloseTo(keep(-0.1), 9);
    expect(play(front('-0.1', 'rational')).share).toBeCloseTo(keep(-0.1), 9);
    expect(play(front('0')).share).toBeCloseTo(keep(0), 9);
  });

  it('private, a prices in what it believes of it: mean −0.05 of uniform [−0.1, 0] gives k(−0.05) = 0.483947', () => {
    // b's true prior is drawn from the same distribution; the offer depends on a's belief only.
    for (let run = 0; run < 3; run++) {
      const { out, share } = play(front('{uniform: [-0.1, 0], private: true}'), run);
      expect(share).toBeCloseTo(keep(-0.05), 9);
      expect(out.agreed).toBe(true);
    }
    // The direction: believing b more optimistic than it is not makes a concede more, less optimistic less.
    expect(play(front('{uniform: [-0.2, 0], private: true}')).share).toBeCloseTo(keep(-0.1), 9);
    expect(keep(-0.1)).toBeLessThan(keep(-0.05));
    expect(keep(-0.05)).toBeLessThan(keep(0));
  });
});

describe('a private prior the others know exactly', () => {
  // The belief is concentrated on the true mean (a one-point distribution): the reference plan is the
  // true plan and every sampled type is the truth, so the run is the public prior's (offers to rounding).
  const world = (mean: string, d: number, sigma: number, sd: number, rounds: number, bStrategy: string) => `
name: concentrated
rounds: ${rounds}
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, strategy: bayesian, beliefs: {drift: {share: {mean: ${-d}, sd: ${sd}}}}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, strategy: ${bStrategy}, beliefs: {drift: {share: {mean: ${mean}, sd: ${sd}}}}}
mechanism: {order: [a, b]}
nodeal:
  state: {share: 0.5}
  volatility: {share: ${sigma}}
  cost: {a: 0.05, b: 0.05}
events:
  - id: cut
    when: "round >= 2"
    probability: 0.5
    effects: [{shift: {nodeal.cost.a: 0.05}}]
`;
  it('reproduces the public-prior run', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.04, noNaN: true }),
        fc.constantFrom(0, 0.02),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('bayesian', 'rational'),
        fc.integer({ min: 0, max: 5 }),
        (m, d, sigma, sd, rounds, bStrategy, run) => {
          const pub = play(world(String(m), d, sigma, sd, rounds, bStrategy), run);
          const priv = play(world(`{uniform: [${m}, ${m}], private: true}`, d, sigma, sd, rounds, bStrategy), run);
          expect(priv.out.agreed).toBe(pub.out.agreed);
          expect(priv.out.round).toBe(pub.out.round);
          if (pub.out.terms) expect(priv.out.terms![0]).toBeCloseTo(pub.out.terms[0], 6);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('private priors that cannot be read', () => {
  const bad = (mean: string, nodeal = true) => `
name: bad
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, strategy: bayesian, beliefs: {drift: {share: {mean: ${mean}, sd: 0.05}}}}
  b: {ideal: {share: 0}, weights: {share: 1}, strategy: bayesian}
${nodeal ? 'nodeal: {state: {share: 0.5}}' : ''}
`;
  const problems = (yaml: string) => problemsOf(() => openScenarioText('inline.yaml', yaml, [])).join('\n');
  it('names the field, its line and column, and what is wrong', () => {
    // A drawn mean that is not private: the analyst's uncertainty about a prior everyone knows is not supported.
    expect(problems(bad('{uniform: [-0.1, 0]}'))).toMatch(/inline\.yaml:6:\d+ parties\.a\.beliefs\.drift\.share\.mean: a prior mean given as a distribution must be marked private: true/);
    expect(problems(bad('"fast"'))).toMatch(/inline\.yaml:6:\d+ parties\.a\.beliefs\.drift\.share\.mean: expected/);
    expect(problems(bad('{uniform: [0.1, -0.1], private: true}'))).toMatch(/inline\.yaml:6:\d+ parties\.a\.beliefs\.drift\.share\.mean\.uniform/);
    expect(problems(bad('{uniform: [-0.1, 0], private: true}', false))).toMatch(/parties\.a\.beliefs\.drift\.share: beliefs about the drift need a nodeal block/);
    expect(problems(bad('{uniform: [-0.1, 0], private: true}'))).toBe('');
  });
});
