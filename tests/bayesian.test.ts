import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/api.js';
import { playMechanism } from '../src/engine/engine.js';
import { gameForRun } from '../src/core/game.js';
import { bayesianWorld, BeliefCache } from '../src/strategies/bayesian/world.js';
import { reply } from '../src/core/reply.js';
import { streamFor } from '../src/rng/stream.js';
import { BayesianPlay } from '../src/strategies/bayesian/play.js';
import { ReciprocalState } from '../src/strategies/reciprocal/reciprocal.js';
import { scenario } from './helpers.js';

const rubinstein = readFileSync(new URL('./fixtures/rubinstein.yaml', import.meta.url), 'utf8');
const allBayesian = (ids: string[]) => ids.map((id) => `parties.${id}.strategy=bayesian`);
/** A report without its header (which names the overrides). */
const body = (r: ReturnType<typeof runScenario>) => JSON.stringify({ ...r, scenario: null });

describe('bayesian play with nothing private is rational play', () => {
  it('gives the same report on the default scenario (drawn parameters, mixed equilibria)', () => {
    const rational = scenario(readFileSync(new URL('./fixtures/static-default.yaml', import.meta.url), 'utf8'));
    const bayesian = scenario(readFileSync(new URL('./fixtures/static-default.yaml', import.meta.url), 'utf8'), allBayesian(['us', 'ukraine', 'russia', 'europe']));
    expect(body(runScenario(bayesian, { runs: 30, seed: 3 }))).toBe(body(runScenario(rational, { runs: 30, seed: 3 })));
  });

  it('makes the rational offers through its expected-value search when every belief is certain', () => {
    // A private draw from a one-point distribution: the search and the learning run, but every type is the true one.
    const sets = ['parties.a.reservation={uniform: [0.2, 0.2], private: true}', 'parties.b.reservation={uniform: [0.1, 0.1], private: true}'];
    const rational = scenario(rubinstein, sets);
    const bayesian = scenario(rubinstein, [...sets, ...allBayesian(['a', 'b'])]);
    for (let run = 0; run < 3; run++) {
      const r = playMechanism(rational.model, 1, run);
      const b = playMechanism(bayesian.model, 1, run);
      expect(b.agreed).toBe(true);
      expect(b.round).toBe(r.round);
      expect(b.terms![0]).toBeCloseTo(r.terms![0], 7);
    }
  });
});

const fearon = `name: fearon
rounds: 12
issues:
  x: {range: [0, 1]}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: {uniform: [0.2, 0.6], private: true}, discount: 0.9, veto: true, strategy: bayesian}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: {uniform: [0.1, 0.5], private: true}, discount: 0.9, veto: true, strategy: bayesian}
mechanism: {order: [a, b]}
`;

describe('private information (Fearon 1995: bargaining failure from private information)', () => {
  it('brings delay and breakdown that complete information does not have', () => {
    const bayes = runScenario(scenario(fearon), { runs: 300, seed: 1 });
    const rational = runScenario(scenario(fearon, allBayesian(['a', 'b']).map((s) => s.replace('bayesian', 'rational'))), { runs: 300, seed: 1 });
    // Reservations sum to less than 1 in most runs: complete information agrees at once whenever they do.
    expect(rational.roundsToAgreement.p90).toBe(1);
    expect(bayes.agreement.rate).toBeGreaterThan(0);
    expect(bayes.agreement.rate).toBeLessThan(rational.agreement.rate);
    expect(bayes.roundsToAgreement.mean).toBeGreaterThan(1);
  });

  it('solves the reference game only when the stationary heuristic reads it (a run that plans never does)', () => {
    const { model } = scenario(fearon);
    const g = gameForRun(model, 1, 0);
    const world = bayesianWorld(new BeliefCache(), model, { seed: 1, runIndex: 0 }, g.rp);
    // Beliefs, types' parameters and who proposes are known without the reference equilibrium.
    expect(world.referenceSolved).toBe(false);
    expect(world.beliefs[1].types[0].params.reservation.length).toBe(model.parties.length);
    const play = new BayesianPlay(g, world);
    expect(world.referenceSolved).toBe(false);
    // The first reader of a value of rejecting works them out, from the reference equilibrium.
    const needed = play.needed(1, 0);
    expect(world.referenceSolved).toBe(true);
    expect(world.recognition).toEqual(world.ref.eq.recognition);
    // The same values as beliefs whose reference was solved first.
    const eager = bayesianWorld(new BeliefCache(), model, { seed: 1, runIndex: 0 }, g.rp);
    void eager.ref;
    expect(new BayesianPlay(g, eager).needed(1, 0)).toBe(needed);
  });

  it('rules out, after a rejection, every type that would have accepted', () => {
    const { model } = scenario(fearon);
    const g = gameForRun(model, 1, 0);
    const world = bayesianWorld(new BeliefCache(), model, { seed: 1, runIndex: 0 }, g.rp);
    const play = new BayesianPlay(g, world);
    const offer = play.offer(0, 0)!;
    expect(offer).not.toBeNull();
    play.observe(offer, [null, false], 0);
    const b = world.beliefs[1];
    const alive = (play as unknown as { alive: Uint8Array[] }).alive[1];
    let left = 0;
    b.types.forEach((_, m) => {
      if (!alive[m]) return;
      left++;
      expect((play as unknown as { threshold(i: number, m: number, s: number): number }).threshold(1, m, 0)).toBeGreaterThan(offer.utils[1]);
    });
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(b.types.length);
  });

  it('depends only on (scenario, seed, run index)', () => {
    const { model } = scenario(fearon);
    const a = [5, 1, 3].map((r) => playMechanism(model, 4, r));
    const b = [3, 5, 1].map((r) => playMechanism(model, 4, r));
    expect(a[0]).toEqual(b[1]);
    expect(a[2]).toEqual(b[0]);
  });
});

describe('quantal-response acceptance', () => {
  it('accepts with the logistic probability of the margin', () => {
    const rng = streamFor(1, 0, 'reply');
    for (const [margin, tau] of [[0.01, 0.02], [-0.03, 0.02], [0, 0.1]]) {
      const n = 20000;
      let yes = 0;
      for (let k = 0; k < n; k++) if (reply(0.5 + margin, 0.5, tau, rng)) yes++;
      const p = 1 / (1 + Math.exp(-margin / tau));
      expect(Math.abs(yes / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('is sharp at temperature 0, and noise lets a deal through that sharp replies refuse', () => {
    expect(reply(0.5, 0.5 + 1e-6, 0, () => 0)).toBe(false);
    expect(reply(0.5, 0.5, 0, () => 0.999)).toBe(true);
    const noDeal = `name: nodeal
rounds: 10
issues: {x: {range: [0, 1]}}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: 0.6, discount: 0.9, veto: true, strategy: linear, temperature: TA}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: 0.6, discount: 0.9, veto: true, strategy: linear, temperature: TB}
mechanism: {order: [a, b]}
`;
    const sharp = runScenario(scenario(noDeal.replace('TA', '0').replace('TB', '0')), { runs: 200, seed: 1 });
    const noisy = runScenario(scenario(noDeal.replace('TA', '0.2').replace('TB', '0.2')), { runs: 200, seed: 1 });
    expect(sharp.agreement.rate).toBe(0);
    expect(noisy.agreement.rate).toBeGreaterThan(0);
  });
});

describe('reciprocal concession', () => {
  it('concedes rate × the others\' last concession, in its own utility, and never below its no-deal value', () => {
    const { model } = scenario(`name: r
issues: {x: {range: [0, 1]}}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: 0.3, veto: true, strategy: {reciprocal: {rate: 0.5}}}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: 0.2, veto: true, strategy: linear}
`);
    const g = gameForRun(model, 1, 0);
    const state = new ReciprocalState(g, Float64Array.of(0.5, 0));
    expect(state.aspiration[0]).toBeCloseTo(1, 12);
    const offer = (x: number) => ({ values: Float64Array.of(x), utils: Float64Array.of(x, 1 - x), combo: 0 });
    state.observe(1, offer(0.1));
    expect(state.aspiration[0]).toBeCloseTo(1, 12); // a first offer is no concession
    state.observe(1, offer(0.3));
    expect(state.aspiration[0]).toBeCloseTo(0.9, 12); // b conceded 0.2 in a's utility
    state.observe(1, offer(0.25));
    expect(state.aspiration[0]).toBeCloseTo(0.9, 12); // a step back is not a concession
    state.observe(1, offer(2.0));
    expect(state.aspiration[0]).toBe(0.3); // floored at the no-deal value
  });

  it('needs a first mover: two reciprocal parties never move, a reciprocal party meets a conceder', () => {
    const yaml = (sb: string) => `name: r
rounds: 20
issues: {x: {range: [0, 1]}}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: 0.2, veto: true, strategy: reciprocal}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: 0.2, veto: true, strategy: ${sb}}
mechanism: {order: [a, b]}
`;
    expect(runScenario(scenario(yaml('reciprocal')), { runs: 5, seed: 1 }).agreement.rate).toBe(0);
    expect(runScenario(scenario(yaml('linear')), { runs: 5, seed: 1 }).agreement.rate).toBe(1);
  });
});

describe('the shipped private-limits scenario', () => {
  it('has agreement strictly between 0 and 1 that rises when the private costs of war become common knowledge', () => {
    // The file keeps Kyiv's and Moscow's costs of war private; with every party rational they are common knowledge.
    const text = readFileSync(new URL('../scenarios/private-limits.yaml', import.meta.url), 'utf8');
    const priv = runScenario(scenario(text), { runs: 60, seed: 1 });
    const known = runScenario(scenario(text, ['us', 'ukraine', 'russia', 'europe'].map((p) => `parties.${p}.strategy=rational`)), { runs: 60, seed: 1 });
    expect(priv.agreement.rate).toBeGreaterThan(0);
    expect(priv.agreement.rate).toBeLessThan(1);
    expect(priv.agreement.rate).toBeLessThan(known.agreement.rate);
  });
});
