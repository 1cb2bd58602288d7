import { gameForRun } from '../alternating-offers/game.js';
import type { RoundRecord, RunOutcome } from '../alternating-offers/play.js';
import type { Model } from '../../model/types.js';
import { playMediation } from './play.js';

export { playMediation };

/**
 * Run `runIndex` under the mediator mechanism: draw the run's parameters,
 * play the window. Depends only on (model, seed, runIndex).
 */
export function playMediator(model: Model, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): RunOutcome & { converged: boolean } {
  return { ...playMediation(gameForRun(model, seed, runIndex), model.scenario.rounds, trace), converged: true };
}
