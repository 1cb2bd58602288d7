import type { Game } from '../core/game.js';
import type { Offer } from '../core/offer.js';
import { MIN_WEIGHT } from './constants.js';

/**
 * Proposer j's logit mixture (a quantal response, McKelvey & Palfrey 1995) over its candidate offers and
 * waiting (null, worth `waiting`): weights ∝ exp(value / t), t = τ·(1 − δ_j), since offering now and waiting
 * a round differ by O(1 − δ); weights below MIN_WEIGHT of the total are dropped and the rest renormalised.
 */
export function quantalChoice(g: Game, j: number, offers: Offer[], waiting: number, tau: number): { offers: (Offer | null)[]; probs: number[] } {
  const options: (Offer | null)[] = [...offers, null];
  const value = options.map((o) => (o ? o.utils[j] : waiting));
  const top = Math.max(...value);
  const t = tau * (1 - g.rp.discount[j]);
  const weight = value.map((v) => Math.exp((v - top) / t));
  const total = weight.reduce((a, b) => a + b, 0);
  const keep = options.map((_, k) => k).filter((k) => weight[k] / total >= MIN_WEIGHT);
  const kept = keep.reduce((a, k) => a + weight[k], 0);
  return { offers: keep.map((k) => options[k]), probs: keep.map((k) => weight[k] / kept) };
}
