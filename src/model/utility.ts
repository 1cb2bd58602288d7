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

/**
 * `IssueUtility['kind']` as a small integer. `issueValue` switches on it: reading `u.kind` there
 * meets five object shapes (one per kind), which V8 reads through a slow generic lookup.
 */
export const FORM = { none: 0, linear: 1, expr: 2, rank: 3, values: 4 } as const satisfies Record<IssueUtility['kind'], number>;

/** A party's resolved view of one issue in one run: what `issueValue` needs. */
export interface ResolvedIssueUtility {
  u: IssueUtility;
  /** FORM[u.kind]. */
  form: number;
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
  switch (r.form) {
    case FORM.linear:
      return linearDistance(x, r.ideal, r.lo, r.hi);
    case FORM.expr:
      return lookup((r.u as Extract<IssueUtility, { kind: 'expr' }>).table, x);
    case FORM.rank:
      return linearDistance(x, (r.u as Extract<IssueUtility, { kind: 'rank' }>).ideal, 0, r.n - 1);
    case FORM.values:
      return (r.values as Float64Array)[x];
    default:
      return 0;
  }
}
