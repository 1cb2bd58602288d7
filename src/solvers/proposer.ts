import { satisfies } from '../model/outcomeSpace.js';
import { packageUtility } from '../model/runParams.js';
import { issueValue } from '../model/utility.js';
import { ACCEPT_TOL, offerAt, type Offer } from '../core/offer.js';
import type { Game } from '../core/game.js';
import { closedFormOf, evaluate, evaluateSlots, prepare, prepareSlots, valuesAt, type ClosedForm } from './closedForm/index.js';
import { REFINE_TOP } from './constants.js';

// Declared in constants.ts; exported here too, where the proposer's search uses it (strategies and the mediator import it from here).
export { REFINE_TOP } from './constants.js';

/** Bisection steps of a numeric issue's refinement within one grid step (to 2^-36 of the step). */
const BISECTION_STEPS = 36;
/** Utility differences within this count as ties in `better`. */
const TIE_TOL = 1e-12;

/**
 * The proposer's best feasible package among those giving every responder
 * whose consent the package needs (Model.consent) at least its threshold `w[i]`: in closed form when the game
 * allows it (closedForm.ts); otherwise a scan of the candidate packages,
 * then a continuous refinement of the numeric issues (see `refine`).
 * Returns null when no package satisfies the thresholds.
 */
export function bestOffer(g: Game, j: number, w: Float64Array): Offer | null {
  const cf = closedFormOf(g);
  if (cf) {
    prepare(cf, w, ACCEPT_TOL);
    const s = evaluate(cf, j, w, ACCEPT_TOL);
    return s < 0 ? null : closedFormOffer(g, cf, s);
  }
  // Without numeric issues the grid is exact, so only the best combination needs a look.
  return topOffers(g, j, w, hasNumeric(g) ? REFINE_TOP : 1)[0] ?? null;
}

/**
 * The proposer's best offer in each of the `count` best combinations of
 * options (by grid value), refined, best first. `onlyCombo` restricts the
 * search to one combination.
 */
export function topOffers(g: Game, j: number, w: Float64Array, count = REFINE_TOP, onlyCombo = -1): Offer[] {
  const cf = closedFormOf(g);
  if (cf) {
    // One combination: only its slot is worked out (slots are independent).
    const one = onlyCombo < 0 ? -1 : cf.combos.indexOf(onlyCombo);
    if (onlyCombo >= 0 && one < 0) return [];
    const from = one < 0 ? 0 : one, to = one < 0 ? cf.combos.length : one + 1;
    prepareSlots(cf, w, ACCEPT_TOL, from, to);
    evaluateSlots(cf, j, w, ACCEPT_TOL, from, to);
    const slots: number[] = [];
    for (let s = from; s < to; s++) if (cf.val[s] > -Infinity) slots.push(s);
    slots.sort((a, b) => cf.val[b] - cf.val[a] || a - b);
    return slots.slice(0, count).map((s) => closedFormOffer(g, cf, s));
  }
  return searchTopOffers(g, j, w, count, onlyCombo);
}

/** The proposer's best offer in combination `combo` (`topOffers(g, j, w, 1, combo)[0]`), or null: without the lists. */
export function bestOfferIn(g: Game, j: number, w: Float64Array, combo: number): Offer | null {
  const cf = closedFormOf(g);
  if (!cf) return searchTopOffers(g, j, w, 1, combo)[0] ?? null;
  const s = cf.combos.indexOf(combo);
  if (s < 0) return null;
  prepareSlots(cf, w, ACCEPT_TOL, s, s + 1);
  evaluateSlots(cf, j, w, ACCEPT_TOL, s, s + 1);
  return cf.val[s] > -Infinity ? closedFormOffer(g, cf, s) : null;
}

/** `topOffers` by the general search: a scan of the candidate packages, then `refine` (any game). */
export function searchTopOffers(g: Game, j: number, w: Float64Array, count = REFINE_TOP, onlyCombo = -1): Offer[] {
  return g.breakdown ? riskedSearch(g, j, w, count, onlyCombo) : rawSearch(g, j, w, count, onlyCombo);
}

/**
 * The general search when deals can break down: a deal in combination c is worth κ·u + (1 − κ)·B, κ
 * the same for all of c's packages, so within c a responder needs u ≥ (w − (1 − κ)·B)/κ and the
 * proposer's ranking of c's packages is unchanged; the combinations' best offers are then ranked by
 * what they are worth with the risk.
 */
function riskedSearch(g: Game, j: number, w: Float64Array, count: number, onlyCombo: number): Offer[] {
  const { n } = g;
  const { kappa, back } = g.breakdown as NonNullable<Game['breakdown']>;
  // The frontier is the riskless table's, which may drop a combination the risk makes best: every feasible package is scanned, each in its combination.
  const { combo, count: P } = g.model.space;
  const byCombo = new Map<number, number[]>();
  for (let p = 0; p < P; p++) if (onlyCombo < 0 || combo[p] === onlyCombo) (byCombo.get(combo[p]) ?? byCombo.set(combo[p], []).get(combo[p]) as number[]).push(p);
  const out: Offer[] = [];
  const wc = new Float64Array(n);
  for (const c of [...byCombo.keys()].sort((a, b) => a - b)) {
    for (let i = 0; i < n; i++) wc[i] = (w[i] - (1 - kappa[c * n + i]) * back[i]) / kappa[c * n + i];
    const o = rawSearch(g, j, wc, 1, c, Int32Array.from(byCombo.get(c) as number[]))[0];
    if (o) out.push(o);
  }
  return out.sort((a, b) => b.utils[j] - a.utils[j] || a.combo - b.combo).slice(0, count);
}

function rawSearch(g: Game, j: number, w: Float64Array, count: number, onlyCombo: number, candidates: Int32Array = g.candidates): Offer[] {
  const { n, P, table, model } = g;
  const { combo, comboCount } = model.space;
  const req = model.consent.required; // who must sign, by combination
  const blocked = model.consent.blocked; // under a decision rule: the combinations a coalition cannot carry
  const best = new Int32Array(comboCount).fill(-1); // option combination → best package in it
  for (let c = 0; c < candidates.length; c++) {
    const p = candidates[c];
    if (onlyCombo >= 0 && combo[p] !== onlyCombo) continue;
    if (blocked !== undefined && blocked[combo[p]] !== 0) continue;
    let ok = true;
    for (let i = 0; i < n && ok; i++) if (i !== j && req[combo[p] * n + i] !== 0 && table[i * P + p] < w[i] - ACCEPT_TOL) ok = false;
    if (!ok) continue;
    const q = best[combo[p]];
    if (q < 0 || better(g, j, p, q)) best[combo[p]] = p;
  }
  const top = [...best].filter((p) => p >= 0).sort((a, b) => (better(g, j, a, b) ? -1 : 1)).slice(0, count);
  return top.map((p) => refine(g, j, w, p)).sort((a, b) => b.utils[j] - a.utils[j] || a.combo - b.combo);
}

/** The offer in a slot of the closed form, at the value its last `evaluate` found. */
function closedFormOffer(g: Game, cf: ClosedForm, s: number): Offer {
  return offerAt(g, valuesAt(g, cf, s, cf.x[s]), cf.combos[s]);
}

/** p is better than q for proposer j: higher own utility; ties go to the more generous package, then the lower index. */
function better(g: Game, j: number, p: number, q: number): boolean {
  const { table, P, n } = g;
  const d = table[j * P + p] - table[j * P + q];
  if (Math.abs(d) > TIE_TOL) return d > 0;
  let sp = 0, sq = 0;
  for (let i = 0; i < n; i++) if (i !== j) (sp += table[i * P + p]), (sq += table[i * P + q]);
  if (Math.abs(sp - sq) > TIE_TOL) return sp > sq;
  return p < q;
}

const hasNumeric = (g: Game) => g.model.issues.some((i) => i.kind === 'numeric');

/**
 * Refines a grid package continuously, one numeric issue at a time, within one
 * grid step either way: first issues the proposer does not care about move to
 * take surplus from the responders, then issues it does care about move its
 * way, each as far as the thresholds and the constraints allow (bisection to
 * 2^-BISECTION_STEPS of the step). The result meets each threshold exactly when one
 * binds, instead of rounding to the grid. It is a local search: with several
 * interacting numeric issues it can stop short of the proposer's true optimum.
 */
function refine(g: Game, j: number, w: Float64Array, p: number): Offer {
  const { model, K } = g;
  const values = g.model.space.packages.slice(p * K, p * K + K);
  const numeric = model.issues.filter((i) => i.kind === 'numeric');
  const combo = model.space.combo[p];
  if (numeric.length === 0) return offerAt(g, values, combo);
  const wj = (k: number) => g.rp.weights[j * K + k];
  const ordered = [...numeric.filter((i) => wj(i.index) === 0), ...numeric.filter((i) => wj(i.index) !== 0)];
  const checkConstraints = model.constraints.some((c) => c.numeric);
  const responders = model.parties.filter((p) => p.index !== j && model.consent.required[combo * g.n + p.index] !== 0).map((p) => p.index);
  const rest = new Float64Array(g.n);
  for (let pass = 0; pass < 2; pass++) {
    for (const issue of ordered) {
      if (issue.kind !== 'numeric') continue;
      const k = issue.index;
      const target = targetFor(g, j, k, values[k], issue.step, issue.lo, issue.hi);
      if (target === null) continue;
      // Each responder's utility from the other issues is fixed while issue k moves.
      for (const i of responders) rest[i] = packageUtility(g.rp, i, values) - g.rp.weights[i * K + k] * issueValue(g.rp.utilities[i][k], values[k]);
      const acceptable = (v: Float64Array) => {
        for (const i of responders) if (rest[i] + g.rp.weights[i * K + k] * issueValue(g.rp.utilities[i][k], v[k]) < w[i]) return false;
        return !checkConstraints || satisfies(model.constraints, v);
      };
      moveToward(values, k, target, acceptable);
    }
  }
  return offerAt(g, values, combo);
}

/**
 * Where the proposer would like issue k to go within one step: toward its own
 * best value, or, when it does not care, toward the responders' least-liked value.
 */
function targetFor(g: Game, j: number, k: number, x: number, step: number, lo: number, hi: number): number | null {
  const up = Math.min(hi, x + step);
  const down = Math.max(lo, x - step);
  const K = g.K;
  const own = (y: number) => issueValue(g.rp.utilities[j][k], y);
  if (g.rp.weights[j * K + k] !== 0) {
    const u0 = own(x), uu = own(up), ud = own(down);
    if (uu <= u0 && ud <= u0) return null;
    const r = g.rp.utilities[j][k];
    const dest = uu >= ud ? up : down;
    // Peaked default utility: never move past the proposer's ideal.
    if (r.u.kind === 'linear' && (r.ideal - x) * (r.ideal - dest) <= 0) return r.ideal;
    return dest;
  }
  const others = (y: number) => {
    let s = 0;
    for (let i = 0; i < g.n; i++) if (i !== j) s += g.rp.weights[i * K + k] * issueValue(g.rp.utilities[i][k], y);
    return s;
  };
  const s0 = others(x), su = others(up), sd = others(down);
  if (su >= s0 && sd >= s0) return null;
  return su <= sd ? up : down;
}

/** Moves values[k] from where it is toward `target` as far as `acceptable` holds (bisection). */
function moveToward(values: Float64Array, k: number, target: number, acceptable: (v: Float64Array) => boolean): void {
  const start = values[k];
  values[k] = target;
  if (acceptable(values)) return;
  let good = 0, bad = 1;
  for (let s = 0; s < BISECTION_STEPS; s++) {
    const mid = (good + bad) / 2;
    values[k] = start + mid * (target - start);
    if (acceptable(values)) good = mid;
    else bad = mid;
  }
  values[k] = start + good * (target - start);
}
