import { resolveSeed } from '../model/defaults.js';
import { assertBargaining, type OpenScenario } from '../model/open.js';
import { solveModel } from '../montecarlo/solve.js';
import { buildSolveReport, type SolveReport } from '../report/solve.js';

/**
 * `parley solve`: the axiomatic solutions — Nash, Kalai–Smorodinsky,
 * utilitarian, egalitarian — at the scenario's mean parameters, with the
 * no-deal flows as disagreement point; with `runs`, also their distribution
 * over that many draws of the parameters (draw i = the parameters of run i).
 * @throws InputError on an expected-utility scenario.
 * @example
 * const r = solveReport(openScenario('scenarios/default.yaml'), { runs: 500 });
 * r.solutions.nash?.terms; // { territory: 0.41, security: 'monitoring', ... }
 */
export function solveReport(open: OpenScenario, opts: { runs?: number; seed?: number } = {}): SolveReport {
  assertBargaining(open, 'solveReport');
  return buildSolveReport(open, solveModel(open.model, { runs: opts.runs, seed: resolveSeed(open.model, opts.seed) }));
}
