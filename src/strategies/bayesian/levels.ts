/**
 * The bayesian proposer's search over acceptance levels, shared by the offer under unanimity (play.ts)
 * and under a decision rule (ruleOffer.ts): each uncertain responder's still-possible types, as a sorted
 * sample of thresholds, are tried at a few ranks, one responder at a time.
 */

/** How many acceptance levels per uncertain responder a proposer tries (quantiles of the still-possible types). */
const LEVELS = 9;

/** Up to LEVELS distinct values at evenly spaced ranks of a sorted sample (always its lowest and highest). */
export function levels(sorted: Float64Array): number[] {
  const out = new Set<number>();
  for (let k = 0; k < LEVELS; k++) out.add(sorted[Math.round((k * (sorted.length - 1)) / (LEVELS - 1))]);
  return [...out];
}

/** How many of the sorted values are ≤ x. */
export function countAtMost(sorted: Float64Array, x: number): number {
  // Below or above every value (most packages, once beliefs narrow): no search.
  if (!(x >= sorted[0])) return 0;
  if (x >= sorted[sorted.length - 1]) return sorted.length;
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Coordinate ascent over the levels: for each responder in turn (with its sorted sample; null: nothing to
 * try), the level of w[i] that `valueAt` (the proposer's expected value at w) rates best, the others held.
 */
export function climbLevels(w: Float64Array, responders: Iterable<[number, Float64Array | null]>, valueAt: () => number): void {
  for (const [i, sr] of responders) {
    if (!sr) continue;
    let bestLevel = w[i];
    let top = -Infinity;
    for (const level of levels(sr)) {
      w[i] = level;
      const v = valueAt();
      if (v > top + 1e-12) (top = v), (bestLevel = level);
    }
    w[i] = bestLevel;
  }
}
