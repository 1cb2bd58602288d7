import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedFormOf, evaluate, prepare, valuesAt } from '../src/solvers/closedForm/index.js';
import { gameForRun } from '../src/core/game.js';
import { ACCEPT_TOL } from '../src/core/offer.js';
import { bestOfferIn } from '../src/solvers/proposer.js';
import { drawParam, partyParams, type Param } from '../src/model/params.js';
import { drawRunParams, resolveRunParams, withPartyLimits, withPartyParams } from '../src/model/runParams.js';
import { proposerProblem, scenario } from './helpers.js';

// The shortcuts bayesian beliefs and offers take, each against the full computation it replaces.
const privateLimits = scenario(readFileSync('scenarios/private-limits.yaml', 'utf8')).model;
const defaultModel = scenario(readFileSync('scenarios/default.yaml', 'utf8')).model;

/** Run `run`'s draws, with party i's own parameters replaced by `own` (in partyParams order). */
function runValues(run: number, i: number, own: number[]): (p: Param) => number {
  const mine = partyParams(privateLimits.parties[i]);
  return (p) => {
    const k = mine.indexOf(p);
    return k >= 0 ? own[k] : drawParam(p, 1, run);
  };
}

describe("one party's parameters re-resolved", () => {
  const n = privateLimits.parties.length;
  const own = fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 16, maxLength: 16 });

  it('withPartyParams is resolveRunParams of the whole model (weights normalised, utilities, power and recognition included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: n - 1 }), own, (run, i, xs) => {
        const value = runValues(run, i, xs);
        expect(withPartyParams(privateLimits, drawRunParams(privateLimits, 1, run), i, value)).toStrictEqual(resolveRunParams(privateLimits, value));
      }),
      { numRuns: 60 },
    );
  });

  it('withPartyLimits is withPartyParams when only the reservation and discount change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: n - 1 }), own, (run, i, xs) => {
        const base = drawRunParams(privateLimits, 1, run);
        const party = privateLimits.parties[i];
        const r = xs[0], d = xs[1];
        const value = (p: Param) => (p === party.reservation ? r : p === party.discount ? d : drawParam(p, 1, run));
        expect(withPartyLimits(base, i, r, d)).toStrictEqual(withPartyParams(privateLimits, base, i, value));
      }),
      { numRuns: 60 },
    );
  });
});

describe("the best offer in one combination", () => {
  it('is the slot of a full closed-form evaluation (every combination worked out)', () => {
    fc.assert(
      fc.property(
        ...proposerProblem(300),
        (run, j, ws) => {
          const g = gameForRun(defaultModel, 1, run);
          const w = Float64Array.from(ws);
          const cf = closedFormOf(g);
          if (!cf) throw new Error('default.yaml has a closed form');
          prepare(cf, w, ACCEPT_TOL);
          evaluate(cf, j, w, ACCEPT_TOL);
          const full = Array.from(cf.combos, (_, s) => (cf.val[s] > -Infinity ? valuesAt(g, cf, s, cf.x[s]) : null));
          cf.combos.forEach((c, s) => {
            const o = bestOfferIn(g, j, w, c);
            expect(o?.values ?? null).toStrictEqual(full[s]);
            if (o) expect(o.combo).toBe(c);
          });
        },
      ),
      { numRuns: 80 },
    );
  });
});
