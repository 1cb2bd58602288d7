import { coalitionsOf } from '../../core/coalitions.js';
import { coalitionGame, type Game } from '../../core/game.js';
import { ACCEPT_TOL, offerAt, type Offer } from '../../core/offer.js';
import type { DecisionDef } from '../../model/decision.js';
import { packageUtility } from '../../model/runParams.js';
import { COALITION_TIE_TOL } from '../../solvers/coalitionChoice.js';
import { bestOfferIn, REFINE_TOP } from '../../solvers/proposer.js';
import { passChance } from './passChance.js';
import { climbLevels, countAtMost } from './levels.js';
import type { BayesianWorld } from './world.js';

/** What the bayesian proposer reads of the current public beliefs (BayesianPlay). */
export interface BeliefView {
  needed(i: number, s: number): number;
  threshold(i: number, m: number, s: number): number;
  isAlive(i: number, m: number): boolean;
  sortedThresholds(i: number, s: number): Float64Array;
  gridAcceptance(i: number, s: number): Float64Array;
}

/** Proposer j's chance that an offer made in state s passes under rule d, by the current beliefs (see offerByRule). */
export function passChanceOf(g: Game, d: DecisionDef, world: BayesianWorld, view: BeliefView, j: number, s: number): (o: Offer) => number {
  const { n, model } = g;
  const beliefs = world.beliefs;
  const req = model.consent.required;
  const isVoter = (i: number) => i !== j && (model.consent.ever[i] !== 0 || d.weight[i] > 0);
  const sorted = beliefs.map((b, i) => (isVoter(i) && b.uncertain && !b.tables ? view.sortedThresholds(i, s) : null));
  /** Voter i's chance of accepting offer o. */
  const yes = (i: number, o: Offer): number => {
    const b = beliefs[i];
    const u = o.utils[i];
    if (!b.uncertain) return u >= view.needed(i, s) - ACCEPT_TOL ? 1 : 0;
    const sr = sorted[i];
    if (sr) return countAtMost(sr, u + ACCEPT_TOL) / sr.length;
    let accepting = 0, alive = 0;
    for (let m = 0; m < b.types.length; m++) {
      if (!view.isAlive(i, m)) continue;
      alive++;
      if (packageUtility(b.types[m].params, i, o.values) >= view.threshold(i, m, s) - ACCEPT_TOL) accepting++;
    }
    return accepting / alive;
  };
  return (o) => passChance(d, j, (i) => req[o.combo * n + i] !== 0, (i) => yes(i, o), n);
}

/**
 * A bayesian proposer's offer under a decision rule (docs/model.md, "Bayesian players under a decision
 * rule"). It maximises Pr(pass)·u_j(offer) + (1 − Pr(pass))·(its value of rejecting), where Pr(pass) is
 * the chance that every party whose consent the offer needs accepts and the yes votes (its own counted)
 * reach the threshold, each voter replying independently by its still-possible types (passChance.ts).
 * Like the rational proposer it buys a coalition: for each of its winning coalitions (core/coalitions.ts,
 * in their listed order), and last for every voter at once (paying more votes than the rule needs can pay
 * when each may refuse), the offer is refined on that set's view of the game, each member and
 * required party given the threshold of one of its still-possible types (a grid scan over every package
 * comes first, and is all there is when utilities are private). Coalitions whose best offers are worth
 * within COALITION_TIE_TOL of the best are tied (the rational tie rule); the caller draws one. Empty: it
 * waits, no offer being worth more than a round of no deal.
 */
export function offerByRule(g: Game, d: DecisionDef, world: BayesianWorld, view: BeliefView, j: number, s: number): { offers: Offer[]; chances: number[] } {
  const { n, P, K, table, model } = g;
  const beliefs = world.beliefs;
  const own = view.needed(j, s);
  const req = model.consent.required;
  const probability = passChanceOf(g, d, world, view, j, s);
  const isVoter = (i: number) => i !== j && (model.consent.ever[i] !== 0 || d.weight[i] > 0);
  const sorted = beliefs.map((b, i) => (isVoter(i) && b.uncertain && !b.tables ? view.sortedThresholds(i, s) : null));

  // The grid scan: each combination's best package by expected value.
  const grid = beliefs.map((_, i) => (isVoter(i) ? view.gridAcceptance(i, s) : null));
  const { combo, comboCount } = model.space;
  const bestEv = new Float64Array(comboCount).fill(-Infinity);
  const bestP = new Int32Array(comboCount).fill(-1);
  for (let p = 0; p < P; p++) {
    const c = combo[p];
    const pr = passChance(d, j, (i) => req[c * n + i] !== 0, (i) => (grid[i] as Float64Array)[p], n);
    if (pr === 0) continue;
    const ev = pr * table[j * P + p] + (1 - pr) * own;
    if (ev > bestEv[c] + 1e-12) (bestEv[c] = ev), (bestP[c] = p);
  }
  const top = [...bestP.keys()].filter((c) => bestP[c] >= 0).sort((a, b) => bestEv[b] - bestEv[a] || a - b).slice(0, REFINE_TOP);

  // Each candidate's best offer (a coalition's, or a grid package's), by expected value.
  const found: { offer: Offer; value: number; chance: number }[] = [];
  let current: { offer: Offer; value: number; chance: number } | null = null;
  const consider = (offer: Offer): number => {
    const pr = probability(offer);
    if (!(pr > 0)) return -Infinity;
    const value = pr * offer.utils[j] + (1 - pr) * own;
    if (!current || value > current.value + 1e-12) current = { offer, value, chance: pr };
    return value;
  };
  const refinable = beliefs.every((b, i) => !isVoter(i) || !b.tables);
  if (!refinable) {
    for (const c of top) consider(offerAt(g, model.space.packages.slice(bestP[c] * K, bestP[c] * K + K), c));
    if (current) found.push(current);
  } else {
    // Each minimal winning coalition, then every voter at once (buying more votes than the rule needs insures against a refusal).
    const sets: { game: Game; q?: number }[] = coalitionsOf(g, j).map((c, q) => ({ game: c.game, q }));
    sets.push({ game: everyVoterGame(g, d) });
    sets.forEach(({ game: cg, q }) => {
      current = null;
      for (const c of top) {
        if (cg.model.consent.blocked?.[c]) continue;
        const p = bestP[c];
        // Its signers start at the levels the grid package wins; the others are not paid for.
        const signers: number[] = [];
        const w = new Float64Array(n).fill(-Infinity);
        for (let i = 0; i < n; i++) {
          if (i === j || cg.model.consent.required[c * n + i] !== 1) continue;
          signers.push(i);
          const sr = sorted[i];
          w[i] = sr ? sr[Math.max(0, countAtMost(sr, table[i * P + p] + ACCEPT_TOL) - 1)] : view.needed(i, s);
        }
        const valueAt = () => {
          const o = bestOfferIn(cg, j, w, c);
          return o ? consider(q === undefined ? o : { ...o, coalition: q }) : -Infinity;
        };
        valueAt();
        climbLevels(w, signers.map((i) => [i, sorted[i]] as [number, Float64Array | null]), valueAt);
      }
      if (current) found.push(current);
    });
  }
  // Worth more than a round of no deal, and the coalitions tied with the best.
  const worth = found.filter((f) => f.value > own - ACCEPT_TOL + 1e-12);
  if (worth.length === 0) return { offers: [], chances: [] };
  const best = Math.max(...worth.map((f) => f.value));
  const tied = worth.filter((f) => f.value >= best - COALITION_TIE_TOL);
  return { offers: tied.map((f) => f.offer), chances: tied.map((f) => f.chance) };
}

const everyVoter = new WeakMap<Game, Game>();

/** The game with every voter's consent required in every combination (the proposer's own flag as in the model). */
function everyVoterGame(g: Game, d: DecisionDef): Game {
  const known = everyVoter.get(g);
  if (known) return known;
  const { n } = g;
  const base = g.model.consent;
  const required = Uint8Array.from(base.required);
  for (let c = 0; c < g.model.space.comboCount; c++) for (let i = 0; i < n; i++) if (d.weight[i] > 0) required[c * n + i] = 1;
  const ever = Uint8Array.from({ length: n }, (_, i) => (base.ever[i] !== 0 || d.weight[i] > 0 ? 1 : 0));
  const game = coalitionGame(g, { required, ever, varies: true });
  everyVoter.set(g, game);
  return game;
}
