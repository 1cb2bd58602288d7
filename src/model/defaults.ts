import type { Model } from './types.js';
import { InputError, show } from '../scenario/problems.js';

/**
 * The seed a command runs with: the one given, else the scenario's own
 * `seed`. The one place the default is resolved (every output prints the
 * seed it used, so a number can be reproduced). A seed is a whole number
 * from 0 to 2^53 − 1: past that a number is not exact, so two seeds would be one.
 * @throws InputError for any other seed.
 */
export function resolveSeed(model: Model, seed?: number): number {
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0))
    throw new InputError(`seed: expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (2^53 − 1), got ${show(seed)}`);
  return seed ?? model.scenario.seed;
}

/** The number of runs: the one given, else the scenario's own `runs`. */
export const resolveRuns = (model: Model, runs?: number): number => runs ?? model.scenario.runs;
