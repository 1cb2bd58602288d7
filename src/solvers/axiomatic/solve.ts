import { satisfies } from '../../model/outcomeSpace.js';
import { packageUtility } from '../../model/runParams.js';
import type { Game } from '../../core/game.js';
import { objective, SOLUTIONS, type SolutionId } from './objectives.js';
import { coalitionsOf } from '../../core/coalitions.js';
import { signingFloors } from '../range.js';

/** One solution: the package, as raw values, and each party's utility of it. */
export interface Solution {
  id: SolutionId;
  values: Float64Array;
  utils: Float64Array;
  /** Under a decision rule: the winning coalition whose solution it is (the parties whose gains it weighs), in party order. */
  coalition?: number[];
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;
const SEARCH_STEPS = 80;
const PASSES = 4;

/**
 * The axiomatic solutions over the feasible set with the no-deal flows as
 * disagreement point. The objectives (the Nash product, ...) are over the
 * parties with a party-wide veto; a package is admissible when it gives
 * every party whose consent it needs (the veto holders and those its options
 * need: Model.consent) at least its no-deal flow. Packages
 * are scanned on the grid (Pareto frontier), then the best one's numeric
 * issues are refined by golden-section search within one grid step, one
 * issue at a time (exact for one numeric issue and unimodal objectives).
 * When deals can break down (Model.breakdown), a package is worth its risked value κ·u + (1 − κ)·(d − c)
 * to each party: a collapse is valued at the disagreement point (war at the no-deal flows), less what
 * the collapse itself costs (breakdown.cost, c; 0 when not given). A party with an outside option is
 * not asked to sign below it: the option bounds the admissible packages (the outside option principle
 * of Binmore, Rubinstein & Wolinsky 1986), while the disagreement point stays the no-deal flows.
 */
export function solveAxiomatic(g: Game): Solution[] | null {
  const who = g.model.parties.filter((p) => p.required).map((p) => p.index);
  if (!g.model.decision) return solveAmong(g, who)?.map(({ score: _, ...s }) => s) ?? null;
  return solveByCoalition(g, who);
}

/**
 * Under a decision rule (Model.decision) a solution is a winning coalition's: each minimal winning coalition
 * (core/coalitions.ts, with no proposer: every member's vote counts) solves it among its members and the
 * veto holders — their gains weighed, every party whose consent a package needs at least at its no-deal
 * value, the others unprotected — and the solution reported is that of the coalition that does best by the
 * solution's own measure per party weighed (the Nash product's mean log gain, the mean utility, the
 * Kalai–Smorodinsky ratio, the smallest gain); ties go to the coalition listed first.
 */
function solveByCoalition(g: Game, vetoes: number[]): Solution[] | null {
  const best = new Map<SolutionId, ScoredSolution>();
  for (const c of coalitionsOf(g, -1)) {
    const who = [...new Set([...vetoes, ...c.members])].sort((a, b) => a - b);
    for (const sol of solveAmong(c.game, who) ?? []) {
      const held = best.get(sol.id);
      if (!held || sol.score > held.score) best.set(sol.id, { ...sol, coalition: who });
    }
  }
  if (best.size === 0) return null;
  return SOLUTIONS.map(({ id }) => {
    const { score: _, ...sol } = best.get(id) as ScoredSolution;
    return sol;
  });
}

/** A solution and its objective per party weighed (comparable across coalitions of different sizes). */
type ScoredSolution = Solution & { score: number };

/** The solutions whose objectives weigh the parties `who` (see solveAxiomatic). */
function solveAmong(g: Game, who: number[]): ScoredSolution[] | null {
  const { n, P, candidates, model, rp } = g;
  const d = rp.reservation;
  const { consent, space } = model;
  const kappa = g.breakdown?.kappa;
  // What a collapse costs (breakdown.cost) is lost on top of the disagreement point.
  const cost = g.breakdown?.cost;
  const collapsed = (i: number) => (cost ? d[i] - cost[i] : d[i]);
  const risked = (i: number, combo: number, u: number) => (kappa ? kappa[combo * n + i] * u + (1 - kappa[combo * n + i]) * collapsed(i) : u);
  const raw = g.table;
  const table = kappa ? raw.map((u, q) => risked(Math.floor(q / P), space.combo[q % P], u)) : raw;
  const utilityOf = (i: number, x: Float64Array, combo: number) => risked(i, combo, packageUtility(rp, i, x));
  const signs = (p: number) => model.parties.filter((q) => consent.required[space.combo[p] * n + q.index] !== 0).map((q) => q.index);
  // The frontier is the riskless table's: with a risk that differs by combination, every feasible package is a candidate.
  const pool = kappa ? Array.from({ length: P }, (_, p) => p) : Array.from(candidates);
  // A coalition's view skips the combinations it cannot carry (a decision rule).
  const blocked = consent.blocked;
  // Nobody signs below its floor: its no-deal flow, or its outside option where higher (the option is a constraint, d stays the disagreement point).
  const floor = signingFloors(g, d);
  const rational = pool.filter((p) => !(blocked && blocked[space.combo[p]]) && signs(p).every((i) => table[i * P + p] >= floor[i]));
  if (rational.length === 0) return null;
  const a = new Float64Array(n);
  for (const i of who) a[i] = Math.max(...rational.map((p) => table[i * P + p]));
  const u = new Float64Array(n);
  return SOLUTIONS.map(({ id }) => {
    let best = rational[0];
    let bestValue = -Infinity;
    for (const p of rational) {
      for (let i = 0; i < n; i++) u[i] = table[i * P + p];
      const v = objective(id, u, d, a, who);
      if (v > bestValue) (bestValue = v), (best = p);
    }
    // Refining keeps the combination: the parties only its options ask must still gain.
    const asked = signs(best).filter((i) => !who.includes(i));
    const combo = space.combo[best];
    const values = refine(g, best, (x) => {
      if (!satisfies(model.constraints, x)) return -Infinity;
      for (let i = 0; i < n; i++) u[i] = utilityOf(i, x, combo);
      for (const i of asked) if (u[i] < floor[i]) return -Infinity;
      if (g.rp.outside) for (const i of who) if (u[i] < floor[i]) return -Infinity;
      return objective(id, u, d, a, who);
    });
    const utils = Float64Array.from({ length: n }, (_, i) => utilityOf(i, values, combo));
    const per = id === 'nash' || id === 'utilitarian' ? Math.max(1, who.length) : 1;
    return { id, values, utils, score: objective(id, utils, d, a, who) / per };
  });
}

function refine(g: Game, p: number, f: (x: Float64Array) => number): Float64Array {
  const K = g.K;
  const x = g.model.space.packages.slice(p * K, p * K + K);
  for (let pass = 0; pass < PASSES; pass++) {
    for (const issue of g.model.issues) {
      if (issue.kind !== 'numeric') continue;
      const k = issue.index;
      const at = (y: number) => ((x[k] = y), f(x));
      const start = x[k];
      let lo = Math.max(issue.lo, start - issue.step), hi = Math.min(issue.hi, start + issue.step);
      let c = hi - GOLDEN * (hi - lo), e = lo + GOLDEN * (hi - lo);
      let fc = at(c), fe = at(e);
      for (let s = 0; s < SEARCH_STEPS; s++) {
        if (fc >= fe) (hi = e), (e = c), (fe = fc), (c = hi - GOLDEN * (hi - lo)), (fc = at(c));
        else (lo = c), (c = e), (fc = fe), (e = lo + GOLDEN * (hi - lo)), (fe = at(e));
      }
      const mid = (lo + hi) / 2;
      x[k] = at(mid) >= at(start) ? mid : start;
    }
  }
  return x;
}
