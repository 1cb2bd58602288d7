/**
 * A fixed-width histogram over a known range: memory is constant in the number
 * of observations, merging is exact (integer counts), and a quantile is off by
 * at most one bin width, (hi − lo) / bins, and never leaves [min, max] seen.
 */
export interface Histogram {
  lo: number;
  hi: number;
  counts: Float64Array;
  n: number;
  sum: number;
  min: number;
  max: number;
}

export const DEFAULT_BINS = 2000;

export function histogram(lo: number, hi: number, bins = DEFAULT_BINS): Histogram {
  return { lo, hi, counts: new Float64Array(bins), n: 0, sum: 0, min: Infinity, max: -Infinity };
}

/** Adds one observation (values outside the range count in the end bins). */
export function observe(h: Histogram, x: number): void {
  const bins = h.counts.length;
  const b = h.hi > h.lo ? Math.floor(((x - h.lo) / (h.hi - h.lo)) * bins) : 0;
  h.counts[Math.min(bins - 1, Math.max(0, b))]++;
  h.n++;
  h.sum += x;
  if (x < h.min) h.min = x;
  if (x > h.max) h.max = x;
}

/** Adds b's observations to a (same range and bins). */
export function mergeInto(a: Histogram, b: Histogram): void {
  for (let i = 0; i < a.counts.length; i++) a.counts[i] += b.counts[i];
  a.n += b.n;
  a.sum += b.sum;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
}

export const mean = (h: Histogram): number => (h.n === 0 ? NaN : h.sum / h.n);

/** The q-quantile, interpolating linearly inside the bin where the cumulative count crosses q·n. */
export function quantile(h: Histogram, q: number): number {
  if (h.n === 0) return NaN;
  const target = q * h.n;
  const width = (h.hi - h.lo) / h.counts.length;
  let cum = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (c > 0 && cum + c >= target) {
      const x = h.lo + width * (i + (target - cum) / c);
      return Math.min(h.max, Math.max(h.min, x));
    }
    cum += c;
  }
  return h.max;
}

/** The counts regrouped into `bins` equal bins over the same range (exact: whole bins are added up). */
export function coarseCounts(h: Histogram, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  const n = h.counts.length;
  for (let i = 0; i < n; i++) out[Math.floor((i * bins) / n)] += h.counts[i];
  return out;
}
