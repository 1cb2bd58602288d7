import { lookup } from './tabulate.js';
import type { IssueUtility } from './types.js';

/**
 * Default numeric utility: 1 at the ideal, falling linearly to 0 at the far end of the range.
 * Options by rank use the same rule on positions (which assumes equally spaced options).
 */
export function linearDistance(x: number, ideal: number, lo: number, hi: number): number {
  const far = Math.max(ideal - lo, hi - ideal);
  return far <= 0 ? 1 : 1 - Math.abs(x - ideal) / far;
}

/** A party's resolved view of one issue in one run: what `issueValue` needs. */
export interface ResolvedIssueUtility {
  u: IssueUtility;
  /** The run's ideal (numeric linear) or NaN. */
  ideal: number;
  /** The run's option values (explicit values) or null. */
  values: Float64Array | null;
  lo: number;
  hi: number;
  /** Number of options (options issues). */
  n: number;
}

/** Utility in [0, 1] of raw value x (an option's position for options issues). */
export function issueValue(r: ResolvedIssueUtility, x: number): number {
  switch (r.u.kind) {
    case 'none':
      return 0;
    case 'linear':
      return linearDistance(x, r.ideal, r.lo, r.hi);
    case 'expr':
      return lookup(r.u.table, x);
    case 'rank':
      return linearDistance(x, r.u.ideal, 0, r.n - 1);
    case 'values':
      return (r.values as Float64Array)[x];
  }
}
