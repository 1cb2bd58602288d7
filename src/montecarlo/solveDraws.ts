import { gameFor } from '../core/game.js';
import { solveAxiomatic } from '../solvers/axiomatic/solve.js';
import { SOLUTIONS, type SolutionId } from '../solvers/axiomatic/objectives.js';
import { drawRunParams } from '../model/runParams.js';
import type { Model } from '../model/types.js';
import { addRun, emptyAggregate, type Aggregate } from './aggregate.js';

/**
 * The axiomatic solutions over `runs` draws of the scenario's parameters
 * (draw r is the parameters run r of `parley run` plays on). Each solution's
 * aggregate counts, as its "agreements", the draws that have a bargaining
 * range (a package every required party prefers to no deal); terms and
 * utilities are over those draws, values over all (no range: the no-deal flows).
 * Streams into fixed-size aggregates, like `run`.
 */
export function solveOverDraws(model: Model, seed: number, runs: number): Record<SolutionId, Aggregate> {
  const out = Object.fromEntries(SOLUTIONS.map((s) => [s.id, emptyAggregate(model)])) as Record<SolutionId, Aggregate>;
  for (let r = 0; r < runs; r++) {
    const rp = drawRunParams(model, seed, r);
    const sols = solveAxiomatic(gameFor(model, rp));
    for (const s of SOLUTIONS) {
      const found = sols?.find((x) => x.id === s.id);
      addRun(out[s.id], {
        agreed: !!found,
        round: 1,
        terms: found?.values ?? null,
        dealUtils: found?.utils ?? null,
        values: found?.utils ?? Float64Array.from(rp.reservation),
        converged: true,
      });
    }
  }
  return out;
}
