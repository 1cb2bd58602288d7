import { solveAugmented } from './gauss.js';

/** A fixed-point solve's result: the point (the best seen, when it failed), the map evaluations spent, its residual max |T(x) − x|. */
export interface FixedPointResult {
  x: Float64Array;
  iterations: number;
  residual: number;
  converged: boolean;
}

/** Options of `andersonFixedPoint` (defaults: tol 1e-12, 5000 iterations, memory 5). */
export interface AndersonOptions {
  tol?: number;
  maxIterations?: number;
  memory?: number;
  /** Keeps iterates inside the map's domain (e.g. clamps to [0, 1]). */
  project?: (x: Float64Array) => void;
  /** Gives up early when the best residual has not halved within this many iterations (a cycling map). */
  stallWindow?: number;
  /**
   * For a piecewise map: which piece the last evaluation of T fell in (any number that differs between pieces).
   * When it changes, the history is dropped: differences taken on another piece describe another affine map,
   * and mixing them in sends the next step astray.
   */
  piece?: () => number;
}

/** A map that writes T(x) into `out` (never aliased with x). */
export type MapInto = (x: Float64Array, out: Float64Array) => void;

/** Halvings of a step that multiplied the residual before it is dropped for the plain step. */
const MAX_HALVINGS = 6;

/**
 * Anderson acceleration (type II, Walker & Ni 2011, "Anderson acceleration for
 * fixed-point iterations", SIAM J. Numer. Anal. 49(4)) of x = T(x).
 * Plain iteration of a contraction with factor δ needs ~log(tol)/log(δ) steps,
 * tens of thousands as δ → 1; Anderson mixes the last `memory` iterates and,
 * on the piecewise-affine maps of bargaining games, converges in a handful.
 * Safeguard: a step that multiplies the residual is halved back toward the
 * point before it, or else dropped for the plain step from that point. Given
 * the map's pieces (`piece`), the history restarts when an iterate lands on a
 * new one, so that each step extrapolates from one affine piece only.
 *
 * It runs once per Monte Carlo run, tens of steps each, so its buffers are
 * allocated once per call and T writes into one of them (`T(x, out)`).
 */
export function andersonFixedPoint(T: MapInto, x0: Float64Array, opts: AndersonOptions = {}): FixedPointResult {
  const tol = opts.tol ?? 1e-12;
  const maxIt = opts.maxIterations ?? 5000;
  const m = opts.memory ?? 5;
  const d = x0.length;
  const x = Float64Array.from(x0);
  const tx = new Float64Array(d);
  const f = new Float64Array(d);
  const prevX = new Float64Array(d);
  const prevTx = new Float64Array(d);
  let hasPrev = false;
  // The last m + 1 iterates and residuals, oldest first from `start` (a ring).
  const xs = Array.from({ length: m + 1 }, () => new Float64Array(d));
  const fs = Array.from({ length: m + 1 }, () => new Float64Array(d));
  let start = 0;
  let count = 0;
  const at = (k: number) => (start + k) % (m + 1);
  const ls = leastSquaresScratch(m, d);
  let bestRes = Infinity;
  let prevRes = Infinity;
  let halvedAt = 0;
  let lastHalving = Infinity;
  let halvings = 0;
  let lastPiece = NaN;
  // On failure the best point seen is returned, not the last (which may be a wild extrapolation).
  let bestX: Float64Array = x0;
  let bestCopy: Float64Array | null = null;
  for (let it = 0; it < maxIt; it++) {
    T(x, tx);
    let res = 0;
    for (let i = 0; i < d; i++) res = Math.max(res, Math.abs((f[i] = tx[i] - x[i])));
    if (res <= tol) return { x: Float64Array.from(tx), iterations: it + 1, residual: res, converged: true };
    // A step that multiplies the residual overshot (often into another piece of a
    // piecewise map): halve it back toward the previous point; after a few halvings,
    // drop it, clear the history and take the plain step from the previous point.
    if (res > 4 * prevRes && hasPrev && count > 0) {
      if (halvings < MAX_HALVINGS) {
        halvings++;
        for (let i = 0; i < d; i++) x[i] = (x[i] + prevX[i]) / 2;
        continue;
      }
      count = 0;
      start = 0;
      x.set(prevTx);
      hasPrev = false;
      prevRes = Infinity;
      halvings = 0;
      continue;
    }
    if (opts.piece) {
      const piece = opts.piece();
      if (piece !== lastPiece && count > 0) (count = 0), (start = 0);
      lastPiece = piece;
    }
    halvings = 0;
    prevRes = res;
    const improved = res < bestRes;
    if (improved) bestRes = res;
    if (bestRes <= lastHalving / 2) (lastHalving = bestRes), (halvedAt = it);
    if (opts.stallWindow && it - halvedAt > opts.stallWindow) return { x: Float64Array.from(improved ? tx : bestX), iterations: it + 1, residual: bestRes, converged: false };
    const k = count === m + 1 ? start : at(count);
    xs[k].set(x);
    fs[k].set(f);
    if (count === m + 1) start = (start + 1) % (m + 1);
    else count++;
    prevX.set(x);
    // The next iterate: T(x) corrected by the history, or T(x) itself (then projected in place,
    // so the remembered T(x) and best point are the projected ones).
    const gamma = count > 1 ? leastSquares(ls, fs, start, count, f) : null;
    if (gamma) {
      x.set(tx);
      for (let c = 0; c < count - 1; c++) {
        const a = xs[at(c)], b = xs[at(c + 1)], fa = fs[at(c)], fb = fs[at(c + 1)];
        for (let i = 0; i < d; i++) x[i] -= gamma[c] * (b[i] - a[i] + fb[i] - fa[i]);
      }
      opts.project?.(x);
    } else {
      opts.project?.(tx);
      x.set(tx);
    }
    prevTx.set(tx);
    hasPrev = true;
    if (improved) {
      bestCopy ??= new Float64Array(d);
      bestCopy.set(tx);
      bestX = bestCopy;
    }
  }
  return { x: Float64Array.from(bestX), iterations: maxIt, residual: bestRes, converged: false };
}

interface LeastSquaresScratch {
  cols: Float64Array[];
  A: Float64Array[];
  gamma: Float64Array;
}

function leastSquaresScratch(m: number, d: number): LeastSquaresScratch {
  return { cols: Array.from({ length: m }, () => new Float64Array(d)), A: Array.from({ length: m }, () => new Float64Array(m + 1)), gamma: new Float64Array(m) };
}

/** γ minimising |f − ΔF γ| (ΔF's columns: differences of successive residuals), by regularised normal equations. */
function leastSquares(s: LeastSquaresScratch, fs: Float64Array[], start: number, count: number, f: Float64Array): Float64Array | null {
  const c = count - 1;
  const d = f.length;
  const ring = fs.length;
  for (let k = 0; k < c; k++) {
    const a = fs[(start + k) % ring], b = fs[(start + k + 1) % ring], col = s.cols[k];
    for (let i = 0; i < d; i++) col[i] = b[i] - a[i];
  }
  // solveAugmented swaps rows: the rows are reset in order each time.
  const A = s.A;
  for (let a = 0; a < c; a++) {
    const row = A[a];
    for (let b = 0; b < c; b++) row[b] = dot(s.cols[a], s.cols[b], d);
    row[a] += 1e-14 * (1 + row[a]);
    row[c] = dot(s.cols[a], f, d);
  }
  return solveAugmented(A, c, 1e-300, s.gamma);
}

function dot(u: Float64Array, v: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += u[i] * v[i];
  return s;
}
