import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import { scenario } from './helpers.js';
import { LeverPlan } from '../src/engine/levers.js';
import { MovingWorld } from '../src/engine/movingWorld.js';
import { RunStreams } from '../src/rng/runStreams.js';
import { roundValues } from '../src/solvers/equilibrium.js';

// Levers seen coming (PRODUCT.md "Levers are seen coming"; engine/levers.ts): rational players value
// continuation as an expectation over what the scenario's events may do.

/** Two parties split a unit (a's share x: u_a = x, u_b = 1 − x), δ = 0.9, a proposes in odd rounds; b's no-deal flow is 0.5 until an event sets it to 0. */
const split = (event: string) => `
name: lever
rounds: 12
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.5}
mechanism: {order: [a, b]}
events:
  - id: cut
${event}
    effects: [{set: {parties.b.reservation: 0}}]
`;

function firstOffer(yaml: string, run = 0): { share: number; rounds: RoundRecord[] } {
  const rounds: RoundRecord[] = [];
  playMechanism(scenario(yaml).model, 1, run, (r) => rounds.push(r));
  return { share: rounds[0].offer!.values[0], rounds };
}

describe('a lever that fires for sure at a known round', () => {
  // b's flow falls from 0.5 to 0 at the start of round 3. From round 3 on: Rubinstein with flows 0,
  // the proposer keeps 1/(1 + δ) = 1/1.9 and the responder gets δ/1.9.
  // Round 2 (b proposes): a's value of rejecting is 0.9 · V_a(3) = 0.9/1.9, so b offers a exactly that
  //   and keeps 1 − 0.9/1.9 = 1/1.9 (better than waiting: 0.1·0.5 + 0.9·(0.9/1.9) = 0.4763).
  // Round 1 (a proposes): b's value of rejecting is 0.1·0.5 + 0.9·V_b(2) = 0.05 + 0.9/1.9, so a keeps
  //   x₁ = 1 − 0.05 − 0.9/1.9 = 0.476316 (better than waiting: 0.9·V_a(2) = 0.81/1.9 = 0.4263).
  // Surprised players take b's 0.5 as permanent: a keeps a with 1 − a = 0.05 + 0.9·b and 1 − b = 0.9·a,
  //   so 0.19·a = 0.05, a = 0.263158: they give b more in round 1.
  const when = '    when: "round >= 3"\n    probability: 1';
  it('backward induction from the post-event Rubinstein split sets the first offer', () => {
    const { share, rounds } = firstOffer(split(when));
    expect(share).toBeCloseTo(1 - 0.05 - 0.9 / 1.9, 6);
    expect(rounds.length).toBe(1);
  });
  it('marked anticipated: false, it is a surprise: the stationary split on the flows as they stand', () => {
    const { share } = firstOffer(split(`${when}\n    anticipated: false`));
    expect(share).toBeCloseTo(0.05 / 0.19, 6);
  });
});

describe('a lever that fires with probability p each round', () => {
  // The event fires at the start of any round with p = 0.2, for good. After it: Rubinstein with
  // flows 0 (proposer 1/1.9). Before it, two-state Markov bargaining: with a = a's share when it
  // proposes and b = b's share when b proposes (the responders' values at the proposer's state, four
  // values in all, reduce to two equations since each responder is held to its value of rejecting):
  //   1 − a = 0.1·0.5 + 0.9·[(1 − p)·b + p/1.9]     (b's value of rejecting, b proposing next)
  //   1 − b = 0.1·0   + 0.9·[(1 − p)·a + p/1.9]     (a's value of rejecting, a proposing next)
  // i.e. a = 0.95 − 0.72·b − 0.18/1.9 and b = 1 − 0.72·a − 0.18/1.9.
  const p = 0.2;
  const k = (0.9 * p) / 1.9;
  const a = (0.95 - k - 0.72 * (1 - k)) / (1 - 0.72 * 0.72);
  it('the first offer solves the linear system (runs where it did not fire in round 1)', () => {
    const yaml = split(`    probability: ${p}`);
    let checked = 0;
    for (let run = 0; run < 6; run++) {
      const { share, rounds } = firstOffer(yaml, run);
      if (rounds[0].events) continue;
      expect(share).toBeCloseTo(a, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
  it('lies between the surprised split (p = 0) and the post-event split (p = 1)', () => {
    expect(a).toBeGreaterThan(0.05 / 0.19);
    expect(a).toBeLessThan(1 / 1.9);
  });
});

describe('three parties with a lever on one', () => {
  // a wants the share (u_a = x), b and c both want it low (u_b = u_c = 1 − x), all three veto, they
  // propose in the order a, b, c, δ = 0.9; c's flow is 0.5 until it falls to 0 at the start of round 3.
  // From round 3 on (flows 0), with x_s = a's share when s proposes: 1 − x_a = δ(1 − x_b) (b and c
  // are held to the same value), x_b = δ·x_c, x_c = δ·x_a, so x_a = 1/(1 + δ + δ²) = 1/2.71.
  // Round 3, c proposes: a gets δ/2.71, b and c get 1 − 0.9/2.71.
  // Round 2, b proposes: a must get 0.9·(0.9/2.71) = 0.298893; c's value of rejecting is
  //   0.05 + 0.9·(1 − 0.9/2.71) = 0.651107 ≤ 1 − 0.298893, so b offers a 0.298893.
  // Round 1, a proposes: c (flow 0.5) binds: 0.05 + 0.9·(1 − 0.298893) = 0.680996 > b's 0.630996,
  //   so a keeps 1 − 0.680996 = 0.319004.
  const yaml = `
name: three
rounds: 12
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0}
  c: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.5}
mechanism: {order: [a, b, c]}
events:
  - id: cut
    when: "round >= 3"
    effects: [{set: {parties.c.reservation: 0}}]
`;
  it('the first offer follows by backward induction from the post-event three-party split', () => {
    const { share } = firstOffer(yaml);
    const x2 = 0.9 * (0.9 / 2.71);
    expect(share).toBeCloseTo(1 - (0.05 + 0.9 * (1 - x2)), 6);
  });
});

describe('a drifting no-deal state enters continuation values through its expected path', () => {
  // a's share x: u_a = x, u_b = 1 − x; the no-deal state is a point on the same scale that starts at
  // 0.5 and drifts +0.1 a round toward a (no noise), each round of war costs each 0.1, δ = 0.9, a
  // proposes in odd rounds, a two-round window (the state is taken to stay at 0.7 after it).
  // After the window (a proposes, flows 0.6 and 0.2): 1 − x = 0.1·0.2 + 0.9·y and 1 − y = 0.1·0.6 + 0.9·x
  //   give x = 0.134/0.19 = 0.705263 (b's value 0.294737).
  // Round 2 (b proposes, state 0.6, flows 0.5 and 0.3): a needs 0.05 + 0.9·0.705263 = 0.684737; b keeps
  //   0.315263 (waiting: 0.03 + 0.9·0.294737 = 0.295263).
  // Round 1 (state 0.5, flows 0.4 and 0.4): b needs 0.04 + 0.9·0.315263 = 0.323737, so a keeps 0.676263.
  // Treating today's flows as permanent would give the symmetric split 0.96/1.9 = 0.505263.
  const yaml = `
name: drift
rounds: 2
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true}
mechanism: {order: [a, b]}
nodeal:
  state: {share: 0.5}
  drift: {share: 0.1}
  cost: {a: 0.1, b: 0.1}
`;
  it('the first offer follows by backward induction along the expected path', () => {
    const { share } = firstOffer(yaml);
    expect(share).toBeCloseTo(1 - (0.04 + 0.9 * (1 - (0.05 + 0.9 * (0.134 / 0.19)))), 6);
  });
});

describe('rounds that are already the stationary tail', () => {
  // The split above with the proposer drawn at random each round (a and b, 1/2 each) and the cut firing
  // with p = 1/2 each round from round 4 on (1-based), for good. From there the world is stationary:
  //   after the cut (flows 0, symmetric): V = 1/2·(1 − δ·V) + 1/2·δ·V, so V_a = V_b = 1/2;
  //   before it: E = 1/2·V + 1/2·(1/2, 1/2) is the next round's expected value, w_a = 0.9·E_a and
  //   w_b = 0.1·0.5 + 0.9·E_b; a proposing keeps 1 − w_b, b proposing gives a w_a, so with V_b = 1 − V_a:
  //   V_a = 1/2·(1 − 0.725 + 0.45·V_a) + 1/2·(0.45·V_a + 0.225) = 0.25 + 0.45·V_a, V_a = 5/11, V_b = 6/11.
  // Rounds 4 to 12 are that tail. Round 3's branches are round 4's (the same chances): it is at the same
  // fixed point. Round 2 leads to round 3 with no chance of the cut: T once from (5/11, 6/11):
  //   w_a = 0.9·5/11, w_b = 0.05 + 0.9·6/11, V_a = 1/2·(1 − w_b) + 1/2·w_a = 0.434091.
  const yaml = `
name: stretch
rounds: 12
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.5}
mechanism: {proposers: {a: 0.5, b: 0.5}}
events:
  - id: cut
    when: "round > 3"
    probability: 0.5
    effects: [{set: {parties.b.reservation: 0}}]
`;
  const model = scenario(yaml).model;
  const world = new MovingWorld(model, new RunStreams(1, 0));
  const plan = new LeverPlan(world, 0, world.snapshot(), 12, [null, null]);
  const none = Uint8Array.of(0), cut = Uint8Array.of(1);
  it('are valued at the tail fixed point, in closed form', () => {
    for (let t = 3; t < 12; t++) {
      const [a, b] = plan.at(t, none)!.value;
      expect(a).toBeCloseTo(5 / 11, 7);
      expect(b).toBeCloseTo(6 / 11, 7);
      expect([...plan.at(t, cut)!.value].map((v) => +v.toFixed(7))).toEqual([0.5, 0.5]);
    }
    expect(plan.at(2, none)!.value[0]).toBeCloseTo(5 / 11, 7);
    expect(plan.at(1, none)!.value[0]).toBeCloseTo(0.5 * (1 - 0.05 - (0.9 * 6) / 11) + 0.5 * ((0.9 * 5) / 11), 7);
    expect(plan.at(1, cut)).toBeUndefined();
  });
  it('from the round their branches are the tail\'s, stand for every round after it (not branched one by one)', () => {
    const first = plan.at(3, none);
    for (let t = 4; t < 12; t++) expect(plan.at(t, none)).toBe(first);
    expect(plan.at(2, none)).not.toBe(first);
    // The one-round step from the tail's values gives them back (they are its fixed point), to the solver's tolerance.
    const node = first!;
    node.g.rp.reservation.set(node.flows);
    node.g.continuation = { stay: 0, elsewhere: Float64Array.from(node.value, (v, i) => 0.5 * v + 0.5 * plan.at(3, cut)!.value[i]) };
    const stepped = roundValues(node.g);
    node.g.continuation = undefined;
    for (let i = 0; i < 2; i++) expect(Math.abs(stepped[i] - node.value[i])).toBeLessThan(1e-8);
  });
  it('a played run takes the tail\'s equilibrium there: the proposer leaves the responder its value of rejecting', () => {
    // In round 5 with nothing fired, b's value of rejecting is 0.05 + 0.9·(1/2·6/11 + 1/4) = 0.5205: what a offers b.
    const eq = plan.at(4, none)!.eq!;
    expect(eq.w[1]).toBeCloseTo(0.05 + 0.9 * (0.5 * (6 / 11) + 0.25), 7);
  });
});

describe('a plan made for floors only', () => {
  // Bayesian players with something private play the reference plan; the run's own plan then sets only each party's
  // floor (its value of no deal ever along its expected path), which needs no equilibrium (runPlay.ts `floorsOnly`).
  const model = scenario(readFileSync('scenarios/no-preconditions.yaml', 'utf8')).model;
  it('gives every branch the floors the solved plan gives it, without solving a game', () => {
    for (const run of [0, 3, 82]) {
      const world = new MovingWorld(model, new RunStreams(1, run));
      const offsets = world.beliefOffsets();
      for (const t0 of [0, 5, 20]) {
        const solved = new LeverPlan(world, t0, world.snapshot(), model.scenario.rounds, offsets);
        const floors = new LeverPlan(world, t0, world.snapshot(), model.scenario.rounds, offsets, new Map(), false, false);
        const fired = new Uint8Array(model.world!.events.length);
        for (let t = t0; t < model.scenario.rounds; t++) {
          const a = solved.at(t, fired)!, b = floors.at(t, fired)!;
          expect(b.eq).toBeNull();
          expect(Array.from(b.noDeal)).toEqual(Array.from(a.noDeal));
          expect(Array.from(b.seen)).toEqual(Array.from(a.seen));
        }
      }
    }
  });
});

describe('the plans of a run', () => {
  // A run plans again whenever its world strays from the plan's path; its plans share their games (LeverPlan `games`).
  const model = scenario(readFileSync('scenarios/war-and-talks.yaml', 'utf8')).model;
  it('share one game per parameters, seats and proposers, and value every branch as plans with games of their own do', () => {
    const world = new MovingWorld(model, new RunStreams(1, 7));
    const offsets = world.beliefOffsets();
    const games = new Map();
    const first = new LeverPlan(world, 0, world.snapshot(), model.scenario.rounds, offsets, new Map(), false, true, games);
    const again = new LeverPlan(world, 3, world.snapshot(), model.scenario.rounds, offsets, new Map(), false, true, games);
    const alone = new LeverPlan(world, 3, world.snapshot(), model.scenario.rounds, offsets);
    const fired = new Uint8Array(model.world!.events.length);
    expect(again.at(3, fired)!.g).toBe(first.at(0, fired)!.g);
    expect(alone.at(3, fired)!.g).not.toBe(first.at(0, fired)!.g);
    for (let t = 3; t < model.scenario.rounds; t++) {
      const a = again.at(t, fired)!, b = alone.at(t, fired)!;
      expect(Array.from(a.value)).toEqual(Array.from(b.value));
      expect(Array.from(a.eq!.V)).toEqual(Array.from(b.eq!.V));
    }
  });
});
