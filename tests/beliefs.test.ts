import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import { posteriorDrift } from '../src/engine/beliefs.js';
import { openScenarioText } from '../src/api.js';
import { problemsOf, scenario } from './helpers.js';

// Beliefs about the battlefield (PRODUCT.md; docs/model.md): a normal prior on the no-deal state's
// drift per party, updated each round from the observed step, and no deal valued along one's own path.

describe('the posterior of the drift', () => {
  it('is the conjugate normal update', () => {
    // Prior N(0.01, 0.02²), shocks of sd 0.05, three steps summing to −0.03:
    // precisions 1/0.02² = 2500 and 1/0.05² = 400 per step, so
    // (0.01·2500 + (−0.03)·400) / (2500 + 3·400) = 13 / 3700 = 0.0035135.
    expect(posteriorDrift(0.01, 0.02, 0.05, 3, -0.03)).toBeCloseTo(13 / 3700, 12);
    expect(posteriorDrift(0.01, 0.02, 0.05, 0, 0)).toBe(0.01);
    // A certainty never moves; without noise the first step reveals the drift.
    expect(posteriorDrift(0.01, 0, 0.05, 5, 1)).toBe(0.01);
    expect(posteriorDrift(0.01, 0.02, 0, 1, -0.004)).toBe(-0.004);
  });

  it('updating step by step (yesterday\'s posterior as today\'s prior) equals updating on all the steps at once', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (mean, sd, sigma, steps) => {
          let m = mean, v = sd * sd;
          for (const x of steps) {
            const m1 = posteriorDrift(m, Math.sqrt(v), sigma, 1, x);
            v = 1 / (1 / v + 1 / (sigma * sigma));
            m = m1;
          }
          const sum = steps.reduce((a, b) => a + b, 0);
          expect(posteriorDrift(mean, sd, sigma, steps.length, sum)).toBeCloseTo(m, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** a's share x (u_a = x, u_b = 1 − x); the no-deal state sits on the same scale at 0.5; a war round costs each 0.05; δ = 0.9. */
const front = (beliefs: { a?: string; b?: string }, drift = 0) => `
name: optimism
rounds: 10
issues:
  share: {range: [0, 1], description: "a's share; the front line on the same scale"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true${beliefs.a ? `, beliefs: {drift: {share: ${beliefs.a}}}` : ''}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true${beliefs.b ? `, beliefs: {drift: {share: ${beliefs.b}}}` : ''}}
mechanism: {order: [a, b]}
nodeal:
  state: {share: 0.5}
  drift: {share: ${drift}}
  cost: {a: 0.05, b: 0.05}
`;

function play(yaml: string) {
  const rounds: RoundRecord[] = [];
  const out = playMechanism(scenario(yaml).model, 1, 0, (r) => rounds.push(r));
  return { out, rounds };
}

describe('optimism that fighting corrects', () => {
  // Each side believes the front moves its way by 0.05 a round (prior sd 0.05); it does not move at
  // all (drift 0, no noise). In round 1 each values no deal along its own path: a's flows 0.45, 0.50,
  // 0.55, … up to 0.95 (the front at 1), worth about 0.1·Σ 0.9^k·(0.45 + 0.05k) ≈ 0.45 + 0.05·9 = 0.9
  // to it, and b the same by symmetry: together more than the 1 a deal can share, so nothing b accepts
  // is worth waiting for a, and a makes no acceptable offer. At the start of round 2 both see a step
  // of 0: with no noise it reveals the drift (0), the optimism is gone, and b, proposing, offers the
  // stationary split on flows 0.45 each, which a accepts.
  it('closes the range in round 1; the first observed step opens it in round 2', () => {
    const { out, rounds } = play(front({ a: '{mean: 0.05, sd: 0.05}', b: '{mean: -0.05, sd: 0.05}' }));
    expect(rounds[0].offer === null || rounds[0].replies.some((r) => r === false)).toBe(true);
    expect(out.agreed).toBe(true);
    expect(out.round).toBe(2);
  });

  it('correct common priors reproduce the result without beliefs', () => {
    for (const drift of [0, 0.02]) {
      const known = play(front({}, drift));
      const believed = play(front({ a: `{mean: ${drift}, sd: 0.05}`, b: `{mean: ${drift}, sd: 0.05}` }, drift));
      expect(believed.out.round).toBe(known.out.round);
      believed.out.terms!.forEach((v, k) => expect(v).toBeCloseTo(known.out.terms![k], 9));
    }
  });
});

describe('beliefs that cannot be read', () => {
  const bad = (beliefs: string, nodeal = true) => `
name: bad
issues:
  share: {range: [0, 1]}
  status: {options: [none, full]}
parties:
  a: {ideal: {share: 1, status: full}, weights: {share: 1, status: 1}, beliefs: ${beliefs}}
  b: {ideal: {share: 0, status: none}, weights: {share: 1, status: 1}}
${nodeal ? 'nodeal: {state: {share: 0.5, status: none}, drift: {share: 0.01}}' : ''}
`;
  it('names the issue, the party and what is wrong', () => {
    expect(problemsOf(() => openScenarioText('inline.yaml', bad('{drift: {front: {mean: 0, sd: 1}}}'), [])).join('\n')).toMatch(/parties\.a\.beliefs\.drift\.front: unknown issue "front"/);
    expect(problemsOf(() => openScenarioText('inline.yaml', bad('{drift: {status: {mean: 0, sd: 1}}}'), [])).join('\n')).toMatch(/parties\.a\.beliefs\.drift\.status: beliefs about the drift apply to numeric issues/);
    expect(problemsOf(() => openScenarioText('inline.yaml', bad('{drift: {share: {mean: 0, sd: 1}}}', false), [])).join('\n')).toMatch(/needs? a nodeal block/);
    expect(problemsOf(() => openScenarioText('inline.yaml', bad('{drift: {share: {mean: 0, sd: -1}}}'), [])).join('\n')).toMatch(/parties\.a\.beliefs\.drift\.share\.sd/);
  });
});

describe('divergent priors', () => {
  // Same random numbers (seed, run indices), the same world; only how far apart the two priors are
  // changes. Optimism raises each side's value of fighting on, and learning wears it down at a pace
  // set by the noise and the priors' sd, not by their means: more divergence can only keep the range
  // closed longer.
  const world = (d: number, sigma: number, sd: number, cost: number) => `
name: divergent
rounds: 12
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, beliefs: {drift: {share: {mean: ${d}, sd: ${sd}}}}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, beliefs: {drift: {share: {mean: ${-d}, sd: ${sd}}}}}
mechanism: {order: [a, b]}
nodeal:
  state: {share: 0.5}
  volatility: {share: ${sigma}}
  cost: {a: ${cost}, b: ${cost}}
`;
  const meanDelay = (yaml: string) => {
    const model = scenario(yaml).model;
    let total = 0;
    for (let run = 0; run < 12; run++) {
      const out = playMechanism(model, 7, run);
      total += out.agreed ? out.round : 13;
    }
    return total / 12;
  };
  it('never shorten the mean delay', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.04, noNaN: true }),
        fc.double({ min: 0, max: 0.04, noNaN: true }),
        fc.double({ min: 0.005, max: 0.05, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        (x, y, sigma, sd, cost) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(meanDelay(world(hi, sigma, sd, cost))).toBeGreaterThanOrEqual(meanDelay(world(lo, sigma, sd, cost)));
        },
      ),
      { numRuns: 15 },
    );
  });
});
