import type { Model } from '../model/types.js';
import { playAlternatingOffers, type RoundRecord, type RunOutcome } from './run.js';
import { playMediator } from '../mechanisms/mediator/index.js';

/** One run's outcome, whatever the mechanism, and whether its solver converged. */
export type MechanismOutcome = RunOutcome & { converged: boolean };

/**
 * Plays run `runIndex` of the model under its mechanism. Every Monte Carlo
 * path (run, compare, sweep, outer draws) goes through here, so a new
 * mechanism that yields agreements plugs in at this one switch. The
 * expected-utility model yields positions, not agreements: it has its own path.
 */
export function playMechanism(model: Model, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): MechanismOutcome {
  switch (model.scenario.mechanism.kind) {
    case 'alternating-offers':
      return playAlternatingOffers(model, seed, runIndex, trace);
    case 'mediator':
      return playMediator(model, seed, runIndex, trace);
    case 'expected-utility':
      // It forecasts positions, not agreements: `run` sends it to runExpectedUtility, the other commands refuse it.
      throw new Error('invariant: the expected-utility mechanism yields no agreements; use runExpectedUtility');
  }
}
