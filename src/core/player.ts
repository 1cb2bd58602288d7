import type { Rng } from '../rng/stream.js';
import type { Offer } from './offer.js';

/**
 * The players of one strategy in one run's game: every party who plays it (players of one strategy may
 * share what they learn, like bayesian beliefs). In the spirit of NegMAS's Negotiator: a mechanism asks
 * for offers and acceptance levels and tells the players what happened; it never looks inside.
 * Indices are party indices; `s` is the recognition state, `t` the round (0-based).
 */
export interface Player {
  /** Party j's offer as proposer, or null when it makes none (waiting is worth more to it, or nothing is acceptable). */
  offer(j: number, s: number, t: number, rng: Rng): Offer | null;
  /** The utility party i needs to accept an offer. */
  needed(i: number, s: number, t: number): number;
  /**
   * Party i's value of rejecting an offer and staying at the table, which it compares with its outside
   * option (docs/model.md, "Outside options"); players without it compare the option with `needed`.
   */
  continuing?(i: number, s: number, t: number): number;
  /** A round that ended without a deal: the proposer, its offer and every reply (null: not asked). */
  observe(proposer: number, offer: Offer | null, replies: (boolean | null)[], s: number): void;
  /** Party j's belief, as the proposer of its last offer, that every required responder accepts it (undefined: it does not reckon one). */
  chance?(j: number): number | undefined;
}
