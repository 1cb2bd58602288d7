import { solveAugmented } from './gauss.js';
import { closedFormOf, type ClosedForm } from './closedForm/index.js';
import type { Game } from '../core/game.js';
import type { RecognitionStates } from '../core/recognition.js';
import { SINGULAR_PIVOT } from './constants.js';
import { applyMap, mapOptions } from './map.js';

/**
 * T(V) at τ = 0 on the closed form into `out` and, when J is given, its exact Jacobian (the one map: map.ts).
 * Through `applyMap`, which sets a collapse's value at V first (a breakdown hazard); `cf` must be the game's.
 */
export function closedFormMapJacobian(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, out: Float64Array, J: Float64Array | null): void {
  onClosedForm(g, cf);
  applyMap(g, rec, V, out, mapOptions(0, { jacobian: J }));
}

/** `applyMap` takes the closed form (whose Jacobian this is) for the game's own closed form without a decision rule. */
function onClosedForm(g: Game, cf: ClosedForm): void {
  if (closedFormOf(g) !== cf || g.model.decision) throw new Error('invariant: the exact Jacobian is the closed form\'s: the game\'s own, without a decision rule');
}

/** Exact Newton's result, as a fixed-point solve's (anderson.ts `FixedPointResult`). */
export interface ExactNewtonResult {
  x: Float64Array;
  iterations: number;
  residual: number;
  converged: boolean;
}

/**
 * Newton's method on V = T(V) with T's exact Jacobian (one map evaluation per
 * step). On a piecewise-affine map a step from inside the right piece lands
 * on the fixed point; when the pieces keep changing (a map that jumps: no pure
 * equilibrium nearby) it stops after `maxIterations` and the caller falls back.
 * Iterates stay in [0, 1].
 */
export function exactNewton(g: Game, cf: ClosedForm, rec: RecognitionStates, V0: Float64Array, tol: number, maxIterations: number): ExactNewtonResult {
  onClosedForm(g, cf);
  const d = V0.length;
  let x = Float64Array.from(V0);
  let tx = new Float64Array(d);
  let tc = new Float64Array(d);
  // T with its Jacobian at the current point and at a candidate (swapped when the candidate is taken).
  let at = mapOptions(0, { jacobian: new Float64Array(d * d) });
  let atCandidate = mapOptions(0, { jacobian: new Float64Array(d * d) });
  const A = Array.from({ length: d }, () => new Float64Array(d + 1));
  const residual = (p: Float64Array, tp: Float64Array) => {
    let r = 0;
    for (let i = 0; i < d; i++) r = Math.max(r, Math.abs(tp[i] - p[i]));
    return r;
  };
  applyMap(g, rec, x, tx, at);
  let res = residual(x, tx);
  let evals = 1;
  while (evals < maxIterations) {
    if (res <= tol) return { x: Float64Array.from(tx), iterations: evals, residual: res, converged: true };
    // (I − J)·Δ = T(x) − x.
    const J = at.jacobian as Float64Array;
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) A[r][c] = (r === c ? 1 : 0) - J[r * d + c];
      A[r][d] = tx[r] - x[r];
    }
    const step = solveAugmented(A, d, SINGULAR_PIVOT);
    let moved = false;
    // Backtracking: the full step, then halves, while it lowers the residual; else the plain step x ← T(x).
    for (let t = 1; step && t >= 1 / 8 && !moved && evals < maxIterations; t /= 2) {
      const xc = new Float64Array(d);
      for (let i = 0; i < d; i++) xc[i] = Math.min(1, Math.max(0, x[i] + t * step[i]));
      applyMap(g, rec, xc, tc, atCandidate);
      evals++;
      const rc = residual(xc, tc);
      if (rc < res) {
        x = xc;
        [tx, tc] = [tc, tx];
        [at, atCandidate] = [atCandidate, at];
        res = rc;
        moved = true;
      }
    }
    if (!moved) {
      x = Float64Array.from(tx);
      applyMap(g, rec, x, tx, at);
      evals++;
      res = residual(x, tx);
    }
  }
  return { x: Float64Array.from(tx), iterations: evals, residual: res, converged: res <= tol };
}
