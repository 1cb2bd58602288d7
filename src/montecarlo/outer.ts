import { drawParam, isDrawn, isPrivate, modelParams } from '../model/params.js';
import type { Model } from '../model/types.js';
import { addRun, emptyAggregate, type Aggregate } from './aggregate.js';
import { RunEngine } from '../engine/engine.js';

/** One draw of the analyst's uncertain parameters: `path=value` overrides that fix them. */
export function assumptionDraw(model: Model, seed: number, k: number): string[] {
  // Outer draw k takes the values run k would draw, each from its own stream.
  return modelParams(model).filter((p) => isDrawn(p) && !isPrivate(p)).map((p) => `${p.path}=${drawParam(p, seed, k)}`);
}

/**
 * The inner runs of one assumption draw: the model has every uncertain
 * parameter fixed, so only play varies (recognition, mixing). Run indices
 * k·inner … k·inner + inner − 1 keep the draws' play streams apart.
 */
export function simulateInner(fixed: Model, seed: number, k: number, inner: number): Aggregate {
  const agg = emptyAggregate(fixed);
  const engine = new RunEngine(fixed);
  for (let r = 0; r < inner; r++) addRun(agg, engine.play(seed, k * inner + r));
  return agg;
}
