import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedFormOf } from '../src/solvers/closedForm/index.js';
import { gameForRun } from '../src/core/game.js';
import { ACCEPT_TOL } from '../src/core/offer.js';
import { bestOffer, searchTopOffers } from '../src/solvers/proposer.js';
import { packageUtility } from '../src/model/runParams.js';
import { proposerProblem, scenario } from './helpers.js';

// The closed-form proposer's problem against two references: a brute-force scan of every
// combination at 5,001 values of the numeric issue (an oracle up to its resolution), and
// the general search (grid scan + refinement), which it must never do worse than.
const model = scenario(readFileSync('tests/fixtures/static-default.yaml', 'utf8')).model;
const FINE = 5_000;

function bruteForce(run: number, j: number, w: Float64Array): number {
  const g = gameForRun(model, 1, run);
  const { space } = model;
  const K = g.K;
  const seen = new Set<number>();
  let best = -Infinity;
  for (let p = 0; p < space.count; p++) {
    if (seen.has(space.combo[p])) continue;
    seen.add(space.combo[p]);
    const v = space.packages.slice(p * K, p * K + K);
    for (let t = 0; t <= FINE; t++) {
      v[0] = t / FINE;
      let ok = true;
      // Who must sign depends on the combination (static-default.yaml: a European force needs Europe).
      const c = space.combo[p];
      for (let i = 0; i < g.n && ok; i++) if (i !== j && model.consent.required[c * g.n + i] && packageUtility(g.rp, i, v) < w[i]) ok = false;
      if (ok) best = Math.max(best, packageUtility(g.rp, j, v));
    }
  }
  return best;
}

describe('closed-form proposer problem', () => {
  it('applies to the default scenario as it was before issue 15 (one numeric issue, single-peaked utilities)', () => {
    expect(closedFormOf(gameForRun(model, 1, 0))).not.toBeNull();
  });

  it('meets every threshold, matches the brute-force optimum and never loses to the general search', () => {
    fc.assert(
      fc.property(
        ...proposerProblem(500),
        (run, j, ws) => {
          const g = gameForRun(model, 1, run);
          const w = Float64Array.from(ws);
          const o = bestOffer(g, j, w);
          const brute = bruteForce(run, j, w);
          const searched = searchTopOffers(g, j, w, 3)[0] ?? null;
          if (!o) {
            expect(brute).toBe(-Infinity);
            expect(searched).toBeNull();
            return;
          }
          for (let i = 0; i < g.n; i++)
            if (i !== j && model.consent.required[o.combo * g.n + i]) expect(o.utils[i]).toBeGreaterThanOrEqual(w[i] - ACCEPT_TOL);
          // The brute force sees only its grid: the closed form is at least as good, and not much better.
          expect(o.utils[j]).toBeGreaterThanOrEqual(brute - 1e-9);
          if (brute > -Infinity) expect(o.utils[j] - brute).toBeLessThan(1e-3);
          if (searched) expect(o.utils[j]).toBeGreaterThanOrEqual(searched.utils[j] - 1e-9);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('is not used when a constraint involves the numeric issue (the general search is)', () => {
    const m = scenario(`
name: constrained
rounds: 4
issues:
  x: {range: [0, 1]}
  level: {options: [low, high]}
constraints: ['level != "high" or x <= 0.5']
parties:
  a: {ideal: {x: 1, level: high}, weights: {x: 1, level: 1}, veto: true, discount: 0.9, reservation: 0}
  b: {ideal: {x: 0, level: low}, weights: {x: 1, level: 1}, veto: true, discount: 0.9, reservation: 0}
mechanism: {order: [a, b]}
`).model;
    expect(closedFormOf(gameForRun(m, 1, 0))).toBeNull();
  });
});
