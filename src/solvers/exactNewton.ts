import { solveAugmented } from './gauss.js';
import { curveSlope, evaluate, prepare, utilityAt, type ClosedForm } from './closedForm.js';
import type { Game } from '../core/game.js';
import { ACCEPT_TOL } from '../core/offer.js';
import { fillThresholds, nextState, type RecognitionStates } from '../core/recognition.js';

/**
 * The pure equilibrium map T and its Jacobian in one pass, on the closed form.
 * In each state s, proposer j's choice is a slot (or waiting); the offer's
 * numeric value x is either fixed (its own peak, an end of the range) or the
 * end of one responder b's acceptable interval, which moves with b's
 * threshold w_b = (1 − δ_b)·r_b + δ_b·V_b(next). So
 *   ∂T_i(s)/∂V_b(next) = Σ_j p_j · a_i·u_i'(x)·(dx/dw_b)·δ_b   (an offer),
 *   ∂T_i(s)/∂V_i(next) = Σ_j p_j · δ_i                          (waiting).
 * Inside one piece of the piecewise-smooth map (the same choices and the same
 * binding responders) this is T's exact derivative. With J null, just T
 * (the equilibrium's pure map, equilibrium.ts).
 */
export function closedFormMapJacobian(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, out: Float64Array, J: Float64Array | null): void {
  const { n, rp } = g;
  const d = rec.states * n;
  out.fill(0);
  J?.fill(0);
  const w = cf.w;
  for (let s = 0; s < rec.states; s++) {
    const next = nextState(s, rec.states);
    fillThresholds(g, V, next, w);
    prepare(cf, w, ACCEPT_TOL);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      if (pj === 0) continue;
      const b = evaluate(cf, j, w, ACCEPT_TOL);
      if (b >= 0 && cf.val[b] >= w[j] - ACCEPT_TOL) {
        const x = cf.x[b];
        const by = cf.xBy[b];
        for (let i = 0; i < n; i++) {
          out[s * n + i] += pj * utilityAt(cf, b, i, x);
          if (J && by >= 0 && cf.a[i] !== 0) J[(s * n + i) * d + next * n + by] += pj * cf.a[i] * curveSlope(cf, i, x) * cf.dx[b] * rp.discount[by];
        }
      } else
        for (let i = 0; i < n; i++) {
          out[s * n + i] += pj * w[i];
          if (J) J[(s * n + i) * d + next * n + i] += pj * rp.discount[i];
        }
    }
  }
}

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
  const d = V0.length;
  let x = Float64Array.from(V0);
  let tx = new Float64Array(d);
  let J = new Float64Array(d * d);
  let tc = new Float64Array(d);
  let Jc = new Float64Array(d * d);
  const A = Array.from({ length: d }, () => new Float64Array(d + 1));
  const residual = (p: Float64Array, tp: Float64Array) => {
    let r = 0;
    for (let i = 0; i < d; i++) r = Math.max(r, Math.abs(tp[i] - p[i]));
    return r;
  };
  closedFormMapJacobian(g, cf, rec, x, tx, J);
  let res = residual(x, tx);
  let evals = 1;
  while (evals < maxIterations) {
    if (res <= tol) return { x: Float64Array.from(tx), iterations: evals, residual: res, converged: true };
    // (I − J)·Δ = T(x) − x.
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) A[r][c] = (r === c ? 1 : 0) - J[r * d + c];
      A[r][d] = tx[r] - x[r];
    }
    const step = solveAugmented(A, d, 1e-14);
    let moved = false;
    // Backtracking: the full step, then halves, while it lowers the residual; else the plain step x ← T(x).
    for (let t = 1; step && t >= 1 / 8 && !moved && evals < maxIterations; t /= 2) {
      const xc = new Float64Array(d);
      for (let i = 0; i < d; i++) xc[i] = Math.min(1, Math.max(0, x[i] + t * step[i]));
      closedFormMapJacobian(g, cf, rec, xc, tc, Jc);
      evals++;
      const rc = residual(xc, tc);
      if (rc < res) {
        x = xc;
        [tx, tc] = [tc, tx];
        [J, Jc] = [Jc, J];
        res = rc;
        moved = true;
      }
    }
    if (!moved) {
      x = Float64Array.from(tx);
      closedFormMapJacobian(g, cf, rec, x, tx, J);
      evals++;
      res = residual(x, tx);
    }
  }
  return { x: Float64Array.from(tx), iterations: evals, residual: res, converged: res <= tol };
}
