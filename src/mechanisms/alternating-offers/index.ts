import { streamFor } from '../../rng/stream.js';
import type { Model } from '../../model/types.js';
import { solveEquilibrium, type Equilibrium } from './equilibrium.js';
import { gameForRun, type Game } from './game.js';
import { playRun, type RoundRecord, type RunOutcome } from './play.js';

export type { Equilibrium, Game, RoundRecord, RunOutcome };

/** The equilibrium, when any party plays rationally (others' strategies do not need it). */
export function equilibriumFor(g: Game): Equilibrium | null {
  return g.model.parties.some((p) => p.strategy.kind === 'rational') ? solveEquilibrium(g) : null;
}

/** Without drawn parameters every run plays the same game: solve it once per model. */
const solvedOnce = new WeakMap<Model, { g: Game; eq: Equilibrium | null }>();

/** The game of run `runIndex` and its equilibrium (null when nobody plays rationally). */
export function prepareRun(model: Model, seed: number, runIndex: number): { g: Game; eq: Equilibrium | null } {
  const cached = model.anyDrawn ? undefined : solvedOnce.get(model);
  if (cached) return cached;
  const g = gameForRun(model, seed, runIndex);
  const solved = { g, eq: equilibriumFor(g) };
  if (!model.anyDrawn) solvedOnce.set(model, solved);
  return solved;
}

/**
 * Run `runIndex` of the alternating-offers game: draw the run's parameters,
 * solve the equilibrium on them, play the window. Depends only on (model, seed, runIndex).
 */
export function playAlternatingOffers(model: Model, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): RunOutcome & { converged: boolean } {
  const { g, eq } = prepareRun(model, seed, runIndex);
  const streams = { recognition: streamFor(seed, runIndex, 'recognition'), play: streamFor(seed, runIndex, 'play') };
  const out = playRun(g, eq, streams, model.scenario.rounds, trace);
  return { ...out, converged: eq?.converged ?? true };
}
