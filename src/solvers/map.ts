import type { Game } from '../core/game.js';
import { ACCEPT_TOL, type Offer } from '../core/offer.js';
import { fillThresholds, nextState, staying, type RecognitionStates } from '../core/recognition.js';
import { closedFormOf, evaluate, offerSlopes, prepare, utilityAt, type ClosedForm } from './closedForm/index.js';
import { MIN_WEIGHT, REFINE_TOP } from './constants.js';
import { bestOffer, topOffers } from './proposer.js';
import { choiceKey, coalitionChoice } from './coalitionChoice.js';
import { quantalChoice } from './quantal.js';

/**
 * The stationary-equilibrium map T, written once: given continuation values V (V[s * n + i], party
 * i's value at the start of a round in state s), each party's expected payoff in each state when
 * the state's proposer makes its (best or smoothed) choice against the thresholds
 * w_i = (1 − δ_i)·flow_i + δ_i·V_i(next state). The solver's stages (Anderson, the smoothed solve,
 * averaging, exact Newton) all apply it, with options.
 */

/**
 * A proposer's equilibrium choice in one state: one offer (or waiting, null) in
 * a pure equilibrium; a mixture when discrete options leave no pure one.
 */
export interface OfferChoice {
  offers: (Offer | null)[];
  probs: number[];
}

/** How to apply T. Built once per stage (`mapOptions`), not per evaluation: the inner loop allocates nothing. */
export interface MapOptions {
  /** Smoothing temperature τ: 0 gives the proposer's best response; above 0, a logit over the top REFINE_TOP combinations and waiting. */
  tau: number;
  /** At τ = 0 on the closed form: T's exact Jacobian is written here (row-major, d × d, d = states × n). */
  jacobian: Float64Array | null;
  /** At τ > 0 on the closed form: each choice's probability × `weight` is added to tally[sj * (C + 1) + slot + 1] (slot −1: waiting). */
  tally: Float64Array | null;
  weight: number;
  /** Each proposer's choice, with its offers built (then the general path is taken, closed form or not). */
  record: ((sj: number, c: OfferChoice) => void) | null;
  /**
   * Written by each evaluation at τ = 0: a hash of the piece of T that V fell in, for Anderson's restarts (anderson.ts
   * `piece`): an FNV-1a hash, over the states and proposers in order, of each one's choice (0: waiting or not
   * recognised; else 1 + its combination of options, by `choiceKey`: under a decision rule its coalition too). The
   * closed form and the general search give the same hash for the same choices. 0 at τ > 0.
   */
  piece: number;
}

/** Options of T at temperature τ; every field present, so all option objects share one shape. */
export function mapOptions(tau: number, more: Partial<Omit<MapOptions, 'tau'>> = {}): MapOptions {
  return { tau, jacobian: more.jacobian ?? null, tally: more.tally ?? null, weight: more.weight ?? 0, record: more.record ?? null, piece: 0 };
}

/** T(V) into `out` (never aliased with V): on the closed form when the game has one and no choice is recorded. */
export function applyMap(g: Game, rec: RecognitionStates, V: Float64Array, out: Float64Array, opts: MapOptions): void {
  collapseAt(g, rec, V);
  // Under a decision rule the proposer weighs each coalition's view (coalitionChoice.ts): the general path.
  const cf = opts.record || g.model.decision ? null : closedFormOf(g);
  if (cf) closedFormMap(g, cf, rec, V, out, opts);
  else searchMap(g, rec, V, out, opts);
}

/** When deals can break down, what a collapse is worth to each party at V, into the game (g.breakdown.back): what T reads. */
export function collapseAt(g: Game, rec: RecognitionStates, V: Float64Array): void {
  const b = g.breakdown;
  if (!b) return;
  if (b.toTable) backAtTable(g, b.back, rec, V, g.n);
  else b.back.set(g.rp.reservation);
  if (b.cost) for (let i = 0; i < g.n; i++) b.back[i] -= b.cost[i];
}

/**
 * When deals can break down, the value of being back at the table after a collapse: V (under a plan,
 * the next round's expected V), averaged over the recognition states (exact under random recognition, one state; under a fixed order the round
 * a collapse falls in is not known in advance).
 */
function backAtTable(g: Game, back: Float64Array, rec: RecognitionStates, V: Float64Array, n: number): void {
  // When the world may move (engine/levers.ts), the table a collapse returns to is the next round's, in expectation.
  const c = g.continuation;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let s = 0; s < rec.states; s++) v += c === undefined ? V[s * n + i] : c.stay * V[s * n + i] + c.elsewhere[s * n + i];
    back[i] = v / rec.states;
  }
}

/**
 * T on the closed form, without building offers, allocating nothing: the same choices as the
 * general path (`choiceAt`). At τ = 0 with `opts.jacobian`, also T's Jacobian: in each state s,
 * proposer j's choice is a slot (or waiting); the offer's numeric value x is either fixed (its own
 * peak, an end of the range) or the end of one responder b's acceptable interval, which moves with
 * b's threshold w_b. So
 *   ∂T_i(s)/∂V_b(next) = Σ_j p_j · a_i·u_i'(x)·(dx/dw_b)·δ_b   (an offer),
 *   ∂T_i(s)/∂V_i(next) = Σ_j p_j · δ_i                          (waiting),
 * with the terms a breakdown hazard adds (`offerJacobian`). A collapse's value at V is set by `applyMap`
 * (`collapseAt`) before this runs: called directly, the Jacobian is T's at V only if it was set at V.
 * Inside one piece of the piecewise-smooth map (the same choices and the same binding responders)
 * this is T's exact derivative.
 */
export function closedFormMap(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, out: Float64Array, opts: MapOptions): void {
  out.fill(0);
  opts.piece = 0;
  if (opts.tau === 0) opts.piece = bestResponses(g, cf, rec, V, out, opts.jacobian);
  else
    for (let s = 0; s < rec.states; s++) {
      enterState(g, cf, rec, V, s);
      for (let j = 0; j < g.n; j++) if (rec.probs[s * g.n + j] !== 0) logitResponse(g, cf, rec, s, j, out, opts);
    }
}

// The helpers take only integers and objects, and return nothing but small integers: a number passed to or
// returned from a call that is not inlined is boxed (an allocation per call) unless it is one.

/** State s's thresholds into cf.w (from V in the state that follows it), and every slot's acceptable intervals under them. */
function enterState(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, s: number): void {
  fillThresholds(g, V, nextState(s, rec.states), cf.w, cf.cont);
  prepare(cf, cf.w, ACCEPT_TOL);
}

/**
 * T at τ = 0: each proposer's best offer (or waiting, when that is better for it), weighted by p_j; and T's Jacobian
 * into J when given. Returns the piece of T that V is in (`MapOptions.piece`).
 */
function bestResponses(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, out: Float64Array, J: Float64Array | null): number {
  const { n, rp } = g;
  const d = rec.states * n;
  J?.fill(0);
  const w = cf.w;
  // A round without an offer pays the value of continuing (w itself unless someone has an outside option).
  const cont = cf.cont;
  const stay = staying(g);
  let piece = 0x811c9dc5;
  for (let s = 0; s < rec.states; s++) {
    const next = nextState(s, rec.states);
    fillThresholds(g, V, next, w, cont);
    prepare(cf, w, ACCEPT_TOL);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      const b = pj === 0 ? -1 : evaluate(cf, j, w, ACCEPT_TOL);
      const offers = b >= 0 && cf.val[b] >= cont[j] - ACCEPT_TOL;
      piece = Math.imul(piece ^ (offers ? 1 + cf.combos[b] : 0), 0x01000193);
      if (pj === 0) continue;
      if (offers) {
        const x = cf.x[b];
        for (let i = 0; i < n; i++) out[s * n + i] += pj * utilityAt(cf, b, i, x);
        if (J) offerJacobian(g, cf, rec, J, s, j, b, 1);
      } else
        for (let i = 0; i < n; i++) {
          out[s * n + i] += pj * cont[i];
          if (J) J[(s * n + i) * d + next * n + i] += pj * rp.discount[i] * stay;
        }
    }
  }
  // 30 bits: a small integer, returned without boxing.
  return piece & 0x3fffffff;
}

/**
 * Proposer j's offer in `slot`, state s, played with probability `weight` when j proposes (1: its one
 * choice), into T's Jacobian J (rows s·n + i). `cf` is the closed form the offer was found on (a
 * coalition's view under a decision rule: decisionJacobian.ts), its scratch `w`/`cont` the state's
 * thresholds; `g` the game solved (its flows, continuation and risk). The offer's numeric value x is
 * the end of the binding responder b's acceptable interval (cf.xBy; −1: x is fixed), which moves with b's
 * `need` = (w_b − (1 − κ_b)·B_b)/κ_b, so
 *   ∂T_i(s)/∂V_b(next) = p_j · κ_i·a_i·u_i'(x) · dx/dneed · δ_b·stay / κ_b.
 * With deals that can break down back to the table, the value of a collapse B_i is V_i averaged over the
 * S recognition states (map.ts `backAtTable`: ∂B_i/∂V_i(t) = stay/S in every state t), and it enters both
 * the deal's worth κ_i·u_i + (1 − κ_i)·B_i and b's need:
 *   ∂T_i(s)/∂V_b(t) −= p_j · κ_i·a_i·u_i'(x) · dx/dneed · (1 − κ_b)·stay/S / κ_b,
 *   ∂T_i(s)/∂V_i(t) += p_j · (1 − κ_i)·stay/S.
 * Without a hazard κ = 1 and B does not enter. (A collapse to war for good, B constant: no B terms.)
 */
export function offerJacobian(g: Game, cf: ClosedForm, rec: RecognitionStates, J: Float64Array, s: number, j: number, slot: number, weight: number): void {
  const { n, rp } = g;
  const S = rec.states;
  const d = S * n;
  const next = nextState(s, S);
  const pj = rec.probs[s * n + j] * weight;
  const stay = staying(g);
  const kappa = cf.kappa;
  // How a collapse's value moves with each V_i(t) (0: war for good, or final deals).
  const bt = kappa !== null && g.breakdown?.toTable ? stay / S : 0;
  const by = cf.xBy[slot];
  if (by >= 0) {
    offerSlopes(cf, slot);
    const kb = kappa === null ? 1 : kappa[slot * n + by];
    // A binding responder held at its outside option does not move with V through w (w_b = o_b).
    const moves = cf.cont[by] === cf.w[by];
    for (let i = 0; i < n; i++) {
      if (cf.a[i] === 0) continue;
      const k = (pj * (kappa === null ? 1 : kappa[slot * n + i]) * cf.a[i] * cf.slope[i] * cf.dx[slot]) / kb;
      if (moves) J[(s * n + i) * d + next * n + by] += k * rp.discount[by] * stay;
      if (bt !== 0) for (let t = 0; t < S; t++) J[(s * n + i) * d + t * n + by] -= k * (1 - kb) * bt;
    }
  }
  if (bt !== 0) for (let i = 0; i < n; i++) for (let t = 0; t < S; t++) J[(s * n + i) * d + t * n + i] += pj * (1 - (kappa as Float64Array)[slot * n + i]) * bt;
}

/**
 * Proposer j's logit mixture in state s over its best offer in each of the top REFINE_TOP
 * combinations and waiting, weights ∝ exp(value / t), t = τ·(1 − δ_j); weights below MIN_WEIGHT
 * of the total dropped. Added to out with p_j; the probabilities tallied when asked.
 */
function logitResponse(g: Game, cf: ClosedForm, rec: RecognitionStates, s: number, j: number, out: Float64Array, opts: MapOptions): void {
  const { n, rp } = g;
  const R = REFINE_TOP; // a local: the loops' bound is then a constant, not a module binding's load
  const pj = rec.probs[s * n + j];
  const { w, cont, val, topSlot: slot, topWeight: weight, topProb: prob } = cf;
  evaluate(cf, j, w, ACCEPT_TOL);
  topSlots(cf);
  const t = opts.tau * (1 - rp.discount[j]);
  let top = cont[j];
  if (slot[0] >= 0 && val[slot[0]] > top) top = val[slot[0]];
  // Sums in a fixed order, waiting first, then the slots best first (the result's bits depend on it).
  const e0 = Math.exp((cont[j] - top) / t);
  let total = e0;
  for (let r = 0; r < R; r++) total += weight[r] = slot[r] >= 0 ? Math.exp((val[slot[r]] - top) / t) : 0;
  const k0 = e0 / total >= MIN_WEIGHT ? e0 : 0;
  let kept = k0;
  for (let r = 0; r < R; r++) kept += weight[r] = weight[r] / total >= MIN_WEIGHT ? weight[r] : 0;
  const q0 = (pj * k0) / kept;
  for (let r = 0; r < R; r++) prob[r] = (pj * weight[r]) / kept;
  for (let i = 0; i < n; i++) {
    let u = q0 * cont[i];
    for (let r = 0; r < R; r++) if (prob[r] > 0) u += prob[r] * utilityAt(cf, slot[r], i, cf.x[slot[r]]);
    out[s * n + i] += u;
  }
  const tally = opts.tally;
  if (tally) {
    const base = (s * n + j) * (cf.combos.length + 1) + 1;
    if (k0 > 0) tally[base - 1] += (k0 / kept) * opts.weight;
    for (let r = 0; r < R; r++) if (weight[r] > 0) tally[base + slot[r]] += (weight[r] / kept) * opts.weight;
  }
}

/** The REFINE_TOP slots with the highest cf.val (ties: the lower slot, as `topOffers` orders them) into cf.topSlot, best first; −1 past the acceptable ones. */
function topSlots(cf: ClosedForm): void {
  const { val, topSlot: slot } = cf;
  const R = REFINE_TOP;
  slot.fill(-1);
  const last = R - 1;
  for (let c = 0; c < cf.combos.length; c++) {
    const v = val[c];
    // Most slots do not make the list: rejected by its last entry (the kept values are descending).
    if (v === -Infinity || (slot[last] >= 0 && v <= val[slot[last]])) continue;
    for (let r = 0; r < R; r++)
      if (slot[r] < 0 || v > val[slot[r]]) {
        for (let q = R - 1; q > r; q--) slot[q] = slot[q - 1];
        slot[r] = c;
        break;
      }
  }
}

/** T by the general search (any game), building each proposer's offers (`choiceAt`); records the choices when asked. */
function searchMap(g: Game, rec: RecognitionStates, V: Float64Array, out: Float64Array, opts: MapOptions): void {
  const n = g.n;
  out.fill(0);
  let piece = 0x811c9dc5;
  for (let s = 0; s < rec.states; s++) {
    const w = new Float64Array(n);
    const cont = g.rp.outside ? new Float64Array(n) : w;
    fillThresholds(g, V, nextState(s, rec.states), w, cont);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      if (pj === 0) {
        piece = Math.imul(piece, 0x01000193);
        continue;
      }
      const c = g.model.decision ? coalitionChoice(g, j, w, opts.tau) : choiceAt(g, j, w, opts.tau, cont[j]);
      opts.record?.(s * n + j, c);
      for (const o of c.offers) piece = Math.imul(piece ^ (o ? 1 + choiceKey(g, o) : 0), 0x01000193);
      c.offers.forEach((o, k) => {
        const pay = o ? o.utils : cont;
        for (let i = 0; i < n; i++) out[s * n + i] += pj * c.probs[k] * pay[i];
      });
    }
  }
  opts.piece = opts.tau === 0 ? piece & 0x3fffffff : 0;
}

/**
 * Proposer j's choice given thresholds. At temperature 0: its best offer, or
 * waiting (null) when that is better for it. Above 0: a logit mixture over its
 * best offer in each of the top combinations of options and waiting,
 * weights ∝ exp(value / τ) — a quantal response (McKelvey & Palfrey 1995)
 * that tends to the proposer's mixed best response as τ → 0. `waiting`: what making no offer is
 * worth to j (its value of continuing).
 */
function choiceAt(g: Game, j: number, w: Float64Array, tau: number, waiting: number): OfferChoice {
  if (tau === 0) {
    const o = bestOffer(g, j, w);
    return { offers: [o && o.utils[j] >= waiting - ACCEPT_TOL ? o : null], probs: [1] };
  }
  return quantalChoice(g, j, topOffers(g, j, w), waiting, tau);
}
