import { alea } from './alea.js';

/** A seeded source of uniform numbers in [0, 1); the first argument of anything random. */
export type Rng = () => number;

/** What a stream is used for; each purpose of each run gets its own independent stream. */
export type Purpose = 'recognition' | 'play' | 'reply' | 'battlefield' | 'events' | 'breakdown' | `draw:${string}` | `belief:${string}`;

/**
 * The stream for one purpose of one run. A run's numbers depend only on
 * (seed, run index, purpose), never on which process runs it or in what order.
 * Each drawn parameter has its own stream (`draw:<path>`), so fixing one parameter never
 * shifts the draws of another (common random numbers across variants).
 * Alea (period ~2^116), keyed by a string: our own port, which gives exactly
 * seedrandom's `alea(key)` numbers (tests/rng.test.ts), only faster to create.
 */
export function streamFor(seed: number, runIndex: number, purpose: Purpose): Rng {
  return alea(`parley:${seed}:${runIndex}:${purpose}`);
}
