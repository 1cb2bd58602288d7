import { VOTE_TOL, type DecisionDef } from '../../model/decision.js';
import type { Model } from '../../model/types.js';
import { coalitionGame, type Game } from '../../core/game.js';

/**
 * The chance that a deal passes under a decision rule (Model.decision) when each voter replies yes
 * independently: every required party must say yes (the product of their chances), and the yes votes —
 * `base` (the votes already counted: the proposer's own and the required parties') plus each optional
 * voter's weight with its chance — must reach the threshold.
 *
 * Exact, by dynamic programming over the voters: the distribution of the vote sum reached so far, kept as
 * the distinct sums below the threshold (a sum that reaches it folds into one "passed" mass, which no later
 * vote can undo). Under a quota the weights are 1 and the sums are counts, so this is the Poisson-binomial
 * in at most k states; with weighted votes there are at most 2^m distinct sums for m optional voters, and
 * a rule plays with at most MAX_VOTERS = 10 parties (scenario/mechanismRules.ts), so at most 2^9 = 512 —
 * a DP over reachable sums rather than over a grid of weights, since weights are decimals.
 */
export function votesReachChance(base: number, threshold: number, weights: ArrayLike<number>, chances: ArrayLike<number>): number {
  const t = threshold - VOTE_TOL;
  if (base >= t) return 1;
  let sums = [base];
  let mass = [1];
  let passed = 0;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k];
    const p = chances[k];
    if (!(w > 0) || p === 0) continue;
    const at = new Map<number, number>();
    const nextSums: number[] = [];
    const nextMass: number[] = [];
    const add = (sum: number, m: number) => {
      if (m === 0) return;
      if (sum >= t) return void (passed += m);
      const idx = at.get(sum);
      if (idx === undefined) at.set(sum, nextSums.push(sum) - 1), nextMass.push(m);
      else nextMass[idx] += m;
    };
    for (let x = 0; x < sums.length; x++) {
      add(sums[x] + w, mass[x] * p);
      add(sums[x], mass[x] * (1 - p));
    }
    sums = nextSums;
    mass = nextMass;
    if (sums.length === 0) break;
  }
  return passed;
}

/**
 * Pr(the deal passes) for proposer j's offer: `yes[i]` is voter i's chance of saying yes (ignored for j),
 * `required[i]` whether its consent is needed (a required party's "no" sinks the deal; its "yes" votes).
 */
export function passChance(d: DecisionDef, j: number, required: (i: number) => boolean, yes: (i: number) => number, n: number): number {
  let needAll = 1;
  let base = j >= 0 ? d.weight[j] : 0;
  const weights: number[] = [];
  const chances: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === j) continue;
    if (required(i)) {
      needAll *= yes(i);
      if (needAll === 0) return 0;
      base += d.weight[i];
    } else if (d.weight[i] > 0) {
      weights.push(d.weight[i]);
      chances.push(yes(i));
    }
  }
  return needAll * votesReachChance(base, d.threshold, weights, chances);
}

/** Whether rule d passes a deal only when every party with a vote says yes (a quota of all, say), whoever proposes. */
export function needsEveryVoter(d: DecisionDef, n: number): boolean {
  const total = d.weight.reduce((a, w) => a + w, 0);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) if (i !== j && d.weight[i] > 0 && total - d.weight[i] >= d.threshold - VOTE_TOL) return false;
  return true;
}

/**
 * The game as bayesian players see it: under a rule that needs every voter (`needsEveryVoter`), the
 * game with every voter's consent required and no rule — unanimity of them all, played as today.
 */
export function bayesianView(g: Game): Game {
  const d = g.model.decision;
  if (d === null || !needsEveryVoter(d, g.n)) return g;
  const { n } = g;
  const base = g.model.consent;
  const required = Uint8Array.from(base.required);
  for (let c = 0; c < g.model.space.comboCount; c++) for (let i = 0; i < n; i++) if (d.weight[i] > 0) required[c * n + i] = 1;
  const ever = Uint8Array.from({ length: n }, (_, i) => (base.ever[i] !== 0 || d.weight[i] > 0 ? 1 : 0));
  // `varies` and each party's `required` as the model would have them had every voter a veto.
  const varies = required.some((r, k) => r === 0 && ever[k % n] !== 0);
  const view = coalitionGame(g, { required, ever, varies }, null);
  view.model.parties = g.model.parties.map((p, i) => (d.weight[i] > 0 && !p.required ? { ...p, required: true } : p));
  return view;
}

/**
 * The model's decision rule if it binds: some proposer's offer in some combination, accepted by every
 * party whose consent it needs, would still fall short of the threshold. A rule that never binds (a quota
 * of every party when each holds a veto, say) passes exactly the deals that unanimity of the required
 * parties passes, and bayesian play under it is play without it, bit for bit. A rule that needs every
 * voter is played as unanimity of them all (`bayesianView`). Null: no rule, or one of these.
 */
export function bindingRule(model: Model): DecisionDef | null {
  const d = model.decision;
  if (d === null || needsEveryVoter(d, model.parties.length)) return null;
  const n = model.parties.length;
  const { required } = model.consent;
  for (let c = 0; c < model.space.comboCount; c++)
    for (let j = 0; j < n; j++) {
      let votes = d.weight[j];
      for (let i = 0; i < n; i++) if (i !== j && required[c * n + i] !== 0) votes += d.weight[i];
      if (votes < d.threshold - VOTE_TOL) return d;
    }
  return null;
}
