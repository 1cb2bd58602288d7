import { issueValue } from '../../model/utility.js';
import type { ClosedForm } from './types.js';

// One party's curve on the numeric issue: its value (its shape and level sets: levels.ts).

/** Party i's (unweighted) utility of numeric value x. */
export function curveAt(cf: ClosedForm, i: number, x: number): number {
  // The linear default and the table inline, as linearDistance and lookup compute them (a call that
  // is not inlined boxes its number argument and result: an allocation per evaluation).
  if (cf.far[i] > 0) return 1 - Math.abs(x - cf.ideal[i]) / cf.far[i];
  const v = cf.table[i];
  if (v !== null) {
    const last = v.length - 1;
    const pos = ((x - cf.lo) / (cf.hi - cf.lo)) * last;
    if (!(pos > 0)) return v[0];
    if (pos >= last) return v[last];
    const c = Math.floor(pos);
    const frac = pos - c;
    return v[c] + frac * (v[c + 1] - v[c]);
  }
  const r = cf.curves[i];
  return r ? issueValue(r, x) : 0;
}
