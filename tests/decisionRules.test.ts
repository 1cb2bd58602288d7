import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareScenarios, explainScenario, ledger, openScenario, openScenarioText, runScenario, solveReport } from '../src/api.js';
import { renderCompareTable } from '../src/report/compare.js';
import { renderTranscript } from '../src/report/transcript.js';
import { renderReports } from '../src/report/format.js';
import { solveEquilibrium } from '../src/solvers/equilibrium.js';
import { gameForRun } from '../src/core/game.js';
import { coalitionsOf } from '../src/core/coalitions.js';
import { closedFormOf } from '../src/solvers/closedForm/index.js';
import { bestOffer, searchTopOffers } from '../src/solvers/proposer.js';
import { problemsOf, scenario } from './helpers.js';

/**
 * Baron & Ferejohn (1989), "Bargaining in legislatures", APSR 83(4), closed rule, majority: n parties
 * (n odd) split one unit, equal recognition 1/n, common δ, nothing while they disagree, no vetoes, a deal
 * needs (n + 1)/2 votes with the proposer's own. Each party's issue is its share (a1 + … + an ≤ 1).
 */
const majority = (n: number, delta: number, grid: number) => {
  const ids = Array.from({ length: n }, (_, k) => `p${k}`);
  return `
name: baron-ferejohn-majority
rounds: 10
issues:
${ids.map((id) => `  ${id}: {range: [0, 1], grid: ${grid}}`).join('\n')}
constraints: ["${ids.join(' + ')} <= 1"]
parties:
${ids.map((id) => `  ${id}: {ideal: {${id}: 1}, weights: {${id}: 1}, discount: ${delta}, reservation: 0}`).join('\n')}
mechanism: {proposers: {${ids.map((id) => `${id}: 1`).join(', ')}}, decision: {quota: ${(n + 1) / 2}}}
`;
};

const closeTo = (x: number) => expect.closeTo(x, 6);

describe('Baron–Ferejohn with majority rule (quota)', () => {
  // Three parties. In the symmetric stationary equilibrium every party is worth V at the start of a
  // round. A responder accepts a share x ≥ δV (its value of rejecting: no flow, then V next round), so
  // the proposer buys the cheapest majority: one partner at exactly δV, nothing to the third, and keeps
  // 1 − δV. Both partners cost the same, so it picks each with chance 1/2 (the tie rule). Then
  //   V = (1/3)(1 − δV) + (2/3)·(1/2)·δV = 1/3 − δV/3 + δV/3 = 1/3,
  // whatever δ: the proposer keeps 1 − δ/3, its partner gets δ/3.
  for (const delta of [0.9, 0.6]) {
    it(`three parties, δ = ${delta}: the proposer keeps 1 − δ/3, one partner gets δ/3, V = 1/3`, () => {
      const eq = solveEquilibrium(gameForRun(scenario(majority(3, delta, 21)).model, 1, 0));
      expect(eq.converged).toBe(true);
      expect(Array.from(eq.V)).toEqual([closeTo(1 / 3), closeTo(1 / 3), closeTo(1 / 3)]);
      const c = eq.choices[0];
      expect(c.probs).toEqual([0.5, 0.5]);
      const offers = c.offers.map((o) => Array.from(o!.values));
      expect(offers).toEqual([
        [closeTo(1 - delta / 3), closeTo(delta / 3), closeTo(0)],
        [closeTo(1 - delta / 3), closeTo(0), closeTo(delta / 3)],
      ]);
    });
  }

  // Five parties, quota 3: the proposer buys two of the four others at δV each (each is bought with
  // chance C(3,1)/C(4,2) = 1/2), so V = (1/5)(1 − 2δV) + (4/5)·(1/2)·δV = 1/5: it keeps 1 − 2δ/5, and
  // each of its two partners gets δ/5; it mixes evenly over the C(4,2) = 6 pairs.
  it('five parties, δ = 0.9: the proposer keeps 1 − 2δ/5, two partners get δ/5 each', () => {
    const delta = 0.9;
    const eq = solveEquilibrium(gameForRun(scenario(majority(5, delta, 11)).model, 1, 0));
    expect(eq.converged).toBe(true);
    for (const v of eq.V) expect(v).toBeCloseTo(1 / 5, 6);
    const c = eq.choices[0];
    expect(c.probs).toEqual(Array(6).fill(1 / 6));
    const pairs = c.offers.map((o) => {
      const v = Array.from(o!.values);
      expect(v[0]).toBeCloseTo(1 - (2 * delta) / 5, 6);
      const paid = v.slice(1).flatMap((x, k) => (x > 1e-6 ? [k + 1] : []));
      for (const k of paid) expect(v[k]).toBeCloseTo(delta / 5, 6);
      return paid.join('');
    });
    expect(pairs).toEqual(['12', '13', '14', '23', '24', '34']);
  });

  // Over runs: the proposer (chance 1/3) is worth 1 − δ/3, the partner it buys (chance (2/3)·(1/2) = 1/3)
  // δ/3, the third party 0, the deal made in round 1. So each party's mean value is 1/3, with
  // sd = sqrt(E[v²] − 1/9); 4 standard errors bound the Monte Carlo error.
  it('each party\'s mean value over runs is 1/3; every deal is made at once by a majority', () => {
    const delta = 0.9, runs = 3000;
    const r = runScenario(scenario(majority(3, delta, 21)), { runs, seed: 11 });
    expect(r.agreement.rate).toBe(1);
    expect(r.roundsToAgreement.mean).toBe(1);
    const sd = Math.sqrt(((1 - delta / 3) ** 2 + (delta / 3) ** 2) / 3 - 1 / 9);
    for (const id of ['p0', 'p1', 'p2']) expect(Math.abs(r.utility[id].mean! - 1 / 3)).toBeLessThan((4 * sd) / Math.sqrt(runs));
  });
});

/**
 * Weighted votes, three parties splitting one unit: p0 weighs 2, p1 and p2 1 each, threshold 3, equal
 * recognition, common δ. p0 needs one other vote; p1 and p2 each need p0's (1 + 1 < 3). Let V0 be p0's value
 * and v that of p1 and of p2. p0 buys the cheaper of p1, p2 at δv (equally cheap: each half the time) and
 * keeps 1 − δv; p1 (or p2) buys p0 at δV0 and keeps 1 − δV0, the third getting nothing. So
 *   V0 = (1/3)(1 − δv) + (2/3)·δV0,      v = (1/3)(1 − δV0) + (1/3)·(1/2)·δv,
 * every deal is immediate (V0 + 2v = 1, v = (1 − V0)/2), and the first gives
 *   V0·(3 − 2δ) = 1 − δ(1 − V0)/2   ⇒   V0 = (2 − δ)/(6 − 5δ).
 * δ = 0.9: V0 = 1.1/1.5 = 0.7333…, v = 0.1333…; p0 keeps 1 − δv = 0.88; p1 keeps 1 − δV0 = 0.34.
 */
describe('weighted votes (a qualified majority)', () => {
  const weighted = (delta: number) => majority(3, delta, 21).replace('decision: {quota: 2}', 'decision: {votes: {p0: 2, p1: 1, p2: 1}, threshold: 3}');
  for (const delta of [0.9, 0.5])
    it(`p0 weighs 2 of 4, threshold 3, δ = ${delta}: V0 = (2 − δ)/(6 − 5δ)`, () => {
      const eq = solveEquilibrium(gameForRun(scenario(weighted(delta)).model, 1, 0));
      const V0 = (2 - delta) / (6 - 5 * delta), v = (1 - V0) / 2;
      expect(eq.converged).toBe(true);
      expect(Array.from(eq.V)).toEqual([closeTo(V0), closeTo(v), closeTo(v)]);
      expect(eq.choices[0].probs).toEqual([0.5, 0.5]);
      expect(Array.from(eq.choices[0].offers[0]!.values)).toEqual([closeTo(1 - delta * v), closeTo(delta * v), closeTo(0)]);
      expect(eq.choices[1].offers).toHaveLength(1);
      expect(Array.from(eq.choices[1].offers[0]!.values)).toEqual([closeTo(delta * V0), closeTo(1 - delta * V0), closeTo(0)]);
    });
});

/** A small scenario: one numeric issue, an options issue with a consent rule, n parties each with or without a veto (one flag for all, or one each). */
const small = (n: number, veto: boolean | boolean[], ideals: number[], reservations: number[], discounts: number[], decision: string) => {
  const ids = Array.from({ length: n }, (_, k) => `q${k}`);
  return `
name: small
rounds: 8
issues:
  share: {range: [0, 1], grid: 21}
  guard: {options: [none, light, heavy], consent: {heavy: [q0]}}
parties:
${ids.map((id, k) => `  ${id}: {ideal: {share: ${ideals[k]}, guard: ${k % 2 ? 'none' : 'heavy'}}, weights: {share: 0.7, guard: 0.3}, reservation: ${reservations[k]}, discount: ${discounts[k]}, veto: ${Array.isArray(veto) ? veto[k] : veto}}`).join('\n')}
mechanism: {order: [${ids.join(', ')}]${decision}}
`;
};

describe('decision rules: unanimity as a quota', () => {
  // When the default is unanimity of every party (all have a veto, or none has), `quota: n` asks for the
  // same: every party accepts. The same offers, replies and deals, the values equal to rounding.
  it('quota: n plays as the default', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0.8, max: 0.99, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (n, veto, ideals, reservations, discounts) => {
          const by = (d: string) => runScenario(scenario(small(n, veto, ideals, reservations, discounts, d)), { runs: 3, seed: 5 });
          const a = by(''), b = by(`, decision: {quota: ${n}}`);
          expect(b.agreement).toEqual(a.agreement);
          expect(b.roundsToAgreement).toEqual(a.roundsToAgreement);
          for (const id of Object.keys(a.utility)) expect(b.utility[id].mean).toBeCloseTo(a.utility[id].mean as number, 9);
          expect(JSON.stringify(b.terms.guard)).toBe(JSON.stringify(a.terms.guard));
        },
      ),
      { numRuns: 25, seed: 16 },
    );
  });

  it('decision: unanimity is the default, to the byte', () => {
    const text = small(3, false, [0.2, 0.5, 0.9], [0.1, 0.2, 0.3], [0.9, 0.95, 0.9], '');
    const a = runScenario(scenario(text), { runs: 20, seed: 3 });
    const b = runScenario(scenario(text.replace('order: [q0, q1, q2]}', 'order: [q0, q1, q2], decision: unanimity}')), { runs: 20, seed: 3 });
    const strip = (r: object) => JSON.stringify({ ...r, scenario: null });
    expect(strip(b)).toBe(strip(a));
  });
});

describe('decision rules: Fearon\'s range for the winning coalition', () => {
  // No deal that carries gives a party that voted for it (nor a party with a veto) less than its no-deal
  // value; a party outside the coalition can be made worse off — that is what a quota allows.
  it('every party in the winning coalition gets at least its no-deal value', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 0.6, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0.8, max: 0.99, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (veto, ideals, reservations, discounts) => {
          const open = scenario(small(3, [false, veto, false], ideals, reservations, discounts, ', decision: {quota: 2}'));
          for (let run = 0; run < 3; run++) {
            const t = explainScenario(open, run, { seed: 9 });
            if (!t.end.agreed) continue;
            const flow = Object.fromEntries(t.parties.map((p) => [p.id, p.noDealFlow]));
            const must = t.parties.filter((p) => p.required).map((p) => p.id);
            for (const id of new Set([...(t.end.coalition ?? []), ...must])) expect(t.end.dealUtility![id]).toBeGreaterThanOrEqual(flow[id] - 1e-9);
          }
        },
      ),
      { numRuns: 20, seed: 7 },
    );
  });
});

describe('the closed form under a rule', () => {
  // Weighted votes q0: 2, q1: 1, q2: 1, threshold 3, and `guard: heavy` needs q0's consent: q1's empty
  // coalition can carry only deals with heavy (its 1 vote and q0's 2), so that view leaves the other
  // combinations out. On every coalition's view, the closed form's best offer must be worth to the
  // proposer what the general search's is (to its refinement's precision), or both find none.
  it('each coalition\'s view: the closed form agrees with the general search', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 0.6, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (ideals, w, j) => {
          const text = small(3, false, ideals, [0, 0, 0], [0.9, 0.9, 0.9], ', decision: {votes: {q0: 2, q1: 1, q2: 1}, threshold: 3}');
          const g = gameForRun(scenario(text).model, 1, 0);
          const views = coalitionsOf(g, j);
          if (j === 1) expect(views.map((c) => c.members)).toEqual([[], [0]]);
          for (const c of views) {
            expect(closedFormOf(c.game)).not.toBeNull();
            const wt = Float64Array.from(w);
            const a = bestOffer(c.game, j, wt), b = searchTopOffers(c.game, j, wt, 1)[0] ?? null;
            expect(a === null).toBe(b === null);
            if (a && b) expect(a.utils[j]).toBeCloseTo(b.utils[j], 6);
            // The empty coalition of q1 never offers a combination it cannot carry.
            if (j === 1 && c.members.length === 0 && a) expect(a.values[1]).toBe(2);
          }
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });
});

describe('concession players under a rule', () => {
  // With no vetoes, unanimity needs every party and the concession offer courts every other party under
  // both rules (under a quota: everyone whose vote counts), so the offers are the same round by round; a
  // quota passes whatever unanimity passes, so each run's deal comes no later.
  it('a quota never delays a deal between concession players (the same offers, fewer votes needed)', () => {
    const text = majority(3, 0.9, 21).replace(/reservation: 0\}/g, 'reservation: 0, strategy: {concession: {exponent: 1, horizon: 8}}}');
    const quota = runScenario(scenario(text), { runs: 1, seed: 1 });
    const unanimity = runScenario(scenario(text, ['mechanism.decision=unanimity']), { runs: 1, seed: 1 });
    const q = explainScenario(scenario(text), 0, { seed: 1 }), u = explainScenario(scenario(text, ['mechanism.decision=unanimity']), 0, { seed: 1 });
    expect(q.end.agreed && u.end.agreed).toBe(true);
    expect(q.end.round!).toBeLessThan(u.end.round!);
    q.rounds.forEach((r, k) => expect(r.offer).toEqual(u.rounds[k].offer));
    expect(quota.decision?.coalitions[0].parties).toHaveLength(2);
    expect(unanimity.agreement.rate).toBe(1);
  });
});

describe('axiomatic solutions under a rule', () => {
  // Three parties split one unit by majority; pc's no-deal value is 0.2, the others' 0. Each minimal winning
  // coalition solves Nash among its two members: {pa, pb} maximises log a + log b on a + b ≤ 1, a = b = 1/2
  // (mean log gain log 0.5); {pa, pc} maximises log a + log(c − 0.2): a = 0.4, c = 0.6 (gains 0.4 each,
  // mean log gain log 0.4), {pb, pc} likewise. The best by mean log gain is {pa, pb}: pc gets 0, below its
  // no-deal value — a party outside the coalition is not protected.
  it('the Nash solution is the best winning coalition\'s, and leaves the others unprotected', () => {
    const text = majority(3, 0.9, 21).replace('p2: {ideal: {p2: 1}, weights: {p2: 1}, discount: 0.9, reservation: 0}', 'p2: {ideal: {p2: 1}, weights: {p2: 1}, discount: 0.9, reservation: 0.2}');
    const r = solveReport(scenario(text));
    expect(r.decision).toBe('quota 2 of 3');
    expect(r.solutions.nash.coalition).toEqual(['p0', 'p1']);
    expect(r.solutions.nash.utility).toEqual({ p0: closeTo(0.5), p1: closeTo(0.5), p2: closeTo(0) });
    // Unanimity weighs all three: pc then gets at least its no-deal value.
    const u = solveReport(scenario(text, ['mechanism.decision=unanimity']));
    expect(u.solutions.nash.coalition).toBeUndefined();
    expect(u.solutions.nash.utility.p2).toBeGreaterThanOrEqual(0.2);
  });
});

describe('decision rules: bad input is refused with a located message', () => {
  const base = small(3, false, [0.2, 0.5, 0.9], [0.1, 0.2, 0.3], [0.9, 0.95, 0.9], '');
  const withDecision = (d: string) => base.replace('order: [q0, q1, q2]}', `order: [q0, q1, q2], decision: ${d}}`);
  const problems = (d: string) => problemsOf(() => openScenarioText('inline.yaml', withDecision(d)));
  const line = base.split('\n').findIndex((l) => l.startsWith('mechanism:')) + 1;
  const cases: [string, RegExp][] = [
    ['{quota: 0}', /mechanism\.decision\.quota: expected a number >= 1, got 0/],
    ['{quota: 4}', /mechanism\.decision\.quota: quota 4 is more than the 3 parties at the table \(q0, q1, q2\): expected 1 to 3/],
    ['{quota: 1.5}', /mechanism\.decision\.quota: expected a whole number, got 1.5/],
    ['{votes: {q0: 2, q9: 1}, threshold: 2}', /mechanism\.decision\.votes\.q9: .*party "q9"/],
    ['{votes: {q0: 2, q1: 1}, threshold: 4}', /mechanism\.decision\.threshold: threshold 4 cannot be reached: all votes together weigh 3/],
    ['{votes: {q0: 2, q1: 1}}', /mechanism\.decision: weighted votes need a threshold/],
    ['{votes: {q0: 2}, threshold: 0}', /mechanism\.decision\.threshold: expected a threshold > 0/],
    ['{quota: 2, votes: {q0: 1}}', /mechanism\.decision: give either quota .* not both/],
    ['{quota: 2, threshold: 2}', /mechanism\.decision\.threshold: a threshold goes with votes/],
    ['{}', /mechanism\.decision: expected quota: k or votes/],
    ['majority', /mechanism\.decision: expected one of "unanimity", got "majority"/],
  ];
  for (const [d, message] of cases)
    it(`decision: ${d}`, () => {
      const got = problems(d);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatch(message);
      expect(got[0]).toMatch(new RegExp(`^inline\\.yaml:${line}:\\d+ `));
    });

  it('a bayesian player under a rule is accepted (tests/bayesianDecision.test.ts plays it)', () => {
    const text = withDecision('{quota: 2}').replace('veto: false}', 'veto: false, strategy: bayesian}');
    expect(problemsOf(() => openScenarioText('inline.yaml', text))).toEqual([]);
  });

  it('the mediator takes a decision rule among its signatories (tests/mediatorDecision.test.ts plays it)', () => {
    const text = base.replace('mechanism: {order: [q0, q1, q2]}', 'mechanism: {kind: mediator, mediator: q2, decision: {quota: 2}}');
    expect(problemsOf(() => openScenarioText('inline.yaml', text))).toEqual([]);
    // Two signatories (q2 mediates): a quota of 3 cannot be met.
    expect(problemsOf(() => openScenarioText('inline.yaml', text.replace('quota: 2', 'quota: 3')))).toEqual([expect.stringMatching(/mechanism\.decision\.quota: quota 3 is more than the 2 signatories/)]);
  });
});

describe('decision rules in the reports', () => {
  const text = majority(3, 0.9, 21);
  const runs = 40;

  // Each deal of the majority game is carried by its proposer and the one partner it bought (the third
  // party is offered 0 < δ/3 and rejects), so every winning coalition has two members and the shares of
  // deals with each party in it add up to 2.
  it('run: the rule, who was in the winning coalition and the coalitions, the same as explain tells run by run', () => {
    const r = runScenario(scenario(text), { runs, seed: 4 });
    expect(r.decision?.rule).toBe('quota 2 of 3');
    const inCoalition = r.decision!.inCoalition;
    expect(inCoalition.p0 + inCoalition.p1 + inCoalition.p2).toBeCloseTo(2, 6);
    // explain replays each run: counting its winning coalitions gives the report's shares.
    const counts = new Map<string, number>();
    for (let run = 0; run < runs; run++) {
      const t = explainScenario(scenario(text), run, { seed: 4 });
      const last = t.rounds[t.rounds.length - 1];
      const yes = [last.proposer, ...last.replies.filter((a) => a.accepted).map((a) => a.party)].sort();
      expect(t.end.coalition).toEqual(yes);
      counts.set(yes.join(' + '), (counts.get(yes.join(' + ')) ?? 0) + 1);
    }
    const expected = [...counts].map(([k, c]) => ({ parties: k.split(' + '), share: c / runs })).sort((a, b) => b.share - a.share || a.parties.join().localeCompare(b.parties.join()));
    expect(r.decision!.coalitions).toEqual(expected);
    expect(renderReports([r], 'table')).toMatch(/decision rule\s+│ quota 2 of 3/);
    const t = explainScenario(scenario(text), 0, { seed: 4 });
    expect(renderTranscript(t)).toContain(`Decided by quota 2 of 3: the winning coalition was ${t.end.coalition!.join(', ')}.`);
  });

  // A moving world under a quota (war-and-talks: a drifting front, optimism, an anticipated event; three-week-window:
  // an announced summit that changes who drafts): explain replays each run as run plays it.
  for (const name of ['war-and-talks', 'three-week-window'])
    it(`${name} with a quota: explain's deals and coalitions are run's`, () => {
      const open = () => openScenario(`scenarios/${name}.yaml`, ['mechanism.decision.quota=3']);
      const n = 8;
      const r = runScenario(open(), { runs: n, seed: 3 });
      const counts = new Map<string, number>();
      let deals = 0;
      for (let run = 0; run < n; run++) {
        const t = explainScenario(open(), run, { seed: 3 });
        if (!t.end.agreed) continue;
        deals++;
        const key = t.end.coalition!.join(' + ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(r.agreement.count).toBe(deals);
      const shares = Object.fromEntries(r.decision!.coalitions.map((c) => [c.parties.join(' + '), c.share]));
      for (const [k, c] of counts) expect(shares[k]).toBeCloseTo(c / deals, 6);
    });

  it('the ledger lists the rule as a field that needs a basis', () => {
    const l = ledger(openScenario('scenarios/default.yaml', ['mechanism.decision.quota=3']));
    expect(l.rows.find((r) => r.path === 'mechanism.decision')?.value).toBe('quota 3 of 4');
    expect(l.flags.unexplained).toEqual(['mechanism.decision']);
  });

  it('no decision field: the report carries no decision block (unanimity as before)', () => {
    const r = runScenario(scenario(text.replace(', decision: {quota: 2}', '')), { runs: 5, seed: 4 });
    expect(r.decision).toBeUndefined();
  });

  // The same scenario under unanimity and under majority, paired: under unanimity the proposer pays both
  // others δ/3 = 0.3 and keeps 0.4; under majority it keeps 0.7. Its runs are the same (the recognition
  // draws are shared), so the proposer's mean term rises by 0.3 × (share of runs it proposes).
  it('compare puts two rules side by side on the same random numbers', () => {
    const unanimity = scenario(text, ['mechanism.decision=unanimity']);
    const r = compareScenarios([{ label: 'unanimity', open: unanimity }, { label: 'majority', open: scenario(text) }], { runs: 60, seed: 2 });
    const [u, m] = r.variants.map((v) => v.report);
    expect(u.decision).toBeUndefined();
    expect(m.decision?.rule).toBe('quota 2 of 3');
    // Under unanimity every value is the proposer's 0.4 or a responder's 0.3; p0 proposes in some share π of runs.
    const pi = (u.utility.p0.mean! - 0.3) / 0.1;
    // Under majority p0 keeps 0.7 in the same runs; elsewhere it gets 0.3 or 0 (bought or not).
    expect(m.utility.p0.mean!).toBeGreaterThan(pi * 0.7 - 1e-9);
    expect(m.utility.p0.mean!).toBeLessThan(pi * 0.7 + (1 - pi) * 0.3 + 1e-9);
    const table = renderCompareTable(r);
    expect(table).toMatch(/decision rule\s+│ unanimity\s+│ quota 2 of 3/);
    expect(table).toMatch(/in the winning coalition: p0/);
  });
});
