import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gameForRun } from '../src/core/game.js';
import { recognitionOf } from '../src/core/recognition.js';
import { closedFormOf } from '../src/solvers/closedForm/index.js';
import { applyMap, mapOptions, type OfferChoice } from '../src/solvers/map.js';
import { pureChoices } from '../src/solvers/pureChoices.js';
import { scenario } from './helpers.js';

// A pure equilibrium's choices on the closed form (pureChoices.ts, each state's intervals prepared once) are the
// general search's (T with its choices recorded, map.ts): the same offers, bit for bit, and the same waiting.
describe('pure choices on the closed form', () => {
  const text = readFileSync('scenarios/default.yaml', 'utf8');
  const variants: [string, string[]][] = [
    ['default.yaml: a breakdown hazard, random recognition', []],
    ['a fixed order, war for good with a collapse cost', ['mechanism.order=[russia, us, ukraine, europe]', 'breakdown.after=war', 'breakdown.cost.ukraine=0.05']],
    ['outside options, deals final', ['parties.russia.outside=0.6', 'parties.us.outside=0.5', 'breakdown.hazard=0']],
    ['outside options and a hazard', ['parties.russia.outside=0.6', 'parties.us.outside=0.5']],
  ];
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  for (const [label, sets] of variants) {
    const m = scenario(text, sets).model;
    it(`are the general search's (${label}; generated runs, flows, continuations and values)`, () => {
      fc.assert(
        fc.property(
          fc.nat(5000),
          fc.array(unit, { minLength: 16, maxLength: 16 }),
          fc.array(fc.double({ min: -0.2, max: 0.5, noNaN: true }), { minLength: 4, maxLength: 4 }),
          fc.option(fc.record({ stay: unit, elsewhere: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 16, maxLength: 16 }) })),
          (run, v, flows, moving) => {
            const g = gameForRun(m, 1, run);
            g.rp.reservation.set(flows);
            const rec = recognitionOf(g);
            const d = rec.states * g.n;
            if (moving) g.continuation = { stay: moving.stay, elsewhere: Float64Array.from(moving.elsewhere.slice(0, d)) };
            const V = Float64Array.from(v.slice(0, d));
            const searched: OfferChoice[] = new Array(d);
            applyMap(g, rec, V, new Float64Array(d), mapOptions(0, { record: (sj, c) => (searched[sj] = c) }));
            const direct: OfferChoice[] = new Array(d);
            // What a collapse is worth is left in the game by whatever ran before: pureChoices must set it at V itself.
            g.breakdown?.back.fill(0.5);
            pureChoices(g, closedFormOf(g)!, rec, V, direct);
            expect(direct).toEqual(searched);
          },
        ),
        { numRuns: 80 },
      );
    });
  }
});
