import { gameForRun } from '../../core/game.js';
import { playStreams } from '../../engine/run.js';
import { playWorldRun } from '../../engine/worldPlay.js';
import type { RoundRecord, RunOutcome } from '../../engine/play.js';
import type { Model } from '../../model/types.js';
import { playMediation } from './play.js';

export { playMediation };

/**
 * Run `runIndex` under the mediator mechanism: draw the run's parameters,
 * play the window. Depends only on (model, seed, runIndex). With a moving
 * no-deal state or events (which may switch the mechanism) it plays in its world.
 */
export function playMediator(model: Model, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): RunOutcome & { converged: boolean } {
  if (model.world) return playWorldRun(model, seed, runIndex, playStreams(seed, runIndex), { round: trace });
  return { ...playMediation(gameForRun(model, seed, runIndex), model.scenario.rounds, trace), converged: true };
}
