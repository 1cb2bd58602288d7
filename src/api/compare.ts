import { assertBargaining, onPool, type OpenScenario } from '../api.js';
import type { Model } from '../model/types.js';
import { simulateCompare } from '../montecarlo/compare.js';
import type { WorkerPool } from '../montecarlo/pool.js';
import { buildCompareReport, type CompareReport } from '../report/compare.js';

/** A scenario (or a scenario with overrides) under a label, for `compareScenarios`. */
export interface Variant {
  label: string;
  open: OpenScenario;
}

/**
 * Throws (a usage problem) if the variants' parties or numeric issues differ
 * from the first's, since their runs could not be paired, or if one is not a
 * bargaining scenario.
 */
export function assertComparable(variants: Variant[]): void {
  for (const v of variants) assertBargaining(v.open, '`parley compare`');
  const base = variants[0].open.model;
  const ids = (m: Model) => [m.parties.map((p) => p.id).join(','), m.issues.filter((i) => i.kind === 'numeric').map((i) => i.id).join(',')].join(' | ');
  const odd = variants.find((v) => ids(v.open.model) !== ids(base));
  if (odd) throw new Error(`cannot pair runs: "${odd.label}" has parties | numeric issues ${ids(odd.open.model)}, the baseline has ${ids(base)}`);
}

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
  onProgress?: (done: number, total: number) => void;
}

/**
 * `parley compare`: every variant played on the same run indices and seed
 * (common random numbers), with differences from the first variant and their
 * 95% intervals. Throws (a usage problem) if the variants cannot be compared
 * (`assertComparable`).
 */
export function compareScenarios(variants: Variant[], opts: CompareOptions = {}): CompareReport {
  assertComparable(variants);
  const base = variants[0].open.model;
  const seed = opts.seed ?? base.scenario.seed;
  const runs = opts.runs ?? base.scenario.runs;
  return buildCompareReport(variants, simulateCompare(variants.map((v) => v.open.model), seed, runs, opts.onProgress), seed, opts.threshold ?? 0.01);
}

/**
 * `compareScenarios` over worker threads (`workers`, or `pool`): the same
 * report, byte for byte, for any number of threads. Throws as it does on
 * variants that cannot be compared; a failing run rejects.
 */
export async function compareScenariosAsync(variants: Variant[], opts: CompareOptions = {}): Promise<CompareReport> {
  assertComparable(variants);
  const base = variants[0].open.model;
  const seed = opts.seed ?? base.scenario.seed;
  const runs = opts.runs ?? base.scenario.runs;
  const sim = await onPool(opts, (pool) => pool.compare(variants.map((v) => v.open), { seed, runs, onProgress: opts.onProgress }));
  return buildCompareReport(variants, sim, seed, opts.threshold ?? 0.01);
}
