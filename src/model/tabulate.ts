/**
 * A function of one variable sampled at `points` evenly spaced points of
 * [lo, hi] and read back by linear interpolation. Utility expressions are
 * tabulated once per scenario so the solver's inner loops never call mathjs;
 * the table *is* the utility everywhere (solver, acceptance, reports), so all
 * parts agree. The interpolation error is at most h²/8 · max|f''| on each cell
 * (h = cell width); `tabulationError` measures it against the expression.
 */
export interface Tabulated {
  lo: number;
  hi: number;
  values: Float64Array;
}

export const TABLE_POINTS = 4097;

export function tabulate(f: (x: number) => number, lo: number, hi: number, points = TABLE_POINTS): Tabulated {
  const values = new Float64Array(points);
  for (let i = 0; i < points; i++) values[i] = f(i === points - 1 ? hi : lo + ((hi - lo) * i) / (points - 1));
  return { lo, hi, values };
}

/** The tabulated value at x (clamped to the range). */
export function lookup(t: Tabulated, x: number): number {
  const last = t.values.length - 1;
  const pos = ((x - t.lo) / (t.hi - t.lo)) * last;
  if (!(pos > 0)) return t.values[0];
  if (pos >= last) return t.values[last];
  const i = Math.floor(pos);
  const frac = pos - i;
  return t.values[i] + frac * (t.values[i + 1] - t.values[i]);
}

/** The largest difference between the table and f at the midpoints of its cells (where linear interpolation errs most). */
export function tabulationError(t: Tabulated, f: (x: number) => number): number {
  const last = t.values.length - 1;
  let worst = 0;
  for (let i = 0; i < last; i++) {
    const x = t.lo + ((t.hi - t.lo) * (i + 0.5)) / last;
    worst = Math.max(worst, Math.abs(lookup(t, x) - f(x)));
  }
  return worst;
}
