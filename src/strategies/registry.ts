import { bayesian } from './bayesian/player.js';
import { concession } from './concession/player.js';
import type { StrategyEntry } from './player.js';
import { rational } from './rational/player.js';
import { reciprocal } from './reciprocal/player.js';
import type { StrategyKind } from './specs.js';

/**
 * Every strategy the engine can play, by kind: one line each. Its declaration for the scenario format is
 * in specs.ts; the type below makes the compiler ask for an entry here for every kind declared there.
 */
const ENTRIES: { [K in StrategyKind]: StrategyEntry } = {
  rational,
  bayesian: bayesian as StrategyEntry,
  concession,
  reciprocal,
};

/** The registered strategies, in the order of the format's declarations (which is the order their players observe a round). */
export const STRATEGIES: readonly StrategyEntry[] = Object.values(ENTRIES);

/** The strategy of a kind. */
export const strategyOf = (kind: StrategyKind): StrategyEntry => ENTRIES[kind];
