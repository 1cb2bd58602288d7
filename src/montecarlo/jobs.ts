import type { Model } from '../model/types.js';
import { RunEngine } from '../engine/engine.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { compareRange, emptyCompare, mergeCompare, type CompareResult } from './compare.js';
import type { ChunkWork } from './parallel.js';
import { CHUNK, simulate, simulateRange } from './simulate.js';

/**
 * The kinds of Monte Carlo job a pool runs, cut into units that any thread
 * may compute and that are merged strictly in unit order:
 * - `simulate`: each scenario's runs on its own (run, sweep, sensitivity);
 *   unit u is chunk u mod C of scenario ⌊u / C⌋ (C chunks of CHUNK runs each),
 *   and its result that chunk's aggregate; or, with `whole`, scenario u with
 *   all its runs (its chunks merged in order, as `simulate` does: the same
 *   aggregate, since merging into an empty one adds to zeros). A job of many
 *   scenarios (a sensitivity analysis) is better cut that way: a thread
 *   compiles only the scenarios it runs.
 * - `compare`: every scenario on the same run indices (common random
 *   numbers); unit u is chunk u of all of them, and its result their
 *   aggregates and their paired differences from scenario 0 over that chunk.
 */
export interface JobResults {
  simulate: Aggregate;
  compare: CompareResult;
}
export type JobKind = keyof JobResults;

/** What all runs of a job add up to: each scenario's aggregate, or the comparison. */
export interface JobTotals {
  simulate: Aggregate[];
  compare: CompareResult;
}

/** A job as every thread sees it: its kind, how many scenarios, the seed and the runs per scenario. */
export interface JobSpec<K extends JobKind = JobKind> {
  kind: K;
  scenarios: number;
  seed: number;
  runs: number;
  /** `simulate` only: a unit is a whole scenario, not a chunk. */
  whole?: boolean;
}

const chunksOf = (runs: number) => Math.ceil(runs / CHUNK);

export function unitCount(spec: JobSpec): number {
  if (spec.kind === 'compare') return chunksOf(spec.runs);
  return spec.whole ? spec.scenarios : spec.scenarios * chunksOf(spec.runs);
}

/** The scenario a `simulate` unit runs (every scenario for `compare`: -1) and its runs [from, to). */
export function unitAt(spec: JobSpec, unit: number): { scenario: number; from: number; to: number } {
  if (spec.kind === 'simulate' && spec.whole) return { scenario: unit, from: 0, to: spec.runs };
  const chunks = chunksOf(spec.runs);
  const chunk = spec.kind === 'simulate' ? unit % chunks : unit;
  const from = chunk * CHUNK;
  return { scenario: spec.kind === 'simulate' ? Math.floor(unit / chunks) : -1, from, to: Math.min(spec.runs, from + CHUNK) };
}

/**
 * Each scenario's engine for the units of one job that a thread computes, made on first use: the
 * strategies' caches (bayesian belief samples, a static model's solved game, plans' stretches) are then
 * built once per thread and job, not once per unit. They are the same whichever runs made them (a run
 * depends only on scenario, seed and run index), so which units a thread gets changes no result.
 */
export function enginesFor(modelAt: (i: number) => Model): (i: number) => RunEngine {
  const engines: RunEngine[] = [];
  return (i) => (engines[i] ??= new RunEngine(modelAt(i)));
}

/** Computes one unit; `modelAt(i)` gives scenario i compiled (a worker compiles them as they are needed), `engineAt(i)` its engine for this job. */
export function computeUnit<K extends JobKind>(spec: JobSpec<K>, modelAt: (i: number) => Model, unit: number, engineAt = enginesFor(modelAt)): JobResults[K] {
  const { scenario, from, to } = unitAt(spec, unit);
  if (spec.kind === 'simulate' && spec.whole) return simulate(modelAt(scenario), { seed: spec.seed, runs: spec.runs }, engineAt(scenario)) as JobResults[K];
  if (spec.kind === 'simulate') return simulateRange(modelAt(scenario), spec.seed, from, to, undefined, engineAt(scenario)) as JobResults[K];
  const models = Array.from({ length: spec.scenarios }, (_, i) => modelAt(i));
  return compareRange(models, spec.seed, from, to, undefined, models.map((_, i) => engineAt(i))) as JobResults[K];
}

/**
 * A job on this thread's compiled models: computes units here, merges every
 * unit's result (from here or from a worker) into `total`, and reports the
 * runs merged so far (of all scenarios) to `onProgress` after each unit.
 */
export function jobWork<K extends JobKind>(
  spec: JobSpec<K>,
  models: Model[],
  onProgress?: (done: number, total: number) => void,
): ChunkWork<JobResults[K]> & { total: JobTotals[K] } {
  const simulate = spec.kind === 'simulate';
  const total = (simulate ? models.map(emptyAggregate) : emptyCompare(models)) as JobTotals[K];
  const runs = spec.runs * (simulate ? spec.scenarios : 1);
  let done = 0;
  const modelAt = (i: number) => models[i];
  const engineAt = enginesFor(modelAt);
  return {
    units: unitCount(spec),
    total,
    compute: (unit) => computeUnit(spec, modelAt, unit, engineAt),
    merge: (unit, r) => {
      const at = unitAt(spec, unit);
      if (simulate) mergeAggregates((total as Aggregate[])[at.scenario], r as Aggregate);
      else mergeCompare(total as CompareResult, r as CompareResult);
      done += at.to - at.from;
      onProgress?.(done, runs);
    },
  };
}

/** Runs a job on this thread alone: every unit in order. */
export function runLocally<K extends JobKind>(work: ChunkWork<JobResults[K]> & { total: JobTotals[K] }): JobTotals[K] {
  for (let u = 0; u < work.units; u++) work.merge(u, work.compute(u));
  return work.total;
}
