import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import type { Model } from '../src/model/types.js';
import { problemsOf, scenario } from './helpers.js';
import { openScenarioText } from '../src/api.js';

/**
 * A mediator under a decision rule: three signatories and a mediator m on one issue x ∈ [0, 1]. a and b
 * want x high (u = x), c wants it low (u = 1 − x); no-deal values 0.2, 0.3, 0.4; δ = 0.9. m, with bias 1,
 * tables its own best text x = 0.9 first.
 */
const three = (decision: string) => `name: three
rounds: 12
issues:
  x: {range: [0, 1], grid: 11}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: 0.2, discount: 0.9}
  b: {ideal: {x: 1}, weights: {x: 1}, reservation: 0.3, discount: 0.9}
  c: {ideal: {x: 0}, weights: {x: 1}, reservation: 0.4, discount: 0.9}
  m: {ideal: {x: 0.9}, weights: {x: 1}, veto: false}
mechanism: {kind: mediator, mediator: m, bias: 1, step: 0.25${decision}}
`;

function traced(model: Model) {
  const rounds: RoundRecord[] = [];
  const out = playMechanism(model, 1, 0, (r) => rounds.push(r));
  return { out, rounds };
}

describe('a mediator under a decision rule', () => {
  // Quota 2 of the three signatories (m does not vote). Round 1's text x = 0.9 gives a 0.9, b 0.9, c 0.1.
  // c falls short of its level 0.4 and rejects. Forward-looking a: if it rejected, the rule (known to all)
  // would amend toward c by a quarter of its shortfall — c's requirement 0.1 + 0.25·(0.4 − 0.1) = 0.175,
  // so x₂ = 0.825, m's best text meeting it — and a and b would pass x₂ by majority. So a's value of
  // rejecting is (1 − δ)·0.2 + δ·0.825 = 0.02 + 0.7425 = 0.7625 < 0.9, b's 0.03 + 0.7425 = 0.7725 < 0.9:
  // both accept, c is outvoted, and x = 0.9 passes in round 1 with the winning coalition {a, b}.
  it('majority of the signatories: the holdout is outvoted and the first text passes', () => {
    const { out, rounds } = traced(scenario(three(', decision: {quota: 2}')).model);
    expect(out.round).toBe(1);
    expect(out.terms![0]).toBeCloseTo(0.9, 12);
    expect(rounds[0].replies).toEqual([true, true, false, null]);
    expect(rounds[0].thresholds[0]).toBeCloseTo(0.7625, 12);
    expect(rounds[0].thresholds[1]).toBeCloseTo(0.7725, 12);
    expect(out.coalition).toBe(0b011);
  });

  // Under unanimity c must sign: the text moves toward it by a quarter of its shortfall each round,
  // x = 0.9, 0.825, 0.75, 0.675, then c's level in full (1 − x ≥ 0.4): x = 0.6 in round 5.
  it('under unanimity the same holdout is amended toward, round by round', () => {
    const { out, rounds } = traced(scenario(three('')).model);
    expect(rounds.map((r) => r.offer!.values[0])).toEqual([0.9, 0.825, 0.75, 0.675, 0.6].map((x) => expect.closeTo(x, 9)));
    expect(out.round).toBe(5);
    expect(out.terms![0]).toBeCloseTo(0.6, 9);
  });

  // Weighted votes a 1, b 1, c 2, threshold 3: a and b together weigh 2, so c is not outvoted in round 1
  // (the first text fails as under unanimity), and no deal passes without c's vote.
  it('weighted votes: a holdout whose weight is needed is not outvoted', () => {
    const { out, rounds } = traced(scenario(three(', decision: {votes: {a: 1, b: 1, c: 2}, threshold: 3}')).model);
    expect(rounds[0].replies).toEqual([true, true, false, null]);
    expect(out.agreed).toBe(true);
    expect(out.round).toBeGreaterThan(1);
    expect((out.coalition ?? 0) & 0b100).toBe(0b100);
  });
});

describe('a mediator under a decision rule: bad input is refused with a located message', () => {
  const problems = (decision: string) => problemsOf(() => openScenarioText('inline.yaml', three(decision)));
  it('the mediator does not vote', () => {
    expect(problems(', decision: {votes: {a: 1, m: 1}, threshold: 1}')).toEqual([expect.stringMatching(/^inline\.yaml:\d+:\d+ mechanism\.decision\.votes\.m: "m" is the mediator: it drafts the text and does not vote/)]);
  });
  it('a quota counts the signatories, not the mediator', () => {
    expect(problems(', decision: {quota: 4}')).toEqual([expect.stringMatching(/mechanism\.decision\.quota: quota 4 is more than the 3 signatories \(a, b, c; the mediator m does not vote\): expected 1 to 3/)]);
  });
  it('outside options stay refused under a rule', () => {
    const text = three(', decision: {quota: 2}').replace('reservation: 0.2,', 'reservation: 0.2, outside: 0.3,');
    expect(problemsOf(() => openScenarioText('inline.yaml', text))).toEqual([expect.stringMatching(/parties\.a\.outside: outside options are not played under a decision rule yet/)]);
  });
});
