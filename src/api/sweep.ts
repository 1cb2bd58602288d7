import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, reopen, type OpenScenario } from '../model/open.js';
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
  assertBargaining(open, '`parley sweep`');
  const { loaded, model } = open;
  const seed = resolveSeed(model, opts.seed);
  // Before any point is built: the grid's size, and its runs in all.
  const tooLarge = gridProblem(params);
  if (tooLarge) throw new InputError(tooLarge);
  resolveRuns(model, opts.runs, gridSize(params));
  const opened = gridPoints(params).map((values) => ({ values, open: reopen(open, Object.entries(values).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)) }));
  const problems = opened.flatMap((p) => (p.open.ok ? [] : p.open.problems));
  if (problems.length > 0) throw new InputError('invalid sweep point', problems);
  const points: SweepReport['points'] = [];
  const runsAt = opened.map((p) => (p.open.ok ? resolveRuns(p.open.value.model, opts.runs) : 0));
  const total = runsAt.reduce((a, b) => a + b, 0);
  await onPool(opts, async (pool) => {
    let before = 0;
    for (const [i, p] of opened.entries()) {
      if (!p.open.ok) continue;
      const start = before;
      const onProgress = opts.onProgress && ((done: number) => opts.onProgress?.(start + done, total));
      const onRun = opts.onRun && ((r: number, o: RunOutcome) => opts.onRun?.(i, r, o));
      const report = onRun ? runScenario(p.open.value, { runs: opts.runs, seed, onProgress, onRun }) : await runScenarioAsync(p.open.value, { runs: opts.runs, seed, pool, onProgress });
      points.push({ values: p.values, report });
      before += runsAt[i];
    }
  });
  return { parley: VERSION, scenario: { name: model.scenario.name, file: loaded.source.file, sha256: loaded.sha256 }, seed, runs: points[0].report.runs, params: params.map((p) => p.path), points };
}
