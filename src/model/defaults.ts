import { count, howToRaise, limit } from '../scenario/limits.js';
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

/**
 * The number of runs: the one given, else the scenario's own `runs`. `times` Monte Carlos of
 * that many runs (`--outer K`, a sweep's points) count together against the limit (Limits.runs).
 * @throws InputError above the limit: refused before any run, since 10^9 runs is days of work.
 */
export function resolveRuns(model: Model, runs?: number, times = 1): number {
  const n = runs ?? model.scenario.runs;
  const max = limit('runs');
  if (n * times > max) {
    const what = times === 1 ? `${count(n)} runs` : `${count(times)} × ${count(n)} = ${count(n * times)} runs`;
    throw new InputError(`${what} is more than the limit of ${count(max)} (at a few thousand runs a second, hours of work for one command); ${howToRaise('runs', n * times)}`);
  }
  return n;
}
