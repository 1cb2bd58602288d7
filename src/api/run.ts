import type { RunOutcome } from '../core/outcome.js';
import { expectedUtilityModel } from '../forecast/expected-utility/index.js';
import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, type OpenScenario } from '../model/open.js';
import { simulateExpectedUtility } from '../montecarlo/expectedUtility.js';
import { onPool, type WorkerPool } from '../montecarlo/pool.js';
import { simulate } from '../montecarlo/simulate.js';
import { buildEuReport, type EuReport } from '../report/expectedUtility.js';
import { buildRunReport, type RunReport } from '../report/summary.js';
import { InputError } from '../scenario/problems.js';

/** Options of `runScenario` and `runScenarioAsync`. */
export interface RunOptions {
  /** Threads (runScenarioAsync only): this one and workers − 1 worker threads; 1 runs in this thread. The result is the same for any number. */
  workers?: number;
  /** A pool to run on (runScenarioAsync only; `workers` is then ignored): the caller closes it. Default: a pool for this call. */
  pool?: WorkerPool;
  /** Default: the scenario's `seed`. */
  seed?: number;
  /** Default: the scenario's `runs`. */
  runs?: number;
  /** Called after each chunk of runs with the runs done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Every run's outcome in run order (runScenario only: per-run export). */
  onRun?: (runIndex: number, outcome: RunOutcome) => void;
}

/**
 * Monte Carlo over a bargaining scenario (`parley run`): the outcome report —
 * agreement rate with its interval, rounds, terms, each party's value.
 * @throws InputError on an expected-utility scenario (use `runExpectedUtility`).
 * @example
 * const report = runScenario(openScenario('scenarios/default.yaml'), { runs: 1000, seed: 1 });
 * report.agreement; // { rate, ci95, count }
 */
export function runScenario(open: OpenScenario, opts: RunOptions = {}): RunReport {
  assertBargaining(open, 'runScenario');
  const seed = resolveSeed(open.model, opts.seed);
  const runs = resolveRuns(open.model, opts.runs);
  const agg = simulate(open.model, { seed, runs, onProgress: opts.onProgress, onRun: opts.onRun });
  return buildRunReport(open.loaded, open.model, agg, seed);
}

/**
 * `runScenario` over worker threads (`workers`, or `pool`): the same report,
 * byte for byte, for any number of threads.
 * @throws InputError on an expected-utility scenario.
 * @example
 * const report = await runScenarioAsync(s, { runs: 100_000, workers: 4 });
 */
export async function runScenarioAsync(open: OpenScenario, opts: RunOptions = {}): Promise<RunReport> {
  assertBargaining(open, 'runScenarioAsync');
  const seed = resolveSeed(open.model, opts.seed);
  const runs = resolveRuns(open.model, opts.runs);
  const agg = await onPool(opts, (pool) => pool.simulate(open, { seed, runs, onProgress: opts.onProgress }));
  return buildRunReport(open.loaded, open.model, agg, seed);
}

/**
 * The expected-utility model over a scenario (`parley run` on `mechanism.kind:
 * expected-utility`): positions per round and the forecast, over `runs` draws
 * (one exact run when nothing is drawn).
 * @throws InputError when the scenario uses another mechanism.
 * @example
 * const f = runExpectedUtility(openScenario('scenarios/forecasts/territory-positions.yaml'));
 * f.forecast.mean;
 */
export function runExpectedUtility(open: OpenScenario, opts: { seed?: number; runs?: number } = {}): EuReport {
  const eu = expectedUtilityModel(open.model);
  if (!eu) throw new InputError(`${open.loaded.source.file} does not use mechanism expected-utility`);
  const seed = resolveSeed(open.model, opts.seed);
  const runs = resolveRuns(open.model, opts.runs);
  return buildEuReport(open.loaded, eu, simulateExpectedUtility(eu, seed, runs), seed);
}
