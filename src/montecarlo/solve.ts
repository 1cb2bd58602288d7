import { gameFor } from '../core/game.js';
import { meanRunParams } from '../model/runParams.js';
import { termsOf, type Terms } from '../model/terms.js';
import type { Model } from '../model/types.js';
import { solveAxiomatic } from '../solvers/axiomatic/solve.js';
import type { SolutionId } from '../solvers/axiomatic/objectives.js';
import type { Aggregate } from './aggregate.js';
import { solveOverDraws } from './solveDraws.js';

/** The axiomatic solutions of one game: each one's package and every party's utility of it. */
export interface AxiomaticSolutions {
  /** The disagreement point: each party's no-deal flow, in party order. */
  disagreement: number[];
  /** Empty when no feasible package gives every required party at least its no-deal value. */
  solutions: { id: SolutionId; terms: Terms; utils: number[]; coalition?: number[] }[];
}

/** `parley solve`'s computation: the solutions at the mean parameters, and with `runs`, over that many draws. */
export interface SolveResult {
  atMean: AxiomaticSolutions;
  /** Each solution's aggregate over draws 0 … runs − 1 (draw i = the parameters of run i of `parley run`). */
  overDraws?: { runs: number; seed: number; aggregates: Record<SolutionId, Aggregate> };
}

/** Nash, Kalai–Smorodinsky, utilitarian and egalitarian solutions at the scenario's mean parameters. */
export function solveAtMean(model: Model): AxiomaticSolutions {
  const g = gameFor(model, meanRunParams(model));
  const sols = solveAxiomatic(g) ?? [];
  return {
    disagreement: Array.from(g.rp.reservation),
    solutions: sols.map((s) => ({ id: s.id, terms: termsOf(model.issues, s.values), utils: Array.from(s.utils), ...(s.coalition ? { coalition: s.coalition } : {}) })),
  };
}

/** The solutions at the mean parameters and, when `runs` is given, their aggregates over that many draws under `seed`. */
export function solveModel(model: Model, opts: { seed: number; runs?: number }): SolveResult {
  return {
    atMean: solveAtMean(model),
    ...(opts.runs ? { overDraws: { runs: opts.runs, seed: opts.seed, aggregates: solveOverDraws(model, opts.seed, opts.runs) } } : {}),
  };
}
