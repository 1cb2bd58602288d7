import type { FixedPointResult } from './anderson.js';
import { solveAugmented } from './gauss.js';
import { SINGULAR_PIVOT } from './constants.js';

/** Options of `newtonFixedPoint`. */
export interface NewtonOptions {
  tol: number;
  maxIterations?: number;
  /** Gives up when the best residual has not halved within this many iterations. */
  stallWindow?: number;
  /** Keeps iterates inside the map's domain. */
  project?: (x: Float64Array) => void;
  /** Finite-difference step. */
  h?: number;
  /**
   * T with its exact Jacobian at x written into J (row-major, d × d): then every evaluation brings its
   * Jacobian along and a step costs no differences (map.ts on the closed form). The steps, line search
   * and stall rule are the same.
   */
  withJacobian?: (x: Float64Array, J: Float64Array) => Float64Array;
}

const residualOf = (x: Float64Array, tx: Float64Array) => tx.reduce((m, v, i) => Math.max(m, Math.abs(v - x[i])), 0);

/**
 * Newton's method on G(x) = T(x) − x with a forward-difference Jacobian and
 * a backtracking line search on the residual. On the piecewise-affine maps
 * of bargaining games a Newton step is exact inside one piece, so a handful
 * of steps (each costing dim + 1 evaluations of T) suffice even as δ → 1,
 * where plain iteration crawls at rate δ. When no step along the Newton
 * direction lowers the residual (a jump in T), it takes the plain step
 * x ← T(x); `stallWindow` then gives up early.
 */
export function newtonFixedPoint(T: (x: Float64Array) => Float64Array, x0: Float64Array, opts: NewtonOptions): FixedPointResult {
  const d = x0.length;
  const h = opts.h ?? 1e-7;
  const maxIt = opts.maxIterations ?? 100;
  const exact = opts.withJacobian;
  // With an exact Jacobian: the current point's, and a candidate's (swapped when the candidate is taken).
  let J = new Float64Array(exact ? d * d : 0);
  let Jc = new Float64Array(exact ? d * d : 0);
  let x: Float64Array = Float64Array.from(x0);
  let tx: Float64Array = exact ? exact(x, J) : T(x);
  let res = residualOf(x, tx);
  let evals = 1;
  let best = res, halvedAt = 0, lastHalving = res;
  for (let it = 0; it < maxIt; it++) {
    if (res <= opts.tol) return { x: tx, iterations: evals, residual: res, converged: true };
    const step = exact ? exactStep(J, x, tx) : newtonStep(T, x, tx, h);
    if (!exact) evals += d;
    let moved = false;
    if (step) {
      for (let t = 1; t >= 1 / 16 && !moved; t /= 2) {
        const xc = Float64Array.from(x, (v, i) => v + t * step[i]);
        opts.project?.(xc);
        const tc = exact ? exact(xc, Jc) : T(xc);
        evals++;
        const rc = residualOf(xc, tc);
        if (rc < res) {
          (x = xc), (tx = tc), (res = rc), (moved = true);
          [J, Jc] = [Jc, J];
        }
      }
    }
    if (!moved) {
      x = tx;
      tx = exact ? exact(x, J) : T(x);
      evals++;
      res = residualOf(x, tx);
    }
    best = Math.min(best, res);
    if (best <= lastHalving / 2) (lastHalving = best), (halvedAt = it);
    if (opts.stallWindow && it - halvedAt > opts.stallWindow) break;
  }
  return { x: tx, iterations: evals, residual: res, converged: res <= opts.tol };
}

/** Solves (I − J)Δ = T(x) − x, J the forward-difference Jacobian of T; null if singular. */
function newtonStep(T: (x: Float64Array) => Float64Array, x: Float64Array, tx: Float64Array, h: number): Float64Array | null {
  const d = x.length;
  const A = Array.from({ length: d }, () => new Float64Array(d + 1));
  for (let k = 0; k < d; k++) {
    const xk = Float64Array.from(x);
    // Step inward near the upper end of [0, 1], where values live.
    const hk = xk[k] + h > 1 ? -h : h;
    xk[k] += hk;
    const tk = T(xk);
    for (let i = 0; i < d; i++) A[i][k] = (i === k ? 1 : 0) - (tk[i] - tx[i]) / hk;
  }
  for (let i = 0; i < d; i++) A[i][d] = tx[i] - x[i];
  return solveAugmented(A, d, SINGULAR_PIVOT);
}

/** Solves (I − J)Δ = T(x) − x with T's exact Jacobian J (row-major); null if singular. */
function exactStep(J: Float64Array, x: Float64Array, tx: Float64Array): Float64Array | null {
  const d = x.length;
  const A = Array.from({ length: d }, () => new Float64Array(d + 1));
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) A[i][k] = (i === k ? 1 : 0) - J[i * d + k];
    A[i][d] = tx[i] - x[i];
  }
  return solveAugmented(A, d, SINGULAR_PIVOT);
}
