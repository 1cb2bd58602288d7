import { issueValue, type ResolvedIssueUtility } from '../../model/utility.js';
import type { Game } from '../../core/game.js';
import { REFINE_TOP } from '../constants.js';
import { arena } from './arena.js';
import { shapeOf } from './levels.js';
import { spaceCacheOf, type SpaceCache } from './spaceCache.js';
import type { ClosedForm } from './types.js';

/** The game's closed form, or null when the game is outside its conditions (the general search is used then). */
export function closedFormOf(g: Game): ClosedForm | null {
  // The game's opaque solver slot (core/game.ts) holds it; this is its one accessor.
  if (g.solverCache === undefined) g.solverCache = build(g);
  return g.solverCache as ClosedForm | null;
}

/** The numeric issue (k = −1: none) and its range, or null when the closed form does not apply (two numeric issues, a numeric constraint). */
function numericIssueOf(g: Game): { k: number; lo: number; hi: number } | null {
  const { model } = g;
  const numeric = model.issues.filter((i) => i.kind === 'numeric');
  if (numeric.length > 1 || model.constraints.some((c) => c.numeric)) return null;
  const k = numeric.length === 1 ? numeric[0].index : -1;
  const lo = numeric.length === 1 && numeric[0].kind === 'numeric' ? numeric[0].lo : 0;
  const hi = numeric.length === 1 && numeric[0].kind === 'numeric' ? numeric[0].hi : 0;
  return { k, lo, hi };
}

function build(g: Game): ClosedForm | null {
  const issue = numericIssueOf(g);
  if (!issue) return null;
  const { n } = g;
  const space = spaceCacheOf(g);
  const { combos, rep } = openCombos(space, g.model.consent.blocked);
  const C = combos.length;
  const R = REFINE_TOP;
  // 8-byte arrays first (the arena's alignment).
  const mem = arena(8 * (7 * n + 5 * C * n + 3 * C + 2 * R) + 4 * (C + n + C * n + C + R) + C * n);
  const w = mem.f64(n);
  const cf: ClosedForm = {
    n, combos, rep, k: issue.k, lo: issue.lo, hi: issue.hi,
    a: mem.f64(n), peak: mem.f64(n), peakVal: mem.f64(n), ideal: mem.f64(n), far: mem.f64(n), w, cont: g.rp.outside ? new Float64Array(n) : w, slope: mem.f64(n),
    optU: mem.f64(C * n), lvLo: mem.f64(C * n), lvHi: mem.f64(C * n), dLo: mem.f64(C * n), dHi: mem.f64(C * n),
    x: mem.f64(C), val: mem.f64(C), dx: mem.f64(C), topWeight: mem.f64(R), topProb: mem.f64(R),
    top: mem.i32(n), xBy: mem.i32(C), signers: mem.i32(C * n), signerCount: mem.i32(C), topSlot: mem.i32(R),
    required: mem.u8(C * n),
    curves: [], table: new Array(n).fill(null), guide: new Array(n).fill(null),
    kappa: g.breakdown ? kappaBySlot(g.breakdown.kappa, combos, n) : null,
    back: g.breakdown ? g.breakdown.back : null,
  };
  if (!curvesInto(g, cf, space.shapes)) return null;
  optionUtilitiesInto(g, cf);
  signersInto(g, cf);
  return cf;
}

/**
 * The combinations a game's deals can use: all of the space's, but under a decision rule a coalition's view
 * (core/coalitions.ts) leaves out those it cannot carry, so they have no slot at all.
 */
function openCombos(space: SpaceCache, blocked: Uint8Array | undefined): { combos: Int32Array; rep: Int32Array } {
  if (!blocked) return space;
  const keep = Array.from(space.combos.keys()).filter((s) => blocked[space.combos[s]] === 0);
  return { combos: Int32Array.from(keep, (s) => space.combos[s]), rep: Int32Array.from(keep, (s) => space.rep[s]) };
}

/** κ by slot (the game's is by combination of options). */
function kappaBySlot(kappa: Float64Array, combos: Int32Array, n: number): Float64Array {
  const out = new Float64Array(combos.length * n);
  for (let s = 0; s < combos.length; s++) out.set(kappa.subarray(combos[s] * n, combos[s] * n + n), s * n);
  return out;
}

/** Each party's curve on the numeric issue as numbers (weight, peak, the linear default's reach or the table); false when one is not single-peaked. */
function curvesInto(g: Game, cf: ClosedForm, shapes: SpaceCache['shapes']): boolean {
  const { rp, n, K } = g;
  const { k, lo, hi } = cf;
  for (let i = 0; i < n; i++) {
    const r: ResolvedIssueUtility | null = k >= 0 ? rp.utilities[i][k] : null;
    const w = k >= 0 ? rp.weights[i * K + k] : 0;
    if (!r || r.u.kind === 'none' || w === 0) {
      cf.curves.push(null);
      continue;
    }
    if (r.u.kind === 'linear') {
      if (!(hi > lo)) return false;
      cf.peak[i] = r.ideal;
      cf.peakVal[i] = 1;
      cf.ideal[i] = r.ideal;
      cf.far[i] = Math.max(r.ideal - lo, hi - r.ideal);
    } else if (r.u.kind === 'expr') {
      const t = r.u.table;
      if (t.lo !== lo || t.hi !== hi || !(hi > lo)) return false;
      const shape = shapeOf(shapes, t.values);
      if (shape === null) return false;
      cf.peak[i] = lo + ((hi - lo) * shape.top) / (t.values.length - 1);
      cf.peakVal[i] = t.values[shape.top];
      cf.table[i] = t.values;
      cf.top[i] = shape.top;
      cf.guide[i] = shape;
    } else return false;
    cf.a[i] = w;
    cf.curves.push(r);
  }
  return true;
}

/** Each party's weighted utility of each slot's options (every issue but the numeric one). */
function optionUtilitiesInto(g: Game, cf: ClosedForm): void {
  const { rp, n, K } = g;
  const { space } = g.model;
  for (let s = 0; s < cf.combos.length; s++) {
    const p = cf.rep[s];
    for (let i = 0; i < n; i++) {
      let u = 0;
      for (let q = 0; q < K; q++) {
        if (q === cf.k) continue;
        const w = rp.weights[i * K + q];
        if (w !== 0) u += w * issueValue(rp.utilities[i][q], space.packages[p * K + q]);
      }
      cf.optU[s * n + i] = u;
    }
  }
}

/** Who must sign a deal in each slot (Model.consent), as flags and as ascending lists. */
function signersInto(g: Game, cf: ClosedForm): void {
  const { n } = g;
  const signs = g.model.consent.required;
  const { combos, required, signers, signerCount } = cf;
  for (let t = 0; t < combos.length; t++)
    for (let i = 0; i < n; i++) {
      required[t * n + i] = signs[combos[t] * n + i];
      if (required[t * n + i] !== 0) signers[t * n + signerCount[t]++] = i;
    }
}
