import type { Model } from './types.js';

/**
 * The seed a command runs with: the one given, else the scenario's own
 * `seed`. The one place the default is resolved (every output prints the
 * seed it used, so a number can be reproduced).
 */
export const resolveSeed = (model: Model, seed?: number): number => seed ?? model.scenario.seed;

/** The number of runs: the one given, else the scenario's own `runs`. */
export const resolveRuns = (model: Model, runs?: number): number => runs ?? model.scenario.runs;
