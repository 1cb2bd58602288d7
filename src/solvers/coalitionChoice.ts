import { coalitionsOf } from '../core/coalitions.js';
import type { Game } from '../core/game.js';
import { ACCEPT_TOL, type Offer } from '../core/offer.js';
import { bestOffer, bestOfferIn } from './proposer.js';
import { quantalChoice } from './quantal.js';

/** Coalitions whose best offers are worth this close to the proposer count as equally cheap (the tie rule). */
export const COALITION_TIE_TOL = 1e-9;

/** A proposer's choice as map.ts's OfferChoice: offers (null: waiting) and their probabilities. */
interface Choice {
  offers: (Offer | null)[];
  probs: number[];
}

/**
 * Proposer j's choice under a decision rule (Model.decision), given thresholds w: for each of its winning
 * coalitions (core/coalitions.ts, in their listed order) its best offer that every member and every
 * required party accepts, found as under unanimity on the coalition's view of the game. At temperature 0
 * it buys the cheapest coalition — the offer best for itself — or waits when waiting is better; coalitions
 * within COALITION_TIE_TOL of the best are equally cheap and it picks one of them with equal chances, drawn
 * from the run's seeded stream like any mixed choice (so replay is exact, and in a symmetric game such as
 * Baron–Ferejohn's every partner is bought as often). Above 0: a logit over the coalitions' best offers and
 * waiting, as map.ts's `choiceAt` over combinations of options.
 */
export function coalitionChoice(g: Game, j: number, w: Float64Array, tau: number): Choice {
  const offers: Offer[] = [];
  coalitionsOf(g, j).forEach((c, q) => {
    const o = bestOffer(c.game, j, w);
    if (o) offers.push({ ...o, coalition: q });
  });
  if (tau === 0) {
    let top = -Infinity;
    for (const o of offers) if (o.utils[j] > top) top = o.utils[j];
    if (!(top >= w[j] - ACCEPT_TOL)) return { offers: [null], probs: [1] };
    const tied = offers.filter((o) => o.utils[j] >= top - COALITION_TIE_TOL);
    return { offers: tied, probs: tied.map(() => 1 / tied.length) };
  }
  return quantalChoice(g, j, offers, w[j], tau);
}

/** A key for a choice by coalition and combination of options (averaging's tally): −1 for waiting. */
export function choiceKey(g: Game, o: Offer | null): number {
  return o === null ? -1 : (o.coalition ?? 0) * g.model.space.comboCount + o.combo;
}

/** Proposer j's best offer for the choice `key` (`choiceKey`) against thresholds w, or null. */
export function offerForKey(g: Game, j: number, w: Float64Array, key: number): Offer | null {
  const C = g.model.space.comboCount;
  const q = Math.floor(key / C);
  const o = bestOfferIn(coalitionsOf(g, j)[q].game, j, w, key % C);
  return o && { ...o, coalition: q };
}
