import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, reopen, type OpenScenario } from '../model/open.js';
import type { Model } from '../model/types.js';
import { onPool, type WorkerPool } from '../montecarlo/pool.js';
import { sensitivityTargets, type SensitivityTarget } from '../montecarlo/sensitivity.js';
import { simulate } from '../montecarlo/simulate.js';
import { buildSensitivityReport, outcomeOf, type Outcome, type SensitivityReport } from '../report/sensitivity.js';

/** Options of `sensitivity` and `sensitivityAsync`. */
export interface SensitivityOptions {
  /** Threads (sensitivityAsync only), as in RunOptions. */
  workers?: number;
  /** A pool to run on (sensitivityAsync only), as in RunOptions. */
  pool?: WorkerPool;
  /** Default: the scenario's `seed`. */
  seed?: number;
  /** Runs per setting; default: the scenario's `runs`. */
  runs?: number;
  /** Also vary fixed numbers by ±20%. */
  includeFixed?: boolean;
  /** Called after each parameter (or setting) with the number done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The settings a sensitivity analysis runs besides the baseline, each target
 * at its low then at its high value, as overrides of the scenario (opened
 * when called). The values are clamped into their domains, so one that does
 * not open is a bug: it throws a plain Error.
 */
export function sensitivitySettings(open: OpenScenario, includeFixed: boolean) {
  const targets = sensitivityTargets(open.model, { includeFixed });
  const at = (path: string, x: number) => (): OpenScenario => {
    const o = reopen(open, [`${path}=${x}`]);
    if (!o.ok) throw new Error(`${path}=${x}: ${o.problems.map((p) => p.message).join('; ')}`);
    return o.value;
  };
  return { targets, settings: targets.flatMap((t) => [at(t.path, t.low), at(t.path, t.high)]) };
}

/** The report from the baseline's outcome and each setting's (target by target, low then high). */
export function sensitivityReport(open: OpenScenario, targets: SensitivityTarget[], seed: number, runs: number, base: Outcome, settings: Outcome[]): SensitivityReport {
  const { model, loaded } = open;
  const results = targets.map((target, i) => ({ target, atLow: settings[2 * i], atHigh: settings[2 * i + 1] }));
  return buildSensitivityReport({ model, file: loaded.source.file, sha256: loaded.sha256, overrides: loaded.overrides }, seed, runs, base, results);
}

/**
 * `parley sensitivity`: each parameter in turn held at its low and its high
 * value (p10/p90 of its distribution; ±20% of a fixed number with
 * `includeFixed`), everything else as in the scenario, all on the same seed.
 * @throws InputError on an expected-utility scenario.
 * @example
 * const r = sensitivity(openScenario('scenarios/default.yaml'), { runs: 500 });
 * r.rows[0]; // the parameter with the largest swing: { path, low, high, atLow, atHigh, swing, ... }
 */
export function sensitivity(open: OpenScenario, opts: SensitivityOptions = {}): SensitivityReport {
  assertBargaining(open, '`parley sensitivity`');
  const seed = resolveSeed(open.model, opts.seed);
  const runs = resolveRuns(open.model, opts.runs);
  const outcome = (m: Model) => outcomeOf(m, simulate(m, { seed, runs }));
  const { targets, settings } = sensitivitySettings(open, opts.includeFixed ?? false);
  const outcomes = settings.map((setting, i) => {
    const o = outcome(setting().model);
    if (i % 2 === 1) opts.onProgress?.((i + 1) / 2, targets.length);
    return o;
  });
  return sensitivityReport(open, targets, seed, runs, outcome(open.model), outcomes);
}

/**
 * `sensitivity` over worker threads (`workers`, or `pool`): every setting is
 * opened first, then the baseline and all settings run as one job on the
 * pool; the same report, byte for byte, for any number of threads.
 * @throws InputError on an expected-utility scenario.
 */
export async function sensitivityAsync(open: OpenScenario, opts: SensitivityOptions = {}): Promise<SensitivityReport> {
  assertBargaining(open, '`parley sensitivity`');
  const seed = resolveSeed(open.model, opts.seed);
  const runs = resolveRuns(open.model, opts.runs);
  const { targets, settings } = sensitivitySettings(open, opts.includeFixed ?? false);
  const opens = [open, ...settings.map((s) => s())];
  const aggs = await onPool(opts, (pool) => pool.simulateEach(opens, { seed, runs, onProgress: opts.onProgress }));
  const outcomes = opens.map((o, i) => outcomeOf(o.model, aggs[i]));
  return sensitivityReport(open, targets, seed, runs, outcomes[0], outcomes.slice(1));
}
