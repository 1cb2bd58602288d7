import type { SpaceCache, TableShape } from './spaceCache.js';
import type { ClosedForm } from './types.js';

// Each responder's acceptable interval of the numeric issue in every slot: the level sets of its curve.

/**
 * Each required party's acceptable interval of the numeric issue in every
 * combination under thresholds w (the same for every proposer in a state).
 * A party that cannot be satisfied in a combination gets an empty interval
 * (+∞, −∞); one satisfied whatever the value gets the whole range.
 */
export function prepare(cf: ClosedForm, w: ArrayLike<number>, tol: number): void {
  prepareSlots(cf, w, tol, 0, cf.combos.length);
}

/** `prepare` for slots [from, to) only (slots are independent: the bayesian refinement asks for one combination). */
export function prepareSlots(cf: ClosedForm, w: ArrayLike<number>, tol: number, from: number, to: number): void {
  const { n, optU, a, signers, signerCount, lo, hi, lvLo, lvHi, dLo, dHi, ideal, far, kappa, back } = cf;
  const level = levelOut;
  // Only the parties who must sign: no one reads the others' entries.
  for (let s = from; s < to; s++)
    for (let k = 0; k < signerCount[s]; k++) {
      const i = signers[s * n + k];
      const q = s * n + i;
      lvLo[q] = lo;
      lvHi[q] = hi;
      dLo[q] = 0;
      dHi[q] = 0;
      // With a risk of collapse the slot's deals are worth κ·u + (1 − κ)·B: u must reach (w − (1 − κ)·B)/κ.
      const need = (kappa === null ? w[i] : (w[i] - (1 - kappa[q]) * (back as Float64Array)[i]) / kappa[q]) - optU[q];
      if (a[i] === 0) {
        if (need > tol) (lvLo[q] = Infinity), (lvHi[q] = -Infinity);
        continue;
      }
      const L = need / a[i];
      if (L > cf.peakVal[i]) {
        if (need - a[i] * cf.peakVal[i] > tol) {
          lvLo[q] = Infinity;
          lvHi[q] = -Infinity;
          continue;
        }
        level[LEVEL] = cf.peakVal[i];
        levelSet(cf, i);
        lvLo[q] = level[LO];
        lvHi[q] = level[HI];
        continue;
      }
      if (far[i] > 0) {
        // The linear default, inline (the hot case): |x − ideal| ≤ (1 − L)·far.
        const reach = (1 - L) * far[i];
        const l = ideal[i] - reach;
        const h = ideal[i] + reach;
        lvLo[q] = l > lo ? l : lo;
        lvHi[q] = h < hi ? h : hi;
        dLo[q] = l > lo ? far[i] / a[i] : 0;
        dHi[q] = h < hi ? -far[i] / a[i] : 0;
        continue;
      }
      level[LEVEL] = L;
      levelSet(cf, i);
      lvLo[q] = level[LO];
      lvHi[q] = level[HI];
      // L = (w_i − optU) / a_i.
      dLo[q] = level[SLOPE_LO] / a[i];
      dHi[q] = level[SLOPE_HI] / a[i];
    }
}

/**
 * Positions in levelOut, `levelSet`'s level (LEVEL, set by the caller) and what it writes: the interval
 * where one party's utility reaches the level (LO, HI) and how its ends move with it (SLOPE_LO,
 * SLOPE_HI). In a typed array: a number passed to or returned from a call that is not inlined, or
 * kept in a module-level `let`, is boxed anew each time (an allocation per evaluation).
 */
const LO = 0, HI = 1, SLOPE_LO = 2, SLOPE_HI = 3, LEVEL = 4;

/**
 * levelSet's in/out slots. Module-level on purpose, the one scratch buffer the solver keeps: it is
 * written and read back within one call of prepareSlots (no state survives a call, so runs cannot
 * see each other). It and the positions above stay private to this module, beside their only
 * users: the optimiser embeds a module's own constants, while an imported binding is loaded anew
 * at each use. Carried on the closed form, or imported from another file, they made a
 * no-preconditions run 5-6% slower (prepareSlots and levelSet, measured paired).
 */
const levelOut = new Float64Array(5);

/**
 * The interval of x where party i's curve is at least L = levelOut[LEVEL] (L ≤ its peak value), into
 * levelOut. One function, not one per side: it is a hot path (split, its sides were not inlined).
 */
function levelSet(cf: ClosedForm, i: number): void {
  const level = levelOut;
  const { lo, hi } = cf;
  const L = level[LEVEL];
  // The linear default (its reach cf.far[i] > 0; a table's is 0), read from typed arrays: the curve object's kind is a slow property to read here.
  if (cf.far[i] > 0) {
    const far = cf.far[i];
    const reach = (1 - L) * far;
    level[LO] = Math.max(lo, cf.ideal[i] - reach);
    level[HI] = Math.min(hi, cf.ideal[i] + reach);
    level[SLOPE_LO] = level[LO] > lo ? far : 0;
    level[SLOPE_HI] = level[HI] < hi ? -far : 0;
    return;
  }
  const v = cf.table[i] as Float64Array;
  const last = v.length - 1;
  const h = (hi - lo) / last;
  const top = cf.top[i];
  const guide = cf.guide[i] as TableShape;
  // Rising side: the first index at or above L, then the crossing inside the cell before it.
  if (v[0] >= L) (level[LO] = lo), (level[SLOPE_LO] = 0);
  else {
    let a = 0, b = top; // v[a] < L ≤ v[b]
    // The guide narrows the bracket to one bucket of levels; checked, so rounding can only cost the shortcut.
    const m = Math.min(GUIDE - 1, Math.max(0, Math.floor(((L - v[0]) / (v[top] - v[0])) * GUIDE)));
    const ga = Math.max(0, guide.rise[m] - 1), gb = Math.min(top, guide.rise[m + 1]);
    if (v[ga] < L && L <= v[gb]) (a = ga), (b = gb);
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (v[m] >= L) b = m;
      else a = m;
    }
    level[LO] = lo + (a + (L - v[a]) / (v[b] - v[a])) * h;
    level[SLOPE_LO] = h / (v[b] - v[a]);
  }
  if (v[last] >= L) (level[HI] = hi), (level[SLOPE_HI] = 0);
  else {
    let a = top, b = last; // v[a] ≥ L > v[b]
    const m = Math.min(GUIDE - 1, Math.max(0, Math.floor(((v[top] - L) / (v[top] - v[last])) * GUIDE)));
    const ga = Math.max(top, guide.fall[m] - 1), gb = Math.min(last, guide.fall[m + 1]);
    if (v[ga] >= L && L > v[gb]) (a = ga), (b = gb);
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (v[m] >= L) a = m;
      else b = m;
    }
    level[HI] = lo + (a + (v[a] - L) / (v[a] - v[b])) * h;
    level[SLOPE_HI] = -h / (v[a] - v[b]);
  }
}

/**
 * A table's peak and level guide, or null when it is not single-peaked: found once per table (a table
 * is the scenario's, the same in every run), kept in the space's cache (spaceCache.ts), not once per run.
 */
export function shapeOf(shapes: SpaceCache['shapes'], v: Float64Array): TableShape | null {
  let g = shapes.get(v);
  if (g === undefined) {
    const top = peakIndex(v);
    g = top < 0 ? null : { top, ...guideOf(v, top) };
    shapes.set(v, g);
  }
  return g;
}

/**
 * Where a single-peaked table crosses evenly spaced levels, found once per table: on the rising
 * side rise[m] is the first index (up to the peak) at or above v[0] + m/GUIDE·(v[top] − v[0]); on
 * the falling side fall[m] is the first index (from the peak) below v[top] − m/GUIDE·(v[top] − v[last]).
 * A level search then starts from one bucket instead of the whole side; the result is the same.
 */
const GUIDE = 1024;
function guideOf(v: Float64Array, top: number): { rise: Int32Array; fall: Int32Array } {
  const last = v.length - 1;
  const rise = new Int32Array(GUIDE + 1);
  const fall = new Int32Array(GUIDE + 1);
  for (let m = 0, idx = 0; m <= GUIDE; m++) {
    const level = v[0] + (m / GUIDE) * (v[top] - v[0]);
    while (idx < top && v[idx] < level) idx++;
    rise[m] = idx;
  }
  for (let m = 0, idx = top; m <= GUIDE; m++) {
    const level = v[top] - (m / GUIDE) * (v[top] - v[last]);
    while (idx < last && v[idx] >= level) idx++;
    fall[m] = idx;
  }
  return { rise, fall };
}

/** The first maximum of a table that never rises after falling, or −1 when it does (not single-peaked). */
function peakIndex(v: Float64Array): number {
  let top = 0;
  while (top + 1 < v.length && v[top + 1] >= v[top]) top++;
  // Allow a plateau at the top, then the table must not rise again.
  let first = top;
  while (first > 0 && v[first - 1] === v[top]) first--;
  for (let i = top + 1; i < v.length; i++) if (v[i] > v[i - 1]) return -1;
  return first;
}
