import { count as showCount, howToRaise, limit } from '../scenario/limits.js';
import type { Problem } from '../scenario/problems.js';
import type { ConstraintDef, IssueDef } from './types.js';


/** The feasible packages, by value and by position on each issue's axis. */
export interface PackageSpace {
  /** Each issue's axis: numeric search points, or option positions. */
  axes: number[][];
  /** Raw values, row-major [p * K + k]. */
  packages: Float64Array;
  /** Position on each axis, row-major [p * K + k]. */
  axisIndex: Int32Array;
  count: number;
  /** Which combination of options each package has (numeric issues ignored), 0..comboCount-1. */
  combo: Int32Array;
  comboCount: number;
}

/** Whether a package satisfies every constraint. */
export function satisfies(constraints: ConstraintDef[], values: ArrayLike<number>): boolean {
  for (const c of constraints) if (c.fn(values) !== true) return false;
  return true;
}

/** A constraint that gives something other than true or false (checked once, on the first package). */
function nonBoolean(constraints: ConstraintDef[], values: ArrayLike<number>): Problem | null {
  for (let i = 0; i < constraints.length; i++) {
    const v = constraints[i].fn(values);
    if (typeof v !== 'boolean') return { path: ['constraints', i], message: `"${constraints[i].text}" gives ${String(v)}, not true or false` };
  }
  return null;
}

/**
 * Every package in the product of the issues' search points and options that
 * satisfies the constraints, row-major in a typed array.
 */
export function enumeratePackages(issues: IssueDef[], constraints: ConstraintDef[]): PackageSpace | Problem {
  const axes = issues.map((i) => (i.kind === 'numeric' ? i.grid : i.options.map((_, j) => j)));
  const total = axes.reduce((n, a) => n * a.length, 1);
  // Above the limit (Limits.packages) the scenario is refused before anything is allocated.
  const max = limit('packages');
  if (total > max)
    return { path: ['issues'], message: `the outcome space has ${showCount(total)} candidate packages, more than the limit of ${showCount(max)}: lower the numeric issues' grid, or ${howToRaise('packages', total)}` };
  const K = issues.length;
  const out = new Float64Array(total * K);
  const cur = new Float64Array(K);
  const idx = new Int32Array(K);
  const index = new Int32Array(total * K);
  let count = 0;
  for (let p = 0; p < total; p++) {
    let rest = p;
    for (let k = K - 1; k >= 0; k--) {
      idx[k] = rest % axes[k].length;
      cur[k] = axes[k][idx[k]];
      rest = Math.floor(rest / axes[k].length);
    }
    if (p === 0) {
      const bad = nonBoolean(constraints, cur);
      if (bad) return bad;
    }
    if (satisfies(constraints, cur)) {
      out.set(cur, count * K);
      index.set(idx, count * K);
      count++;
    }
  }
  if (count === 0)
    return { path: ['constraints'], message: `no package satisfies all constraints (checked ${total}): the feasible set is empty` };
  const axisIndex = index.slice(0, count * K);
  return { axes, packages: out.slice(0, count * K), axisIndex, count, ...combos(issues, axes, axisIndex, count) };
}

function combos(issues: IssueDef[], axes: number[][], axisIndex: Int32Array, count: number): { combo: Int32Array; comboCount: number } {
  const K = issues.length;
  const combo = new Int32Array(count);
  let comboCount = 1;
  for (const i of issues) if (i.kind === 'options') comboCount *= axes[i.index].length;
  for (let p = 0; p < count; p++) {
    let c = 0;
    for (const i of issues) if (i.kind === 'options') c = c * axes[i.index].length + axisIndex[p * K + i.index];
    combo[p] = c;
  }
  return { combo, comboCount };
}
