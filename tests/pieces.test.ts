import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { andersonFixedPoint } from '../src/solvers/anderson.js';
import { applyMap, mapOptions } from '../src/solvers/map.js';
import { solveEquilibrium } from '../src/solvers/equilibrium.js';
import { gameForRun } from '../src/core/game.js';
import { recognitionOf } from '../src/core/recognition.js';
import { scenario } from './helpers.js';

// Anderson's history restarts when the map's piece changes (anderson.ts `piece`, map.ts `MapOptions.piece`).

describe('Anderson with the pieces of a piecewise map', () => {
  it('drops its history on every change of piece: with a new piece at every step it is plain iteration', () => {
    // T(x) = x/2 + 1/4 from 0: plain iteration's residual at step k is |T(x_k) − x_k| = 2^−(k+2), which first
    // reaches 1e-12 at k = 38 (2^−40 ≈ 9.1e-13; 2^−39 ≈ 1.8e-12): 39 evaluations. Anderson with its history
    // solves a 1-D affine map at its second step.
    const T = (x: Float64Array, out: Float64Array) => void (out[0] = x[0] / 2 + 0.25);
    let calls = 0;
    const plain = andersonFixedPoint(T, new Float64Array(1), { tol: 1e-12, piece: () => calls++ });
    expect(plain.converged).toBe(true);
    expect(plain.iterations).toBe(39);
    const same = andersonFixedPoint(T, new Float64Array(1), { tol: 1e-12, piece: () => 7 });
    expect(same.iterations).toBeLessThanOrEqual(3);
    expect(same.x[0]).toBeCloseTo(0.5, 12);
  });

  it('finds a kinked map\'s fixed point in fewer steps when it knows the pieces', () => {
    // A contraction at rate 0.99 whose slope changes at x0 = c (a proposer switching what it offers): history from
    // the first piece misleads the extrapolation on the second. Same fixed point either way: x0 = 0.128953 and
    // 0.222572, as 200,000 steps of plain iteration from 0 give them.
    for (const [c, k, expected] of [[0.1, 0.6, 0.128953], [0.2, 0.3, 0.222572]]) {
      let last = 0;
      const T = (x: Float64Array, out: Float64Array) => {
        last = x[0] < c ? 0 : 1;
        const kink = k * Math.max(0, x[0] - c);
        out[0] = 0.99 * (0.7 * x[0] + 0.3 * x[1]) + 0.004 - kink * 0.5;
        out[1] = 0.99 * (0.2 * x[0] + 0.8 * x[1]) + 0.002 + kink * 0.2;
      };
      const opts = { tol: 1e-12, stallWindow: 60, maxIterations: 400 };
      const blind = andersonFixedPoint(T, new Float64Array(2), opts);
      const seeing = andersonFixedPoint(T, new Float64Array(2), { ...opts, piece: () => last });
      expect(blind.converged && seeing.converged).toBe(true);
      expect(seeing.x[0]).toBeCloseTo(expected, 6);
      expect(Math.abs(seeing.x[0] - blind.x[0])).toBeLessThan(1e-10);
      expect(seeing.iterations).toBeLessThan(blind.iterations);
    }
  });
});

describe('the pieces of the equilibrium map', () => {
  const model = scenario(readFileSync('tests/fixtures/static-default.yaml', 'utf8')).model;

  it('are the same on the closed form and by the general search (generated runs and points)', () => {
    // The closed form and the search make the same choices; the piece hashes only the choices, so a game solved
    // either way (unanimity, or a decision rule that asks the same) restarts Anderson at the same steps.
    fc.assert(
      fc.property(fc.nat(5000), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (run, v) => {
        const g = gameForRun(model, 1, run);
        const rec = recognitionOf(g);
        const V = Float64Array.from(v);
        const closed = mapOptions(0), search = mapOptions(0, { record: () => {} });
        const a = new Float64Array(4), b = new Float64Array(4);
        applyMap(g, rec, V, a, closed);
        applyMap(g, rec, V, b, search);
        expect(search.piece).toBe(closed.piece);
        for (let i = 0; i < 4; i++) expect(b[i]).toBeCloseTo(a[i], 9);
      }),
      { numRuns: 150, seed: 20 },
    );
  });

  it('let the pure stage find pure equilibria where it used to fall back to mixing', () => {
    // Without restarts (and with a stall window of 25 steps) the solver reported 108 of these 500 runs mixed: their
    // residuals stopped halving while Anderson crossed pieces, and the averaged mixture was an approximation where a
    // pure equilibrium exists. Now 8 are. Every pure one reported is a fixed point of T to about the solve's tolerance
    // 1e-10/(1 − δ_max) (checked here by T once more, independently of the solver's own residual), where a mixture is
    // one only to 2e-3.
    let mixed = 0;
    let worst = 0;
    for (let run = 0; run < 500; run++) {
      const g = gameForRun(model, 1, run);
      const eq = solveEquilibrium(g);
      expect(eq.converged).toBe(true);
      if (eq.mixed) {
        mixed++;
        continue;
      }
      const TV = new Float64Array(eq.V.length);
      applyMap(g, recognitionOf(g), eq.V, TV, mapOptions(0));
      const top = Math.max(...g.rp.discount);
      for (let i = 0; i < TV.length; i++) worst = Math.max(worst, Math.abs(TV[i] - eq.V[i]) / (1e-10 / (1 - top)));
    }
    // V is T(x) at the last iterate x, whose residual met the tolerance: |T(V) − V| ≤ L·tol, L being T's Lipschitz
    // constant in the max norm, which the offers' slopes (and a collapse's value) can take above 1 (1.9 at worst here).
    expect(worst).toBeLessThanOrEqual(4);
    expect(mixed).toBeLessThanOrEqual(12);
  });
});
