import type { Game } from '../../core/game.js';
import { curveAt } from './curve.js';
import type { ClosedForm } from './types.js';

// The proposer's problem over the slots (combinations of options): its best offer in each, under the
// responders' acceptable intervals that levels.ts prepares.

/**
 * For proposer j under the thresholds w given to `prepare`: in every
 * combination, the best numeric value it can offer (cf.x) and its utility of
 * that offer (cf.val; −∞ when no offer in the combination meets every
 * required responder's threshold). Returns the best slot (ties: the lower combination), or −1.
 */
export function evaluate(cf: ClosedForm, j: number, w: ArrayLike<number>, tol: number): number {
  return evaluateSlots(cf, j, w, tol, 0, cf.combos.length);
}

/** `evaluate` for slots [from, to) only, prepared for the same w: the best of them, or −1. */
export function evaluateSlots(cf: ClosedForm, j: number, w: ArrayLike<number>, tol: number, from: number, to: number): number {
  const { n, optU, a, x, val, required, signers, signerCount, lo, hi, lvLo, lvHi, xBy, kappa } = cf;
  let best = -1;
  for (let s = from; s < to; s++) {
    let A = lo, B = hi;
    // Which responder's interval end A and B are (−1: the range's own end).
    let byA = -1, byB = -1;
    let ok = true;
    for (let k = 0; k < signerCount[s]; k++) {
      const i = signers[s * n + k];
      if (i === j) continue;
      const q = s * n + i;
      if (lvLo[q] > lvHi[q]) {
        ok = false;
        break;
      }
      if (lvLo[q] > A) (A = lvLo[q]), (byA = i);
      if (lvHi[q] < B) (B = lvHi[q]), (byB = i);
    }
    xBy[s] = -1;
    if (ok && A > B) {
      // Empty by rounding only when the crossing points nearly meet: accept their midpoint if it passes with the tolerance.
      const m = (A + B) / 2;
      for (let i = 0; i < n && ok; i++)
        if (i !== j && required[s * n + i] !== 0 && risked(cf, s, i, optU[s * n + i] + a[i] * curveAt(cf, i, m)) < w[i] - tol) ok = false;
      A = B = m;
    }
    if (!ok) {
      val[s] = -Infinity;
      continue;
    }
    let xs: number;
    if (a[j] !== 0) xs = Math.min(B, Math.max(A, cf.peak[j]));
    else {
      // Indifferent about the issue: it takes what it can from the others (the end they like least).
      let sa = 0, sb = 0;
      for (let i = 0; i < n; i++) if (i !== j && a[i] !== 0) (sa += a[i] * curveAt(cf, i, A)), (sb += a[i] * curveAt(cf, i, B));
      xs = sb < sa ? B : A;
    }
    if (A < B) {
      if (xs === A && byA >= 0) (xBy[s] = byA), (cf.dx[s] = cf.dLo[s * n + byA]);
      else if (xs === B && byB >= 0) (xBy[s] = byB), (cf.dx[s] = cf.dHi[s * n + byB]);
    }
    x[s] = xs;
    val[s] = optU[s * n + j] + a[j] * curveAt(cf, j, xs);
    if (kappa !== null) val[s] = risked(cf, s, j, val[s]);
    if (best < 0 || val[s] > val[best]) best = s;
  }
  return best;
}

/**
 * Each party's (unweighted) curve slope at the offer in `slot` (x = cf.x[slot], as the last
 * `evaluate` left it) into cf.slope: one-sided (toward larger x), 0 at a peak of the linear
 * default, 0 for a party without a curve. Written to scratch rather than returned: a number
 * passed to or returned from a call that is not inlined is boxed (an allocation per call).
 */
export function offerSlopes(cf: ClosedForm, slot: number): void {
  const x = cf.x[slot];
  for (let i = 0; i < cf.n; i++) {
    const r = cf.curves[i];
    if (!r) {
      cf.slope[i] = 0;
      continue;
    }
    if (r.u.kind === 'linear') {
      const far = Math.max(r.ideal - cf.lo, cf.hi - r.ideal);
      cf.slope[i] = x === r.ideal || far <= 0 ? 0 : x < r.ideal ? 1 / far : -1 / far;
      continue;
    }
    const t = (r.u as { table: { lo: number; hi: number; values: Float64Array } }).table;
    const last = t.values.length - 1;
    const h = (t.hi - t.lo) / last;
    const c = Math.min(last - 1, Math.max(0, Math.floor((x - t.lo) / h)));
    cf.slope[i] = (t.values[c + 1] - t.values[c]) / h;
  }
}

/**
 * Whether some offer meets every threshold given to `prepare`, the proposer's
 * included (Fearon's range when the thresholds are the no-deal flows): in some
 * combination every required party's acceptable interval overlaps.
 */
export function anyAcceptable(cf: ClosedForm, w: ArrayLike<number>, tol: number): boolean {
  const { n, optU, a, required, lo, hi, lvLo, lvHi } = cf;
  for (let s = 0; s < cf.combos.length; s++) {
    let A = lo, B = hi;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const q = s * n + i;
      if (required[q] === 0) continue;
      if (lvLo[q] > lvHi[q]) ok = false;
      if (lvLo[q] > A) A = lvLo[q];
      if (lvHi[q] < B) B = lvHi[q];
    }
    if (ok && A > B) {
      // As in `evaluate`: crossing points that nearly meet pass if their midpoint does.
      const m = (A + B) / 2;
      for (let i = 0; i < n && ok; i++) if (required[s * n + i] !== 0 && risked(cf, s, i, optU[s * n + i] + a[i] * curveAt(cf, i, m)) < w[i] - tol) ok = false;
    }
    if (ok) return true;
  }
  return false;
}

/** Party i's utility of the offer in `slot` at numeric value x. */
export function utilityAt(cf: ClosedForm, slot: number, i: number, x: number): number {
  return risked(cf, slot, i, cf.optU[slot * cf.n + i] + cf.a[i] * curveAt(cf, i, x));
}

/** What a deal in `slot` worth u to party i is worth with its risk of collapse (κ·u + (1 − κ)·B); u when deals are final. */
function risked(cf: ClosedForm, slot: number, i: number, u: number): number {
  const kappa = cf.kappa;
  if (kappa === null) return u;
  const k = kappa[slot * cf.n + i];
  return k * u + (1 - k) * (cf.back as Float64Array)[i];
}

/** The raw issue values of the offer in `slot` at numeric value x. */
export function valuesAt(g: Game, cf: ClosedForm, slot: number, x: number): Float64Array {
  const K = g.K;
  const values = g.model.space.packages.slice(cf.rep[slot] * K, cf.rep[slot] * K + K);
  if (cf.k >= 0) values[cf.k] = x;
  return values;
}
