import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/api.js';
import { explainRun } from '../src/api/explain.js';
import { renderTranscript } from '../src/report/transcript.js';
import { problemsOf, scenario } from './helpers.js';
import { openScenarioText } from '../src/api.js';

/**
 * Outside options (docs/model.md, "Outside options"). Oracle: Binmore, Shaked & Sutton (1989), "An
 * outside option experiment", QJE 104(4), and Osborne & Rubinstein (1990), Bargaining and Markets, §3.12:
 * the outside option principle.
 *
 * Hand computation in this model. Two parties split one unit (a's share x), linear utilities, no-deal
 * flows 0, a proposes in even rounds and b in odd ones; b may leave for good after rejecting a's offer
 * and is then paid o_b every round (worth o_b). Stationary values: V_a(A), V_b(B) when each proposes.
 * When a proposes, b accepts what beats its value of rejecting
 *   w_b = max(o_b, δ_b·V_b(B)),   and a offers exactly that: V_a(A) = 1 − w_b;
 * when b proposes, a accepts δ_a·V_a(A), so V_b(B) = 1 − δ_a·(1 − w_b).
 * - Without the option (or when it does not bind) w_b = δ_b·(1 − δ_a + δ_a·w_b), so
 *   w_b = δ_b(1 − δ_a)/(1 − δ_a·δ_b) =: w*, and a keeps Rubinstein's (1 − δ_b)/(1 − δ_a·δ_b).
 * - w_b = o_b is consistent exactly when o_b ≥ δ_b·(1 − δ_a + δ_a·o_b), i.e. o_b·(1 − δ_a·δ_b) ≥ δ_b(1 − δ_a),
 *   i.e. o_b ≥ w*: the threshold is b's Rubinstein share as responder. Above it b gets exactly o_b and a
 *   keeps 1 − o_b; below it the option changes nothing.
 * δ = (0.9, 0.9): w* = 0.9·0.1/0.19 = 0.473684…; δ = (0.95, 0.8): w* = 0.8·0.05/0.24 = 0.1666…
 */
const bss = (da: number, db: number, outside: number, a = 'rational', b = 'rational') => `
name: bss
rounds: 24
issues:
  share: {range: [0, 1], description: "party a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: ${da}, veto: true, reservation: 0, strategy: ${a}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: ${db}, veto: true, reservation: 0, outside: ${outside}, strategy: ${b}}
mechanism: {order: [a, b]}
`;

const threshold = (da: number, db: number) => (db * (1 - da)) / (1 - da * db);
const rubinstein = (da: number, db: number) => (1 - db) / (1 - da * db);
type Spread = { mean: number; p5: number; p95: number };

describe('outside options: Binmore–Shaked–Sutton, two parties', () => {
  const cases: [number, number, number, number][] = [
    // δa, δb, an option below the threshold, one above it
    [0.9, 0.9, 0.3, 0.6],
    [0.95, 0.8, 0.1, 0.25],
  ];
  for (const [da, db, below, above] of cases) {
    it(`δ = (${da}, ${db}): threshold ${threshold(da, db).toFixed(4)}; an option of ${below} changes nothing`, () => {
      expect(below).toBeLessThan(threshold(da, db));
      const r = runScenario(scenario(bss(da, db, below)), { runs: 5, seed: 1 });
      expect(r.agreement.rate).toBe(1);
      expect(r.roundsToAgreement.p90).toBe(1);
      expect((r.terms.share as Spread).mean).toBeCloseTo(rubinstein(da, db), 6);
      expect(r.utility.b.mean).toBeCloseTo(threshold(da, db), 6);
      expect(r.noDeal.tookOutsideOption).toBe(0);
    });
    it(`δ = (${da}, ${db}): an option of ${above}, above the threshold, is exactly what b gets`, () => {
      expect(above).toBeGreaterThan(threshold(da, db));
      const r = runScenario(scenario(bss(da, db, above)), { runs: 5, seed: 1 });
      expect(r.agreement.rate).toBe(1);
      expect(r.roundsToAgreement.p90).toBe(1);
      expect((r.terms.share as Spread).mean).toBeCloseTo(1 - above, 6);
      expect(r.utility.b.mean).toBeCloseTo(above, 6);
      // On the equilibrium path nobody leaves: the option shapes the offer.
      expect(r.noDeal.tookOutsideOption).toBe(0);
    });
  }

  it('the principle holds on both sides of the threshold for generated patience and options', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 0.97, noNaN: true }), fc.double({ min: 0.5, max: 0.97, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), (da, db, o) => {
        const r = runScenario(scenario(bss(da, db, o)), { runs: 1, seed: 1 });
        const expected = o <= threshold(da, db) ? rubinstein(da, db) : 1 - o;
        expect((r.terms.share as Spread).mean).toBeCloseTo(expected, 5);
      }),
      { numRuns: 25, seed: 16 },
    );
  });
});

describe('walking away by choice', () => {
  // A Boulware proposer opens near its ideal; b rejects. Above the threshold b's value of staying,
  // δ_b·V_b(B) = 0.9·(1 − 0.9·(1 − 0.6)) = 0.576, is below its option 0.6: it leaves in round 1 and is
  // paid 0.6 from then on; a is paid its no-deal flow 0. Below it (0.3 < 0.4737) b rejects and stays.
  it('a rational responder whose option beats staying leaves after rejecting; the run ends "walked away by choice"', () => {
    const s = scenario(bss(0.9, 0.9, 0.6, 'boulware'));
    const r = runScenario(s, { runs: 4, seed: 1 });
    expect(r.agreement.rate).toBe(0);
    expect(r.noDeal).toEqual({ windowReached: 0, walkedAway: 0, tookOutsideOption: 4, noFeasiblePackage: 0 });
    expect(r.utility.b.mean).toBeCloseTo(0.6, 12);
    expect(r.utility.a.mean).toBeCloseTo(0, 12);
    const t = explainRun(s.model, 1, 0);
    expect(t.end.reason).toBe('tookOutsideOption');
    expect(t.end.tookOutsideOption).toEqual({ round: 1, parties: ['b'], outside: { b: 0.6 } });
    expect(t.end.walkedAway).toBeUndefined();
    expect(renderTranscript(t)).toMatch(/in round 1 b \(worth 0\.600 a round to it\) walked away by choice, taking its outside option/);
  });

  it('below the threshold the same responder rejects and stays', () => {
    const r = runScenario(scenario(bss(0.9, 0.9, 0.3, 'boulware')), { runs: 4, seed: 1 });
    expect(r.noDeal.tookOutsideOption).toBe(0);
    expect(r.agreement.rate).toBe(1);
  });

  it('a bayesian responder leaves too when its option beats staying', () => {
    const r = runScenario(scenario(bss(0.9, 0.9, 0.6, 'boulware', 'bayesian')), { runs: 4, seed: 1 });
    expect(r.noDeal.tookOutsideOption).toBe(4);
    expect(r.utility.b.mean).toBeCloseTo(0.6, 12);
  });

  it('with three parties, a required party that leaves ends the talks; the others are paid their no-deal flows', () => {
    const text = `
name: three
rounds: 12
issues:
  share: {range: [0, 1]}
  aid: {range: [0, 1]}
parties:
  a: {ideal: {share: 1, aid: 1}, weights: {share: 1, aid: 1}, discount: 0.9, veto: true, reservation: 0.1, strategy: boulware}
  b: {ideal: {share: 0, aid: 1}, weights: {share: 1, aid: 1}, discount: 0.9, veto: true, reservation: 0.2}
  c: {ideal: {share: 0.5, aid: 0}, weights: {share: 1, aid: 1}, discount: 0.9, veto: true, reservation: 0.1, outside: 0.95}
mechanism: {order: [a, b, c]}
`;
    const s = scenario(text);
    const t = explainRun(s.model, 1, 0);
    expect(t.end.reason).toBe('tookOutsideOption');
    expect(t.end.tookOutsideOption?.parties).toEqual(['c']);
    const lag = Math.pow(0.9, (t.end.tookOutsideOption?.round as number) - 1);
    expect(t.end.values.c).toBeCloseTo((1 - lag) * 0.1 + lag * 0.95, 12);
    expect(t.end.values.a).toBeCloseTo(0.1, 12);
    expect(t.end.values.b).toBeCloseTo(0.2, 12);
  });

  it('an option worth no more than the no-deal flow changes nothing (values never fall below the flow)', () => {
    const base = scenario(bss(0.9, 0.8, 0.5).replace(/, outside: 0.5/, '').replace(/reservation: 0/g, 'reservation: 0.3'));
    const withOption = scenario(bss(0.9, 0.8, 0.3).replace(/reservation: 0/g, 'reservation: 0.3'));
    const x = runScenario(base, { runs: 3, seed: 1 });
    const y = runScenario(withOption, { runs: 3, seed: 1 });
    expect(y.terms).toEqual(x.terms);
    expect(y.utility).toEqual(x.utility);
  });
});

describe('outside options under a mediator', () => {
  // bias 1, step 0.25: the texts give b 0.1, 0.175, 0.25, 0.325, then 0.4 (its level, met in round 5); δ = 0.9, flows constant.
  const mediated = (outside: number) => `name: split
rounds: 12
issues:
  x: {range: [0, 1], grid: 11}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: 0.2, discount: 0.9, veto: true}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: 0.4, discount: 0.9, veto: true, outside: ${outside}}
  m: {ideal: {x: 0.9}, weights: {x: 1}}
mechanism: {kind: mediator, mediator: m, bias: 1, step: 0.25}
`;
  it('a signatory whose option beats every text to come leaves after rejecting the first', () => {
    // Staying is worth at most 0.4 (its flow until the text reaches 0.4 in round 5): an option of 0.45 beats it.
    const t = explainRun(scenario(mediated(0.45)).model, 1, 0);
    expect(t.end.reason).toBe('tookOutsideOption');
    expect(t.end.tookOutsideOption).toEqual({ round: 1, parties: ['b'], outside: { b: 0.45 } });
    expect(t.end.values.b).toBeCloseTo(0.45, 12);
    expect(t.end.values.a).toBeCloseTo(0.2, 12);
  });
  it('one worth less than staying leaves the talks as they were (a deal in round 5 at b\'s level)', () => {
    // Staying in round 1: 0.1·0.4·(1 + 0.9 + 0.81 + 0.729) + 0.9^4·0.4 = 0.4 > 0.35.
    const t = explainRun(scenario(mediated(0.35)).model, 1, 0);
    expect(t.end.agreed).toBe(true);
    expect(t.end.round).toBe(5);
  });
});

describe('outside options that cannot be played yet', () => {
  it('are refused under a decision rule, at the party', () => {
    const yaml = `${bss(0.9, 0.9, 0.3).replace('mechanism: {order: [a, b]}', 'mechanism: {order: [a, b], decision: {quota: 2}}')}`;
    expect(problemsOf(() => openScenarioText('x.yaml', yaml)).join('\n')).toMatch(/parties\.b\.outside: outside options are not played under a decision rule yet/);
  });
});
