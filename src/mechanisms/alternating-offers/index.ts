import type { Game } from '../../core/game.js';
import type { Mechanism, MechanismRun, Played, RoundView } from '../../core/mechanism.js';
import { ACCEPT_TOL } from '../../core/offer.js';
import { reply } from '../../core/reply.js';
import { asked } from '../../core/coalitions.js';
import type { Rng } from '../../rng/stream.js';

/** The proposer of a round in recognition state s: drawn from the state's probabilities (a fixed order's are 0 or 1). */
export function drawProposer(rng: Rng, probs: Float64Array, s: number, n: number): number {
  const u = rng();
  let acc = 0;
  for (let j = 0; j < n; j++) if ((acc += probs[s * n + j]) > u) return j;
  for (let j = n - 1; j >= 0; j--) if (probs[s * n + j] > 0) return j;
  return 0;
}

/**
 * Alternating offers (Rubinstein; Baron–Ferejohn with random recognition): each round one proposer is
 * recognised (a fixed cycle or a draw), offers, and every party whose consent the offer needs replies
 * (under a decision rule, every party whose vote counts too).
 */
class AlternatingOffersRun implements MechanismRun {
  reframe(): void {}

  round(t: number, view: RoundView): Played {
    const { g, parties, rng, flows, guard } = view;
    const { n, model } = g;
    const { states, probs } = parties.recognition();
    const s = t % states;
    const j = drawProposer(rng.recognition, probs, s, n);
    let offer = parties.offer(j, s, t, rng.play);
    if (guard && offer && offer.utils[j] < flows[j] - ACCEPT_TOL) offer = null;
    const thresholds = new Float64Array(n);
    for (let i = 0; i < n; i++) thresholds[i] = guard ? Math.max(parties.needed(i, s, t), flows[i]) : parties.needed(i, s, t);
    const replies: (boolean | null)[] = model.parties.map((p, i) =>
      offer && asked(g, offer.combo, i, j) ? reply(offer.utils[i], thresholds[i], p.temperature, rng.reply) : null,
    );
    const chance = offer ? parties.chance(j) : undefined;
    // A responder that rejected may take its outside option and leave for good (docs/model.md, "Outside options").
    const left = parties.leaves ? replies.flatMap((r, i) => (r === false && (parties.leaves as NonNullable<typeof parties.leaves>)(i, s, t) ? [i] : [])) : [];
    return { proposer: j, offer, replies, thresholds, states, ...(chance === undefined ? {} : { chance }), ...(left.length ? { left } : {}) };
  }

  rejected(t: number, played: Played, view: RoundView): void {
    view.parties.observe(played.proposer, played.offer, played.replies, t % played.states);
  }
}

export const alternatingOffers: Mechanism = {
  kind: 'alternating-offers',
  usesPlayers: true,
  movesFlows: false,
  start: (_g: Game) => new AlternatingOffersRun(),
};
