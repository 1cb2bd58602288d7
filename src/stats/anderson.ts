import { solveAugmented } from './gauss.js';

/**
 * Anderson acceleration (type II, Walker & Ni 2011, "Anderson acceleration for
 * fixed-point iterations", SIAM J. Numer. Anal. 49(4)) of x = T(x).
 * Plain iteration of a contraction with factor δ needs ~log(tol)/log(δ) steps,
 * tens of thousands as δ → 1; Anderson mixes the last `memory` iterates and,
 * on the piecewise-affine maps of bargaining games, converges in a handful.
 * Safeguard: a step that multiplies the residual is halved back toward the
 * point before it, or else dropped for the plain step from that point.
 */
export interface FixedPointResult {
  x: Float64Array;
  iterations: number;
  residual: number;
  converged: boolean;
}

export interface AndersonOptions {
  tol?: number;
  maxIterations?: number;
  memory?: number;
  /** Keeps iterates inside the map's domain (e.g. clamps to [0, 1]). */
  project?: (x: Float64Array) => void;
  /** Gives up early when the best residual has not halved within this many iterations (a cycling map). */
  stallWindow?: number;
}

const MAX_HALVINGS = 6;

export function andersonFixedPoint(T: (x: Float64Array) => Float64Array, x0: Float64Array, opts: AndersonOptions = {}): FixedPointResult {
  const tol = opts.tol ?? 1e-12;
  const maxIt = opts.maxIterations ?? 5000;
  const m = opts.memory ?? 5;
  const d = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  const xs: Float64Array[] = [];
  const fs: Float64Array[] = [];
  let bestRes = Infinity;
  let prevRes = Infinity;
  let halvedAt = 0;
  let lastHalving = Infinity;
  let prevTx: Float64Array | null = null;
  let prevX: Float64Array | null = null;
  let halvings = 0;
  // On failure the best point seen is returned, not the last (which may be a wild extrapolation).
  let bestX: Float64Array = x;
  for (let it = 0; it < maxIt; it++) {
    const tx = T(x);
    const f = new Float64Array(d);
    let res = 0;
    for (let i = 0; i < d; i++) res = Math.max(res, Math.abs((f[i] = tx[i] - x[i])));
    if (res <= tol) return { x: tx, iterations: it + 1, residual: res, converged: true };
    // A step that multiplies the residual overshot (often into another piece of a
    // piecewise map): halve it back toward the previous point; after a few halvings,
    // drop it, clear the history and take the plain step from the previous point.
    if (res > 4 * prevRes && prevX && prevTx && xs.length > 0) {
      if (halvings < MAX_HALVINGS) {
        halvings++;
        const from = prevX;
        x = Float64Array.from(x, (v, i) => (v + from[i]) / 2);
        continue;
      }
      xs.length = 0;
      fs.length = 0;
      x = prevTx;
      prevTx = prevX = null;
      prevRes = Infinity;
      halvings = 0;
      continue;
    }
    halvings = 0;
    prevRes = res;
    prevTx = tx;
    prevX = x;
    if (res < bestRes) (bestRes = res), (bestX = tx);
    if (bestRes <= lastHalving / 2) (lastHalving = bestRes), (halvedAt = it);
    if (opts.stallWindow && it - halvedAt > opts.stallWindow) return { x: bestX, iterations: it + 1, residual: bestRes, converged: false };
    xs.push(x);
    fs.push(f);
    if (xs.length > m + 1) xs.shift(), fs.shift();
    let next: Float64Array = tx;
    if (xs.length > 1) {
      const gamma = leastSquares(fs, f);
      if (gamma) {
        next = Float64Array.from(tx);
        for (let c = 0; c < gamma.length; c++)
          for (let i = 0; i < d; i++) next[i] -= gamma[c] * (xs[c + 1][i] - xs[c][i] + fs[c + 1][i] - fs[c][i]);
      }
    }
    opts.project?.(next);
    x = next;
  }
  return { x: bestX, iterations: maxIt, residual: bestRes, converged: false };
}

/** γ minimising |f − ΔF γ| (ΔF's columns: differences of successive residuals), by regularised normal equations. */
function leastSquares(fs: Float64Array[], f: Float64Array): Float64Array | null {
  const c = fs.length - 1;
  const d = f.length;
  const cols = Array.from({ length: c }, (_, k) => Float64Array.from({ length: d }, (_, i) => fs[k + 1][i] - fs[k][i]));
  const A = Array.from({ length: c }, () => new Float64Array(c + 1));
  for (let a = 0; a < c; a++) {
    for (let b = 0; b < c; b++) A[a][b] = dot(cols[a], cols[b]);
    A[a][a] += 1e-14 * (1 + A[a][a]);
    A[a][c] = dot(cols[a], f);
  }
  return solveAugmented(A, c, 1e-300);
}

const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i], 0);
