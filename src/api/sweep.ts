import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, reopen, valueOrThrow, type OpenScenario } from '../model/open.js';
import { gridPoints, gridProblem, gridSize, type SweepParam } from '../montecarlo/grid.js';
import { onPool, type WorkerPool } from '../montecarlo/pool.js';
import type { SweepReport } from '../report/sweep.js';
import { InputError } from '../scenario/problems.js';
import { VERSION } from '../version.js';
import type { RunOutcome } from '../core/outcome.js';
import { runScenario, runScenarioAsync } from './run.js';

/**
 * `parley sweep`: one full run per point of the grid of `params` (their
 * product), each on the same seed, so points differ only by the parameters.
 * Every point is validated before anything runs; all points run on one pool
 * of `workers` threads (or on `pool`), so worker threads start once.
 * @throws InputError on an expected-utility scenario, a grid or a number of runs above the limits (Limits), or with every invalid point's problems.
 * @example
 * const r = await sweepScenario(s, [{ path: 'parties.us.power', values: [0.1, 0.2, 0.3] }], { runs: 500, workers: 2 });
 * r.points.map((p) => p.report.agreement.rate);
 */
export async function sweepScenario(
  open: OpenScenario,
  params: SweepParam[],
  opts: {
    seed?: number;
    runs?: number;
    workers?: number;
    pool?: WorkerPool;
    onProgress?: (done: number, total: number) => void;
    /** Every run's outcome at each point, in point and run order; the points then run in this thread (per-run export). */
    onRun?: (point: number, runIndex: number, outcome: RunOutcome) => void;
  } = {},
): Promise<SweepReport> {
  const { seed, opened, runsAt } = sweepPoints(open, params, opts);
  const points: SweepReport['points'] = [];
  const total = runsAt.reduce((a, b) => a + b, 0);
  await onPool(opts, async (pool) => {
    let before = 0;
    for (const [i, p] of opened.entries()) {
      const start = before;
      const onProgress = opts.onProgress && ((done: number) => opts.onProgress?.(start + done, total));
      const onRun = opts.onRun && ((r: number, o: RunOutcome) => opts.onRun?.(i, r, o));
      const report = onRun ? runScenario(p.open, { runs: opts.runs, seed, onProgress, onRun }) : await runScenarioAsync(p.open, { runs: opts.runs, seed, pool, onProgress });
      points.push({ values: p.values, report });
      before += runsAt[i];
    }
  });
  return sweepReport(open, params, seed, points);
}

/** The sweep's report from its points' reports. */
export function sweepReport(open: OpenScenario, params: SweepParam[], seed: number, points: SweepReport['points']): SweepReport {
  const { model, loaded } = open;
  return { parley: VERSION, scenario: { name: model.scenario.name, file: loaded.source.file, sha256: loaded.sha256 }, seed, runs: points[0].report.runs, params: params.map((p) => p.path), points };
}

/**
 * A sweep's points, each opened with its values and its runs resolved, and the seed: every point is
 * validated, and the grid and its runs checked against the limits, before anything runs.
 * @throws InputError as `sweepScenario` does.
 */
export function sweepPoints(open: OpenScenario, params: SweepParam[], opts: { seed?: number; runs?: number }) {
  assertBargaining(open, '`parley sweep`');
  const seed = resolveSeed(open.model, opts.seed);
  // Before any point is built: the grid's size, and its runs in all.
  const tooLarge = gridProblem(params);
  if (tooLarge) throw new InputError(tooLarge);
  resolveRuns(open.model, opts.runs, gridSize(params));
  const tried = gridPoints(params).map((values) => ({ values, open: reopen(open, Object.entries(values).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)) }));
  const problems = tried.flatMap((p) => (p.open.ok ? [] : p.open.problems));
  if (problems.length > 0) throw new InputError('invalid sweep point', problems);
  const opened = tried.map((p) => ({ values: p.values, open: valueOrThrow(p.open, 'invalid sweep point') }));
  return { seed, opened, runsAt: opened.map((p) => resolveRuns(p.open.model, opts.runs)) };
}
