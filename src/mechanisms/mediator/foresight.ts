import type { Game } from '../../core/game.js';
import { ACCEPT_TOL, type Offer } from '../../core/offer.js';
import { mustSign } from '../../model/consent.js';
import { VOTE_TOL } from '../../model/decision.js';

/** Whether party i replies to a text with combination `combo`: its consent is needed, or (under a decision rule) its vote counts. */
export function replies(g: Game, combo: number, i: number): boolean {
  const d = g.model.decision;
  return mustSign(g.model.consent, combo, g.n, i) || (d !== null && d.weight[i] > 0);
}

/** Whether signatory i values a text against the mediator's texts to come (its strategy's `foresees`). */
export type Foresees = (g: Game, i: number) => boolean;

/** What a forward-looking signatory reads ahead: the texts to come and each party's flow and level k rounds from now. */
export interface Ahead {
  /** The texts of this round and the next ones while no deal is made; the last is tabled for good. */
  texts: Offer[];
  /** Party i's no-deal flow k rounds from now (k = 0: this round's), if it rejects every text until then (leverage). */
  flowAt(i: number, k: number): number;
  /** The acceptance level of a signatory that does not look ahead, k rounds from now (its strategy's). */
  levelAt(i: number, k: number): number;
}

/** How far past the last text the flows are followed (leverage keeps lowering them until they reach 0). */
const TAIL = 256;

/**
 * Forward-looking signatories under a mediator (docs/model.md, "Forward-looking signatories"): each
 * party's value of rejecting this round's text, C_i(0), when the mediator's rule (known to all, and
 * drafting whatever the replies) tables `ahead.texts` in the rounds after it.
 *
 * Every signatory replies as if its reply decided the round (stage-undominated voting under unanimity):
 * a forward-looking one accepts text x_k when u_i(x_k) ≥ C_i(k) = (1 − δ_i)·f_i(k) + δ_i·V_i(k + 1), the
 * others when u_i(x_k) reaches their level. By backward induction from a round M past which nothing
 * changes (the last text tabled for good, the flows at their floor), where a forward-looking signatory
 * accepts exactly when the text is worth its flow (rejecting only delays the same text):
 * V_i(k) = u_i(x_k) when every signatory of x_k accepts (under a decision rule: every party whose consent
 * x_k needs, and yes votes reaching the threshold); otherwise C_i(k), or — when a signatory that
 * rejects would rather take its outside option o_j (above its C_j(k), or its level) — the talks end
 * there: the leavers are worth o, the others their flow from then on.
 */
export function foresightLevels(g: Game, ahead: Ahead, foresees: Foresees): Float64Array {
  const { n, rp } = g;
  const fore = Array.from({ length: n }, (_, i) => foresees(g, i));
  const { texts } = ahead;
  const L = texts.length;
  const textAt = (k: number) => texts[Math.min(k, L - 1)];
  const f = (i: number, k: number) => ahead.flowAt(i, k);
  // M: the first round from L − 1 on after which no flow and no level moves.
  let M = Math.max(1, L - 1);
  while (M < L - 1 + TAIL && !settledAt(n, M, f, ahead.levelAt)) M++;
  const V = new Float64Array(n);
  const C = new Float64Array(n);
  // Round M on: the same text for good, flows still. A forward-looking signatory's value of rejecting is its flow.
  for (let i = 0; i < n; i++) C[i] = f(i, M);
  step(g, textAt(M), C, (j) => (fore[j] ? C[j] : ahead.levelAt(j, M)), V, (i) => f(i, M));
  for (let k = M - 1; k >= 1; k--) {
    for (let i = 0; i < n; i++) C[i] = (1 - rp.discount[i]) * f(i, k) + rp.discount[i] * V[i];
    step(g, textAt(k), C, (j) => (fore[j] ? C[j] : ahead.levelAt(j, k)), V, (i) => f(i, k));
  }
  for (let i = 0; i < n; i++) C[i] = (1 - rp.discount[i]) * f(i, 0) + rp.discount[i] * V[i];
  return C;
}

/** Whether nothing moves after round M: every flow and every level the same at M and M + 1. */
function settledAt(n: number, M: number, f: (i: number, k: number) => number, level: (i: number, k: number) => number): boolean {
  for (let i = 0; i < n; i++) if (f(i, M) !== f(i, M + 1) || level(i, M) !== level(i, M + 1)) return false;
  return true;
}

/**
 * One round backward: V becomes each party's value at the start of a round whose text is x, given
 * `C` (the value of rejecting it and staying), each signatory's value of staying (`stay`) and the flows.
 */
function step(g: Game, x: Offer, C: Float64Array, stay: (j: number) => number, V: Float64Array, flow: (i: number) => number): void {
  const { n, model } = g;
  const o = g.rp.outside;
  const d = model.decision;
  let deal = true;
  let leaves = false;
  let yes = 0;
  const leaving = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    if (!replies(g, x.combo, j)) continue;
    const s = stay(j);
    const option = o ? o[j] : -Infinity;
    if (x.utils[j] >= Math.max(s, option) - ACCEPT_TOL) {
      if (d) yes += d.weight[j];
      continue;
    }
    // Under a decision rule a voter whose consent the text does not need is outvoted, not a veto.
    if (d && !mustSign(model.consent, x.combo, n, j)) continue;
    deal = false;
    if (option > s + ACCEPT_TOL) {
      leaving[j] = 1;
      leaves = true;
    }
  }
  if (d && yes < d.threshold - VOTE_TOL) deal = false;
  if (deal) V.set(x.utils);
  // A signatory leaves: it is paid its option from then on, the others their flow as it stands.
  else if (leaves) for (let i = 0; i < n; i++) V[i] = leaving[i] ? (o as Float64Array)[i] : flow(i);
  else V.set(C);
}
