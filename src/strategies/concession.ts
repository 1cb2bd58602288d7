import type { Game } from '../mechanisms/alternating-offers/game.js';
import { offerAt, type Offer } from '../mechanisms/alternating-offers/offer.js';

/**
 * Time-dependent concession (Faratin, Sierra & Jennings 1998, "Negotiation
 * decision functions for autonomous agents"): the aspiration falls from `top`
 * at the first round to `floor` (the no-deal value) at round `horizon`:
 *   target(t) = floor + (top − floor) · (1 − (t / (horizon − 1))^(1/e)),  t = 0, 1, ...
 * e < 1 holds out and concedes late (Boulware), e = 1 is linear, e > 1 concedes early.
 */
export function concessionTarget(top: number, floor: number, t: number, exponent: number, horizon: number): number {
  const frac = horizon <= 1 ? 1 : Math.min(1, t / (horizon - 1));
  return floor + (top - floor) * (1 - Math.pow(frac, 1 / exponent));
}

/** Each party's best utility over the candidates, computed once per game (it is read every round). */
const tops = new WeakMap<Game, Float64Array>();

/** The best utility party j can get from any feasible package. */
export function topUtility(g: Game, j: number): number {
  let t = tops.get(g);
  if (!t) {
    t = new Float64Array(g.n).fill(-Infinity);
    for (let i = 0; i < g.n; i++) for (let c = 0; c < g.candidates.length; c++) t[i] = Math.max(t[i], g.table[i * g.P + g.candidates[c]]);
    tops.set(g, t);
  }
  return t[j];
}

/** Party j's aspiration in round t (0-based), if it plays concession with these settings. */
export function aspiration(g: Game, j: number, t: number, exponent: number, horizon: number): number {
  const floor = g.rp.reservation[j];
  return concessionTarget(Math.max(floor, topUtility(g, j)), floor, t, exponent, horizon);
}

/**
 * A concession proposer's offer: among packages meeting its aspiration, the
 * one the parties whose consent a deal may need like most in total (ties: the lower index).
 * Offers are whole search-grid packages: this strategy is a heuristic, not an optimiser.
 */
export function concessionOffer(g: Game, j: number, target: number): Offer | null {
  const { n, P, K, table, candidates, model } = g;
  let best = -1;
  let bestScore = -Infinity;
  for (let c = 0; c < candidates.length; c++) {
    const p = candidates[c];
    if (table[j * P + p] < target) continue;
    let score = 0;
    // Over everyone whose consent some package needs (not only this one's signers: fewer signers would score lower).
    for (let i = 0; i < n; i++) if (i !== j && model.consent.ever[i] !== 0) score += table[i * P + p];
    if (score > bestScore) (bestScore = score), (best = p);
  }
  if (best < 0) return null;
  return offerAt(g, model.space.packages.slice(best * K, best * K + K), model.space.combo[best]);
}
