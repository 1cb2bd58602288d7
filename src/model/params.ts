import { meanOf, sample, type Distribution } from '../rng/distributions.js';
import { streamFor, type Rng } from '../rng/stream.js';
import { inDomain, readNumberSpec, type Domain, type NumberSpec } from '../scenario/numbers.js';
import type { Model, PartyDef } from './types.js';

/** A model parameter: a fixed number, or a distribution drawn once per run (truncated to its domain). */
export interface Param {
  /** Dotted document path, e.g. `parties.russia.discount`; also the name of its random stream. */
  path: string;
  fixed?: number;
  dist?: Distribution;
  domain: Domain;
}

/** Whether the parameter's draw is its owner's private knowledge (its type under `strategy: bayesian`). */
export const isPrivate = (p: Param): boolean => p.dist?.private === true;

/** Wraps a scenario number field as a parameter. */
export function param(path: string, spec: NumberSpec, domain: Domain = {}): Param {
  const read = readNumberSpec(spec, domain);
  return typeof read === 'number' ? { path, fixed: read, domain } : { path, dist: read, domain };
}

/** Whether the parameter varies across runs. */
export const isDrawn = (p: Param): boolean => p.dist !== undefined;

const MAX_TRIES = 10_000;

/**
 * The parameter's value in one run: its own stream per (seed, run, path), so
 * draws are independent of every other parameter. Normal draws outside the
 * domain are redrawn (truncation); the other families cannot leave it.
 */
export function drawParam(p: Param, seed: number, runIndex: number): number {
  if (p.dist === undefined) return p.fixed as number;
  return sampleParam(p, streamFor(seed, runIndex, `draw:${p.path}`));
}

/**
 * The parameter's value in run (seed, runIndex), as `drawParam`, remembered in `run.draws` (by path) when
 * given: the game, the moving world and the bayesian beliefs of one run then hash each stream once.
 */
export function drawOnce(p: Param, run: { seed: number; runIndex: number; draws?: Map<string, number> }): number {
  if (p.dist === undefined) return p.fixed as number;
  if (!run.draws) return drawParam(p, run.seed, run.runIndex);
  let v = run.draws.get(p.path);
  if (v === undefined) run.draws.set(p.path, (v = drawParam(p, run.seed, run.runIndex)));
  return v;
}

/** One draw of the parameter from the given stream (redrawn until inside its domain). */
export function sampleParam(p: Param, rng: Rng): number {
  if (p.dist === undefined) return p.fixed as number;
  for (let i = 0; i < MAX_TRIES; i++) {
    const x = sample(rng, p.dist);
    if (inDomain(x, p.domain)) return x;
  }
  throw new Error(`${p.path}: could not draw a value inside its domain in ${MAX_TRIES} tries`);
}

/** The parameter at its mean (fixed value, or the distribution's mean). */
export function meanParam(p: Param): number {
  return p.dist === undefined ? (p.fixed as number) : meanOf(p.dist);
}

/** Every number parameter of the model, in document order (the mechanism's, then the no-deal state's, last). */
export function modelParams(model: Model): Param[] {
  const m = model.mediation;
  const w = model.world?.nodeal;
  return [...model.parties.flatMap(partyParams), ...(m ? [m.bias, m.step, ...m.leverage] : []), ...(w ? [...w.state, ...w.cost] : [])];
}

/** One party's number parameters, in document order. */
export function partyParams(p: PartyDef): Param[] {
  return [
    ...p.weights,
    ...p.utilities.flatMap((u) => (u.kind === 'linear' ? [u.ideal] : u.kind === 'values' ? u.values : [])),
    p.reservation,
    ...(p.outside ? [p.outside] : []),
    p.discount,
    p.power,
  ];
}
