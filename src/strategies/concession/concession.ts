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
export function concessionOffer(g: Game, j: number, target: number, scores: Float64Array = courtedScores(g, j)): Offer | null {
  const { P, K, table, model } = g;
  const row = j * P;
  let best = -1;
  let bestScore = -Infinity;
  let ties = 0;
  for (let p = 0; p < P; p++) {
    if (table[row + p] < target) continue;
    const score = scores[p];
    if (score > bestScore) (bestScore = score), (best = p), (ties = 0);
    else if (score === bestScore) ties++;
  }
  if (best < 0) return null;
  if (ties > 0) {
    best = -1;
    for (let p = 0; p < P && best < 0; p++) if (table[row + p] >= target && scores[p] === bestScore && onFrontier(g, p)) best = p;
  }
  return offerAt(g, model.space.packages.slice(best * K, best * K + K), model.space.combo[best]);
}

/**
 * A game's concession offers (`concessionOffer`, the same offer), read from an index built once per
 * proposer: a concession or reciprocal player offers every round it is recognised, and what it ranks
 * by depends only on the game. The packages are bucketed by the proposer's utility (a counting sort,
 * no comparisons); each bucket keeps, over itself and every bucket above it, the best score, a package
 * with it and how many have it. An aspiration then reads the buckets above its own at once and scans
 * only its own bucket. Exact: a package in a higher bucket has a higher utility (the bucket is a
 * non-decreasing function of the utility), and a tie on the best score is left to `concessionOffer`'s rule.
 */
export class ConcessionOffers {
  private readonly index: (OfferIndex | undefined)[];

  constructor(private readonly g: Game) {
    this.index = new Array(g.n);
  }

  offer(j: number, target: number): Offer | null {
    const g = this.g;
    const x = (this.index[j] ??= offerIndex(g, j));
    const { P, K, table, model } = g;
    const row = j * P;
    if (target > x.top) return null;
    // No aspiration to bucket (NaN: every package meets it, as in the scan).
    if (Number.isNaN(target)) return concessionOffer(g, j, target, x.scores);
    const b = x.bucketOf(target);
    // The buckets above b, then b's own packages that meet the aspiration (in package order).
    let bestScore = -Infinity, best = -1, count = 0;
    if (b + 1 < x.buckets) (bestScore = x.suffixBest[b + 1]), (best = x.suffixFirst[b + 1]), (count = x.suffixCount[b + 1]);
    for (let k = x.start[b]; k < x.start[b + 1]; k++) {
      const p = x.order[k];
      if (table[row + p] < target) continue;
      const score = x.scores[p];
      if (score > bestScore) (bestScore = score), (best = p), (count = 1);
      else if (score === bestScore) count++;
    }
    if (best < 0) return null;
    if (count > 1) return concessionOffer(g, j, target, x.scores);
    return offerAt(g, model.space.packages.slice(best * K, best * K + K), model.space.combo[best]);
  }
}

/** How many buckets an index has at most (about one per 32 packages). */
const MAX_BUCKETS = 256;

interface OfferIndex {
  scores: Float64Array;
  /** The best utility of the proposer: above it no package meets an aspiration. */
  top: number;
  buckets: number;
  bucketOf: (u: number) => number;
  /** Packages by bucket (order[start[b] .. start[b + 1])), in package order within a bucket. */
  order: Int32Array;
  start: Int32Array;
  /** Over buckets b and above: the best score, a package with it (the one when only one has it), how many packages have it. */
  suffixBest: Float64Array;
  suffixFirst: Int32Array;
  suffixCount: Int32Array;
}

function offerIndex(g: Game, j: number): OfferIndex {
  const { P, table } = g;
  const row = j * P;
  const scores = courtedScores(g, j);
  let lo = Infinity, top = -Infinity;
  for (let p = 0; p < P; p++) {
    const u = table[row + p];
    if (u < lo) lo = u;
    if (u > top) top = u;
  }
  const buckets = Math.max(1, Math.min(MAX_BUCKETS, P >> 5));
  const scale = top > lo ? buckets / (top - lo) : 0;
  const last = buckets - 1;
  const bucketOf = (u: number) => (u <= lo ? 0 : Math.min(last, Math.floor((u - lo) * scale)));
  // A counting sort by bucket: sizes, then starts, then each package in package order.
  const start = new Int32Array(buckets + 1);
  const of = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const u = table[row + p];
    const b = u <= lo ? 0 : Math.min(last, Math.floor((u - lo) * scale));
    of[p] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const order = new Int32Array(P);
  const fill = start.slice(0, buckets);
  for (let p = 0; p < P; p++) order[fill[of[p]]++] = p;
  const suffixBest = new Float64Array(buckets);
  const suffixFirst = new Int32Array(buckets);
  const suffixCount = new Int32Array(buckets);
  let best = -Infinity, first = -1, count = 0;
  for (let b = last; b >= 0; b--) {
    for (let k = start[b]; k < start[b + 1]; k++) {
      const p = order[k];
      const score = scores[p];
      if (score > best) (best = score), (first = p), (count = 1);
      else if (score === best) count++;
    }
    (suffixBest[b] = best), (suffixFirst[b] = first), (suffixCount[b] = count);
  }
  return { scores, top, buckets, bucketOf, order, start, suffixBest, suffixFirst, suffixCount };
}

/**
 * Package by package, the total utility to everyone but j whose consent some package needs (not only
 * the package's own signers: fewer signers would score lower). Under a decision rule every party whose
 * vote counts is courted too: the offer is the one the voters and the required parties like most in total.
 * Summed party by party in index order, so each total is the same number whichever way it is read.
 */
export function courtedScores(g: Game, j: number): Float64Array {
  const { n, P, table, model } = g;
  const d = model.decision;
  const out = new Float64Array(P);
  for (let i = 0; i < n; i++) {
    if (i === j || (model.consent.ever[i] === 0 && (d === null || !(d.weight[i] > 0)))) continue;
    for (let p = 0; p < P; p++) out[p] += table[i * P + p];
  }
  return out;
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
