import { compileModel } from './model/compile.js';
import type { Model } from './model/types.js';
import type { RunOutcome } from './core/outcome.js';
import { withPool, type WorkerPool } from './montecarlo/pool.js';
import { simulate } from './montecarlo/simulate.js';
import { assumptionDraw, simulateInner } from './montecarlo/outer.js';
import { emptyAggregate, mergeAggregates } from './montecarlo/aggregate.js';
import { mean, type Histogram } from './stats/histogram.js';
import { gridPoints, type SweepParam } from './montecarlo/grid.js';
import type { SweepReport } from './report/sweep.js';
import { VERSION } from './version.js';
import { buildRunReport, outerSpread, type RunReport } from './report/summary.js';
import { loadScenarioFile, loadScenarioText, type LoadedScenario } from './scenario/load.js';
import type { Result } from './scenario/problems.js';
import { locate } from './scenario/source.js';
import { expectedUtilityModel } from './forecast/expected-utility/index.js';
import { simulateExpectedUtility } from './montecarlo/expectedUtility.js';
import { buildEuReport, type EuReport } from './report/expectedUtility.js';
import { buildLedger, type LedgerReport } from './report/ledger.js';

/** A scenario loaded, validated and compiled: ready to run. */
export interface OpenScenario {
  loaded: LoadedScenario;
  model: Model;
}

function compile(loaded: Result<LoadedScenario>): Result<OpenScenario> {
  if (!loaded.ok) return loaded;
  const model = compileModel(loaded.value.scenario);
  if (!model.ok) return { ok: false, problems: model.problems.map((p) => locate(loaded.value.source, p)) };
  return { ok: true, value: { loaded: loaded.value, model: model.value } };
}

/** Loads, validates (schema, cross-field rules, expressions, feasible set) and compiles a scenario file. */
export function openScenario(file: string, sets: string[] = []): Result<OpenScenario> {
  return compile(loadScenarioFile(file, sets));
}

/** The same from text (file is only used to name it in messages). */
export function openScenarioText(file: string, text: string, sets: string[] = []): Result<OpenScenario> {
  return compile(loadScenarioText(file, text, sets));
}

/** The same scenario with more `--set` overrides (applied after its own). */
export function withOverrides(open: OpenScenario, sets: string[]): Result<OpenScenario> {
  const { file, text } = open.loaded.source;
  return openScenarioText(file, text, [...open.loaded.sets, ...sets]);
}

export interface RunOptions {
  /** Threads (runScenarioAsync only): this one and workers − 1 worker threads; 1 runs in this thread. The result is the same for any number. */
  workers?: number;
  /** A pool to run on (runScenarioAsync only; `workers` is then ignored): the caller closes it. Default: a pool for this call. */
  pool?: WorkerPool;
  /** Default: the scenario's `seed`. */
  seed?: number;
  /** Default: the scenario's `runs`. */
  runs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Every run's outcome in run order (runs in this thread: per-run export). */
  onRun?: (runIndex: number, outcome: RunOutcome) => void;
}

/**
 * Throws (a usage problem) when the scenario's mechanism yields no agreements:
 * the expected-utility model forecasts positions, and only `run` reports it.
 */
export function assertBargaining(open: OpenScenario, what: string): void {
  const kind = open.model.scenario.mechanism.kind;
  if (kind === 'expected-utility')
    throw new Error(
      `${what} works on bargaining scenarios (agreement rates, deal terms); ${open.loaded.source.file} uses mechanism ${kind}, which forecasts where positions move: use \`parley run\` (runExpectedUtility) on it`,
    );
}

/** Whether the scenario uses the expected-utility model (then `runExpectedUtility` reports it). */
export const isExpectedUtility = (open: OpenScenario): boolean => open.model.scenario.mechanism.kind === 'expected-utility';

/**
 * The expected-utility model over a scenario (`parley run` on `mechanism.kind:
 * expected-utility`): positions per round and the forecast, over `runs` draws
 * (one exact run when nothing is drawn).
 */
export function runExpectedUtility(open: OpenScenario, opts: { seed?: number; runs?: number } = {}): EuReport {
  const eu = expectedUtilityModel(open.model);
  if (!eu) throw new Error(`${open.loaded.source.file} does not use mechanism expected-utility`);
  const seed = opts.seed ?? open.model.scenario.seed;
  const runs = opts.runs ?? open.model.scenario.runs;
  return buildEuReport(open.loaded, eu, simulateExpectedUtility(eu, seed, runs), seed);
}

/** Monte Carlo over a scenario: the outcome report (`parley run`). */
export function runScenario(open: OpenScenario, opts: RunOptions = {}): RunReport {
  assertBargaining(open, 'runScenario');
  const seed = opts.seed ?? open.model.scenario.seed;
  const runs = opts.runs ?? open.model.scenario.runs;
  const agg = simulate(open.model, { seed, runs, onProgress: opts.onProgress, onRun: opts.onRun });
  return buildRunReport(open.loaded, open.model, agg, seed);
}

/** Runs `f` on the given pool, or on a pool of `workers` threads started and ended for it. */
export const onPool = <T>(opts: { pool?: WorkerPool; workers?: number }, f: (pool: WorkerPool) => Promise<T>): Promise<T> =>
  opts.pool ? f(opts.pool) : withPool(opts.workers ?? 1, f);

/** `runScenario` over worker threads: the same report, byte for byte, for any number of workers. */
export async function runScenarioAsync(open: OpenScenario, opts: RunOptions = {}): Promise<RunReport> {
  assertBargaining(open, 'runScenarioAsync');
  const seed = opts.seed ?? open.model.scenario.seed;
  const runs = opts.runs ?? open.model.scenario.runs;
  const agg = await onPool(opts, (pool) => pool.simulate(open, { seed, runs, onProgress: opts.onProgress }));
  return buildRunReport(open.loaded, open.model, agg, seed);
}

export { assertComparable, compareScenarios, compareScenariosAsync, type CompareOptions, type Variant } from './api/compare.js';
export { sensitivity, sensitivityAsync, type SensitivityOptions } from './api/sensitivity.js';

/**
 * `parley sweep`: one full run per point of the grid of `params` (their
 * product), each on the same seed, so points differ only by the parameters.
 * Every point is validated before anything runs; all points run on one pool
 * of `workers` threads (or on `pool`), so worker threads start once.
 */
export async function sweepScenario(
  open: OpenScenario,
  params: SweepParam[],
  opts: { seed?: number; runs?: number; workers?: number; pool?: WorkerPool; onProgress?: (done: number, total: number) => void } = {},
): Promise<Result<SweepReport>> {
  assertBargaining(open, '`parley sweep`');
  const { loaded, model } = open;
  const seed = opts.seed ?? model.scenario.seed;
  const opened = gridPoints(params).map((values) => ({ values, open: withOverrides(open, Object.entries(values).map(([k, v]) => `${k}=${v}`)) }));
  const problems = opened.flatMap((p) => (p.open.ok ? [] : p.open.problems));
  if (problems.length > 0) return { ok: false, problems };
  const points: SweepReport['points'] = [];
  const runsAt = opened.map((p) => opts.runs ?? (p.open.ok ? p.open.value.model.scenario.runs : 0));
  const total = runsAt.reduce((a, b) => a + b, 0);
  await onPool(opts, async (pool) => {
    let before = 0;
    for (const [i, p] of opened.entries()) {
      if (!p.open.ok) continue;
      const start = before;
      const onProgress = opts.onProgress && ((done: number) => opts.onProgress?.(start + done, total));
      points.push({ values: p.values, report: await runScenarioAsync(p.open.value, { runs: opts.runs, seed, pool, onProgress }) });
      before += runsAt[i];
    }
  });
  const value = { parley: VERSION, scenario: { name: model.scenario.name, file: loaded.source.file, sha256: loaded.sha256 }, seed, runs: points[0].report.runs, params: params.map((p) => p.path), points };
  return { ok: true, value };
}

/**
 * `run --outer K`: K draws of the analyst's uncertain parameters, each
 * followed by `runs` runs of play with those parameters fixed. The pooled
 * report covers all K·runs runs; `outer` gives the spread of the agreement
 * rate and of each numeric issue's mean term across the K draws — how much
 * of the answer is assumption rather than simulation noise.
 */
export function runOuter(open: OpenScenario, opts: { outer: number; seed?: number; runs?: number; onProgress?: (done: number, total: number) => void }): Result<RunReport> {
  assertBargaining(open, '`parley run --outer`');
  const { model, loaded } = open;
  const seed = opts.seed ?? model.scenario.seed;
  const inner = opts.runs ?? model.scenario.runs;
  const pooled = emptyAggregate(model);
  const rates: number[] = [];
  const terms = new Map<string, number[]>();
  for (let k = 0; k < opts.outer; k++) {
    const fixed = withOverrides(open, assumptionDraw(model, seed, k));
    if (!fixed.ok) return fixed;
    const agg = simulateInner(fixed.value.model, seed, k, inner);
    mergeAggregates(pooled, agg);
    rates.push(agg.agreements / agg.runs);
    model.issues.forEach((issue, i) => {
      if (issue.kind !== 'numeric' || agg.agreements === 0) return;
      terms.set(issue.id, [...(terms.get(issue.id) ?? []), mean(agg.terms[i] as Histogram)]);
    });
    opts.onProgress?.(k + 1, opts.outer);
  }
  const report = buildRunReport(loaded, model, pooled, seed);
  return { ok: true, value: { ...report, outer: outerSpread(opts.outer, inner, rates, terms) } };
}

/**
 * `parley ledger`: the scenario's sources (grade, publication and event dates,
 * claims used) and every parameter and modelling choice with its basis from the
 * `provenance` block: a source's claim, an assumption or a judgement, or flagged
 * when none is given. Works for every mechanism; nothing is run.
 */
export function ledger(open: OpenScenario): LedgerReport {
  return buildLedger(open);
}
