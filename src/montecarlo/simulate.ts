import type { RunOutcome } from '../core/outcome.js';
import { RunEngine } from '../engine/engine.js';
import type { Model } from '../model/types.js';
import { addRun, emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';

/** Runs are aggregated in fixed chunks of indices, merged in chunk order (worker-count independent). */
export const CHUNK = 250;

export interface SimulateOptions {
  seed: number;
  runs: number;
  /** Called after each chunk with the number of runs done (for progress bars). */
  onProgress?: (done: number, total: number) => void;
  /** Called with every run's outcome, in run order (for per-run export). */
  onRun?: (runIndex: number, outcome: RunOutcome) => void;
}

/** Aggregates runs [from, to) of the model under a seed (on `engine`, which a loop over chunks holds for its caches). */
export function simulateRange(model: Model, seed: number, from: number, to: number, onRun?: SimulateOptions['onRun'], engine = new RunEngine(model)): Aggregate {
  const agg = emptyAggregate(model);
  for (let r = from; r < to; r++) {
    const out = engine.play(seed, r);
    addRun(agg, out);
    onRun?.(r, out);
  }
  return agg;
}

/** Monte Carlo over `runs` runs: each run's result depends only on (model, seed, run index). */
export function simulate(model: Model, opts: SimulateOptions, engine = new RunEngine(model)): Aggregate {
  const total = emptyAggregate(model);
  for (let from = 0; from < opts.runs; from += CHUNK) {
    const to = Math.min(opts.runs, from + CHUNK);
    mergeAggregates(total, simulateRange(model, opts.seed, from, to, opts.onRun, engine));
    opts.onProgress?.(to, opts.runs);
  }
  return total;
}
