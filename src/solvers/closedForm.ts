import { issueValue, type ResolvedIssueUtility } from '../model/utility.js';
import type { Game } from '../core/game.js';
import { REFINE_TOP } from './constants.js';

/**
 * The proposer's problem in closed form, for games with at most one numeric
 * issue, no constraint on it, and single-peaked utilities on it (the default
 * linear utility; a tabulated expression that rises then falls). Then, in
 * each combination of options, each required responder's acceptance is an
 * interval of the numeric issue (the set where its utility reaches its
 * threshold), found by inverting its utility exactly: linear by formula,
 * tabulated by a binary search on the table and interpolation in one cell.
 * The proposer takes the point of the intersection nearest its own peak
 * (or, if it does not care about the issue, the end the others like least).
 * Everything that does not depend on thresholds (option utilities per
 * combination, peaks) is built once per game; a map evaluation allocates nothing.
 */
export interface ClosedForm {
  n: number;
  /** Feasible combinations of options, ascending; `slot` indexes them. */
  combos: Int32Array;
  /** A package with that combination (its option values are the combination's). */
  rep: Int32Array;
  /** Utility of the combination's options to each party: optU[slot * n + i]. */
  optU: Float64Array;
  /** The numeric issue, or −1. */
  k: number;
  lo: number;
  hi: number;
  /** Each party's weight on the numeric issue (0 when it has no utility for it). */
  a: Float64Array;
  /** Each party's peak on the numeric issue and its utility there. */
  peak: Float64Array;
  peakVal: Float64Array;
  curves: (ResolvedIssueUtility | null)[];
  /** Each party's curve as numbers for the inner loop: the linear default's ideal and reach (0 when tabulated or absent). */
  ideal: Float64Array;
  far: Float64Array;
  /** Each tabulated curve's values, the index of its peak and its level guide (`guideOf`); null/0 otherwise. */
  table: (Float64Array | null)[];
  top: Int32Array;
  guide: ({ rise: Int32Array; fall: Int32Array } | null)[];
  /** Whether party i must sign a deal in the slot's combination: required[slot * n + i] (Model.consent). */
  required: Uint8Array;
  /** The same as lists, ascending: the parties who must sign in a slot are signers[slot * n + k], k < signerCount[slot]. */
  signers: Int32Array;
  signerCount: Int32Array;
  /** Scratch written by `evaluate`: per slot, the numeric value and the proposer's utility (−∞: nothing acceptable). */
  x: Float64Array;
  val: Float64Array;
  /** Scratch written by `prepare`: each required party's acceptable interval per slot (lvLo > lvHi: none). */
  lvLo: Float64Array;
  lvHi: Float64Array;
  /** Scratch written by `prepare`: d lvLo / d w_i and d lvHi / d w_i (how an end moves with the party's threshold). */
  dLo: Float64Array;
  dHi: Float64Array;
  /** Scratch written by `evaluate`: the responder whose threshold sets x in each slot (−1: none does) and dx / d w of it. */
  xBy: Int32Array;
  dx: Float64Array;
  /** Scratch for a map evaluation's thresholds in one state (length n). */
  w: Float64Array;
  /** Scratch of the smoothed map (map.ts): the top REFINE_TOP slots of a proposer, their logit weights and probabilities. */
  topSlot: Int32Array;
  topWeight: Float64Array;
  topProb: Float64Array;
  /** Scratch written by `offerSlopes`: each party's curve slope at one offer (length n). */
  slope: Float64Array;
}

/** The game's closed form, or null when the game is outside its conditions (the general search is used then). */
export function closedFormOf(g: Game): ClosedForm | null {
  if (g.closedForm === undefined) g.closedForm = build(g);
  return g.closedForm;
}

function build(g: Game): ClosedForm | null {
  const { model, rp, n, K } = g;
  const numeric = model.issues.filter((i) => i.kind === 'numeric');
  if (numeric.length > 1 || model.constraints.some((c) => c.numeric)) return null;
  const k = numeric.length === 1 ? numeric[0].index : -1;
  const lo = numeric.length === 1 && numeric[0].kind === 'numeric' ? numeric[0].lo : 0;
  const hi = numeric.length === 1 && numeric[0].kind === 'numeric' ? numeric[0].hi : 0;
  const { combos, rep } = combosOf(model.space);
  const C = combos.length;
  const R = REFINE_TOP;
  const mem = arena(8 * (7 * n + 5 * C * n + 3 * C + 2 * R) + 4 * (C + n + C * n + C + R) + C * n);
  const a = mem.f64(n);
  const peak = mem.f64(n);
  const peakVal = mem.f64(n);
  const curves: (ResolvedIssueUtility | null)[] = [];
  const ideal = mem.f64(n);
  const far = mem.f64(n);
  const optU = mem.f64(C * n);
  const lvLo = mem.f64(C * n), lvHi = mem.f64(C * n), dLo = mem.f64(C * n), dHi = mem.f64(C * n);
  const x = mem.f64(C), val = mem.f64(C), dx = mem.f64(C), w = mem.f64(n);
  const topWeight = mem.f64(R), topProb = mem.f64(R), slope = mem.f64(n);
  const tops = mem.i32(n);
  const xBy = mem.i32(C);
  const signers = mem.i32(C * n);
  const signerCount = mem.i32(C);
  const topSlot = mem.i32(R);
  const required = mem.u8(C * n);
  const table: (Float64Array | null)[] = new Array(n).fill(null);
  const guide: ({ rise: Int32Array; fall: Int32Array } | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const r = k >= 0 ? rp.utilities[i][k] : null;
    const w = k >= 0 ? rp.weights[i * K + k] : 0;
    if (!r || r.u.kind === 'none' || w === 0) {
      curves.push(null);
      continue;
    }
    if (r.u.kind === 'linear') {
      if (!(hi > lo)) return null;
      peak[i] = r.ideal;
      peakVal[i] = 1;
      ideal[i] = r.ideal;
      far[i] = Math.max(r.ideal - lo, hi - r.ideal);
    } else if (r.u.kind === 'expr') {
      const t = r.u.table;
      if (t.lo !== lo || t.hi !== hi || !(hi > lo)) return null;
      const shape = shapeOf(t.values);
      if (shape === null) return null;
      const top = shape.top;
      peak[i] = lo + ((hi - lo) * top) / (t.values.length - 1);
      peakVal[i] = t.values[top];
      table[i] = t.values;
      tops[i] = top;
      guide[i] = shape;
    } else return null;
    a[i] = w;
    curves.push(r);
  }
  const { space } = model;
  for (let s = 0; s < C; s++) {
    const p = rep[s];
    for (let i = 0; i < n; i++) {
      let u = 0;
      for (let q = 0; q < K; q++) {
        if (q === k) continue;
        const w = rp.weights[i * K + q];
        if (w !== 0) u += w * issueValue(rp.utilities[i][q], space.packages[p * K + q]);
      }
      optU[s * n + i] = u;
    }
  }
  const signs = model.consent.required;
  for (let t = 0; t < C; t++)
    for (let i = 0; i < n; i++) {
      required[t * n + i] = signs[combos[t] * n + i];
      if (required[t * n + i] !== 0) signers[t * n + signerCount[t]++] = i;
    }
  return { n, combos, rep, optU, k, lo, hi, a, peak, peakVal, curves, ideal, far, table, top: tops, guide, required, signers, signerCount, x, val, lvLo, lvHi, dLo, dHi, xBy, dx, w, topSlot, topWeight, topProb, slope };
}

/**
 * Typed arrays carved one after another from one buffer (8-byte arrays first): a run's closed form
 * needs some twenty, and each array of its own would be a separate off-heap allocation for the
 * garbage collector to track.
 */
function arena(bytes: number) {
  const buf = new ArrayBuffer(bytes);
  let off = 0;
  return {
    f64(len: number): Float64Array {
      const v = new Float64Array(buf, off, len);
      off += 8 * len;
      return v;
    },
    i32(len: number): Int32Array {
      const v = new Int32Array(buf, off, len);
      off += 4 * len;
      return v;
    },
    u8(len: number): Uint8Array {
      const v = new Uint8Array(buf, off, len);
      off += len;
      return v;
    },
  };
}

/** The feasible combinations of options and a package of each: the same in every run, found once per package space. */
const comboCache = new WeakMap<Game['model']['space'], { combos: Int32Array; rep: Int32Array }>();
function combosOf(space: Game['model']['space']): { combos: Int32Array; rep: Int32Array } {
  let found = comboCache.get(space);
  if (!found) {
    const seen = new Int32Array(space.comboCount).fill(-1);
    for (let p = 0; p < space.count; p++) if (seen[space.combo[p]] < 0) seen[space.combo[p]] = p;
    const C = seen.reduce((m, p) => m + (p >= 0 ? 1 : 0), 0);
    const combos = new Int32Array(C);
    const rep = new Int32Array(C);
    let s = 0;
    for (let c = 0; c < space.comboCount; c++)
      if (seen[c] >= 0) {
        combos[s] = c;
        rep[s++] = seen[c];
      }
    found = { combos, rep };
    comboCache.set(space, found);
  }
  return found;
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

// `levelSet`'s level (LEVEL, set by the caller) and what it writes: the interval where one party's utility
// reaches the level and how its ends move with it. In a typed array: a number passed to a call that is not
// inlined, or kept in a module-level `let`, is boxed anew each time (an allocation per evaluation).
const levelOut = new Float64Array(5);
const LO = 0, HI = 1, SLOPE_LO = 2, SLOPE_HI = 3, LEVEL = 4;

/**
 * A table's peak and level guide, or null when it is not single-peaked: found once per table (a table
 * is the scenario's, the same in every run unless an event rebuilds it), not once per run's closed form.
 */
const shapes = new WeakMap<Float64Array, { top: number; rise: Int32Array; fall: Int32Array } | null>();
function shapeOf(v: Float64Array): { top: number; rise: Int32Array; fall: Int32Array } | null {
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

/** The interval of x where party i's curve is at least L = levelOut[LEVEL] (L ≤ its peak value). */
function levelSet(cf: ClosedForm, i: number): void {
  const L = levelOut[LEVEL];
  const { lo, hi } = cf;
  // The linear default (its reach cf.far[i] > 0; a table's is 0), read from typed arrays: the curve object's kind is a slow property to read here.
  if (cf.far[i] > 0) {
    const far = cf.far[i];
    const reach = (1 - L) * far;
    levelOut[LO] = Math.max(lo, cf.ideal[i] - reach);
    levelOut[HI] = Math.min(hi, cf.ideal[i] + reach);
    levelOut[SLOPE_LO] = levelOut[LO] > lo ? far : 0;
    levelOut[SLOPE_HI] = levelOut[HI] < hi ? -far : 0;
    return;
  }
  const v = cf.table[i] as Float64Array;
  const last = v.length - 1;
  const h = (hi - lo) / last;
  const top = cf.top[i];
  const guide = cf.guide[i] as { rise: Int32Array; fall: Int32Array };
  // Rising side: the first index at or above L, then the crossing inside the cell before it.
  if (v[0] >= L) (levelOut[LO] = lo), (levelOut[SLOPE_LO] = 0);
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
    levelOut[LO] = lo + (a + (L - v[a]) / (v[b] - v[a])) * h;
    levelOut[SLOPE_LO] = h / (v[b] - v[a]);
  }
  if (v[last] >= L) (levelOut[HI] = hi), (levelOut[SLOPE_HI] = 0);
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
    levelOut[HI] = lo + (a + (v[a] - L) / (v[a] - v[b])) * h;
    levelOut[SLOPE_HI] = -h / (v[a] - v[b]);
  }
}

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
  const { n, optU, a, signers, signerCount, lo, hi, lvLo, lvHi, dLo, dHi, ideal, far } = cf;
  // Only the parties who must sign: no one reads the others' entries.
  for (let s = from; s < to; s++)
    for (let k = 0; k < signerCount[s]; k++) {
      const i = signers[s * n + k];
      const q = s * n + i;
      lvLo[q] = lo;
      lvHi[q] = hi;
      dLo[q] = 0;
      dHi[q] = 0;
      const need = w[i] - optU[q];
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
        levelOut[LEVEL] = cf.peakVal[i];
        levelSet(cf, i);
        lvLo[q] = levelOut[LO];
        lvHi[q] = levelOut[HI];
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
      levelOut[LEVEL] = L;
      levelSet(cf, i);
      lvLo[q] = levelOut[LO];
      lvHi[q] = levelOut[HI];
      // L = (w_i − optU) / a_i.
      dLo[q] = levelOut[SLOPE_LO] / a[i];
      dHi[q] = levelOut[SLOPE_HI] / a[i];
    }
}

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
  const { n, optU, a, x, val, required, signers, signerCount, lo, hi, lvLo, lvHi, xBy } = cf;
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
        if (i !== j && required[s * n + i] !== 0 && optU[s * n + i] + a[i] * curveAt(cf, i, m) < w[i] - tol) ok = false;
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
      for (let i = 0; i < n && ok; i++) if (required[s * n + i] !== 0 && optU[s * n + i] + a[i] * curveAt(cf, i, m) < w[i] - tol) ok = false;
    }
    if (ok) return true;
  }
  return false;
}

/** Party i's utility of the offer in `slot` at numeric value x. */
export function utilityAt(cf: ClosedForm, slot: number, i: number, x: number): number {
  return cf.optU[slot * cf.n + i] + cf.a[i] * curveAt(cf, i, x);
}

/** The raw issue values of the offer in `slot` at numeric value x. */
export function valuesAt(g: Game, cf: ClosedForm, slot: number, x: number): Float64Array {
  const K = g.K;
  const values = g.model.space.packages.slice(cf.rep[slot] * K, cf.rep[slot] * K + K);
  if (cf.k >= 0) values[cf.k] = x;
  return values;
}
