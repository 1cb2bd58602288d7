import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, type OpenScenario } from '../model/open.js';
import type { Model } from '../model/types.js';
import { simulateCompare, type OnVariantRun } from '../montecarlo/compare.js';
import { onPool, type WorkerPool } from '../montecarlo/pool.js';
import { buildCompareReport, type CompareReport } from '../report/compare.js';
import { InputError } from '../scenario/problems.js';

/** A scenario (or a scenario with overrides) under a label, for `compareScenarios`. */
export interface Variant {
  label: string;
  open: OpenScenario;
}

/**
 * Checks that variants can be compared: each a bargaining scenario, with the
 * first's parties and numeric issues (else their runs could not be paired).
 * @throws InputError naming the variant that differs.
 */
export function assertComparable(variants: Variant[]): void {
  for (const v of variants) assertBargaining(v.open, '`parley compare`');
  const base = variants[0].open.model;
  const ids = (m: Model) => [m.parties.map((p) => p.id).join(','), m.issues.filter((i) => i.kind === 'numeric').map((i) => i.id).join(',')].join(' | ');
  const odd = variants.find((v) => ids(v.open.model) !== ids(base));
  if (odd) throw new InputError(`cannot pair runs: "${odd.label}" has parties | numeric issues ${ids(odd.open.model)}, the baseline has ${ids(base)}`);
}

/** Options of `compareScenarios` and `compareScenariosAsync`. */
export interface CompareOptions {
  /** Threads (compareScenariosAsync only), as in RunOptions. */
  workers?: number;
  /** A pool to run on (compareScenariosAsync only), as in RunOptions. */
  pool?: WorkerPool;
  /** Default: the first variant's `seed`. */
  seed?: number;
  /** Default: the first variant's `runs`. */
  runs?: number;
  /** Smallest difference worth marking (default 0.01). */
  threshold?: number;
  /** Called after each chunk of runs with the runs done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Every run's outcome in each variant, in run order (compareScenarios only: per-run export). */
  onRun?: OnVariantRun;
}

/**
 * `parley compare`: every variant played on the same run indices and seed
 * (common random numbers), with differences from the first variant and their
 * 95% intervals.
 * @throws InputError if the variants cannot be compared (`assertComparable`).
 * @example
 * const base = openScenario('scenarios/default.yaml');
 * const r = compareScenarios([
 *   { label: 'baseline', open: base },
 *   { label: 'patient Russia', open: withOverrides(base, { 'parties.russia.discount': 0.99 }) },
 * ], { runs: 2000 });
 * r.deltas[0].agreementRate; // { delta, ci95, marked }
 */
export function compareScenarios(variants: Variant[], opts: CompareOptions = {}): CompareReport {
  assertComparable(variants);
  const base = variants[0].open.model;
  const seed = resolveSeed(base, opts.seed);
  const runs = resolveRuns(base, opts.runs);
  return buildCompareReport(variants, simulateCompare(variants.map((v) => v.open.model), seed, runs, opts.onProgress, opts.onRun), seed, opts.threshold ?? 0.01);
}

/**
 * `compareScenarios` over worker threads (`workers`, or `pool`): the same
 * report, byte for byte, for any number of threads. A failing run rejects.
 * @throws InputError as `compareScenarios` does.
 */
export async function compareScenariosAsync(variants: Variant[], opts: CompareOptions = {}): Promise<CompareReport> {
  assertComparable(variants);
  const base = variants[0].open.model;
  const seed = resolveSeed(base, opts.seed);
  const runs = resolveRuns(base, opts.runs);
  const sim = await onPool(opts, (pool) => pool.compare(variants.map((v) => v.open), { seed, runs, onProgress: opts.onProgress }));
  return buildCompareReport(variants, sim, seed, opts.threshold ?? 0.01);
}
