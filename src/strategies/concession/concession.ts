import type { Game } from '../../core/game.js';
import { offerAt, type Offer } from '../../core/offer.js';
import { topUtility } from '../../core/tops.js';

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

/** Party j's aspiration in round t (0-based), if it plays concession with these settings. */
export function aspiration(g: Game, j: number, t: number, exponent: number, horizon: number): number {
  const floor = g.rp.reservation[j];
  return concessionTarget(Math.max(floor, topUtility(g, j)), floor, t, exponent, horizon);
}

/**
 * A concession proposer's offer: among the Pareto-efficient packages (Game.candidates) meeting its
 * aspiration, the one the parties whose consent a deal may need (under a decision rule, and those who
 * vote) like most in total (ties: the lower index). Offers are whole search-grid packages: this strategy is a heuristic, not an optimiser.
 *
 * Found without building the frontier: over all packages the best total is the same (a package off
 * the frontier has a dominator on it, as good for j and for every other party, so it meets the
 * aspiration and scores at least as much), so the offer is the first package with that total that
 * is on the frontier, and a package alone with the best total always is (its dominator would tie it).
 */
export function concessionOffer(g: Game, j: number, target: number): Offer | null {
  const { P, K, table, model } = g;
  let best = -1;
  let bestScore = -Infinity;
  let ties = 0;
  for (let p = 0; p < P; p++) {
    if (table[j * P + p] < target) continue;
    const score = scoreOf(g, j, p);
    if (score > bestScore) (bestScore = score), (best = p), (ties = 0);
    else if (score === bestScore) ties++;
  }
  if (best < 0) return null;
  if (ties > 0) {
    best = -1;
    for (let p = 0; p < P && best < 0; p++) if (table[j * P + p] >= target && scoreOf(g, j, p) === bestScore && onFrontier(g, p)) best = p;
  }
  return offerAt(g, model.space.packages.slice(best * K, best * K + K), model.space.combo[best]);
}

/**
 * The total utility, to everyone but j whose consent some package needs, of package p (not only its own
 * signers: fewer signers would score lower). Under a decision rule every party whose vote counts is
 * courted too: the offer is the one the voters and the required parties like most in total.
 */
function scoreOf(g: Game, j: number, p: number): number {
  const { n, P, table, model } = g;
  const d = model.decision;
  let score = 0;
  for (let i = 0; i < n; i++) if (i !== j && (model.consent.ever[i] !== 0 || (d !== null && d.weight[i] > 0))) score += table[i * P + p];
  return score;
}

/**
 * Whether package p is on the game's Pareto frontier (model/pareto.ts): no package before it in the
 * frontier's order (total utility descending, then index) is as good for every party while needing
 * no signatory p does not.
 */
function onFrontier(g: Game, p: number): boolean {
  const { n, P, table, model } = g;
  const { required, varies } = model.consent;
  const combo = model.space.combo;
  let tp = 0;
  for (let i = 0; i < n; i++) tp += table[i * P + p];
  for (let q = 0; q < P; q++) {
    if (q === p) continue;
    let tq = 0;
    for (let i = 0; i < n; i++) tq += table[i * P + q];
    if (tq < tp || (tq === tp && q > p)) continue;
    let geq = true;
    if (varies) for (let i = 0; i < n && geq; i++) geq = required[combo[q] * n + i] <= required[combo[p] * n + i];
    for (let i = 0; i < n && geq; i++) geq = table[i * P + q] >= table[i * P + p];
    if (geq) return false;
  }
  return true;
}
