import type { Problem } from '../scenario/problems.js';
import type { ConstraintDef, IssueDef } from './types.js';

/** Above this many candidate packages the scenario is refused (lower the numeric issues' grid). */
export const MAX_PACKAGES = 250_000;

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

/** Values of one package as a scope for constraint expressions (options as positions). */
export function scopeOf(issues: IssueDef[], values: ArrayLike<number>): Record<string, number> {
  const scope: Record<string, number> = {};
  for (const i of issues) scope[i.id] = values[i.index];
  return scope;
}

/** Whether a package satisfies every constraint. */
export function satisfies(constraints: ConstraintDef[], issues: IssueDef[], values: ArrayLike<number>): boolean {
  if (constraints.length === 0) return true;
  const scope = scopeOf(issues, values);
  return constraints.every((c) => {
    const v = c.fn(scope);
    if (typeof v !== 'boolean') throw new Error(`"${c.text}" gives ${String(v)}, not true or false`);
    return v;
  });
}

/**
 * Every package in the product of the issues' search points and options that
 * satisfies the constraints, row-major in a typed array.
 */
export function enumeratePackages(issues: IssueDef[], constraints: ConstraintDef[]): PackageSpace | Problem {
  const axes = issues.map((i) => (i.kind === 'numeric' ? i.grid : i.options.map((_, j) => j)));
  const total = axes.reduce((n, a) => n * a.length, 1);
  if (total > MAX_PACKAGES)
    return { path: ['issues'], message: `the outcome space has ${total} candidate packages, more than ${MAX_PACKAGES}: lower the numeric issues' grid` };
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
    let ok: boolean;
    try {
      ok = satisfies(constraints, issues, cur);
    } catch (e) {
      return { path: ['constraints'], message: `a constraint cannot be evaluated: ${(e as Error).message}` };
    }
    if (ok) {
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
