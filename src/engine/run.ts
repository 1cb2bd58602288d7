import { streamFor } from '../rng/stream.js';
import type { Model } from '../model/types.js';
import { solveEquilibrium, type Equilibrium } from '../solvers/equilibrium.js';
import { gameForRun, type Game } from '../core/game.js';
import { playRun, type PlayStreams, type RoundRecord, type RunOutcome, type Solved } from './play.js';
import { bayesianWorld, type BayesianWorld } from '../strategies/bayesian/world.js';
import { rangeEmpty } from '../solvers/range.js';
import { playWorldRun } from './worldPlay.js';

export type { Equilibrium, Game, RoundRecord, RunOutcome };

/** The equilibrium, when any party plays rationally (others' strategies do not need it). */
export function equilibriumFor(g: Game): Equilibrium | null {
  return g.model.parties.some((p) => p.strategy.kind === 'rational') ? solveEquilibrium(g) : null;
}

/** The beliefs of bayesian players, when any party plays bayesian. */
function worldFor(g: Game, seed: number, runIndex: number): BayesianWorld | null {
  return g.model.parties.some((p) => p.strategy.kind === 'bayesian') ? bayesianWorld(g.model, seed, runIndex, g.rp) : null;
}

/** A run's game and what its players solved before play. */
export type PreparedRun = Solved & { g: Game };

/** Without drawn parameters every run plays the same game: solve it once per model. */
const solvedOnce = new WeakMap<Model, PreparedRun>();

/** The game of run `runIndex`, its equilibrium (null when nobody plays rationally) and its beliefs (null when nobody plays bayesian). */
export function prepareRun(model: Model, seed: number, runIndex: number): PreparedRun {
  const cached = model.anyDrawn ? undefined : solvedOnce.get(model);
  if (cached) return cached;
  const g = gameForRun(model, seed, runIndex);
  const solved = { g, eq: equilibriumFor(g), world: worldFor(g, seed, runIndex) };
  if (!model.anyDrawn) solvedOnce.set(model, solved);
  return solved;
}

/** The streams of run `runIndex`'s play. */
export function playStreams(seed: number, runIndex: number): PlayStreams {
  return { recognition: streamFor(seed, runIndex, 'recognition'), play: streamFor(seed, runIndex, 'play'), reply: streamFor(seed, runIndex, 'reply') };
}

/**
 * Run `runIndex` of the alternating-offers game: draw the run's parameters,
 * solve the equilibrium on them, play the window. Depends only on (model, seed, runIndex).
 * A scenario with a moving no-deal state or events plays in its world (worldPlay.ts).
 */
export function playAlternatingOffers(model: Model, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): RunOutcome & { converged: boolean } {
  if (model.world) return playWorldRun(model, seed, runIndex, playStreams(seed, runIndex), { round: trace });
  return playPrepared(prepareRun(model, seed, runIndex), seed, runIndex, trace);
}

/** Plays a prepared run's window (`run` and `explain` alike): a run without a deal and without a bargaining range ends as such. */
export function playPrepared(prepared: PreparedRun, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): RunOutcome & { converged: boolean } {
  const out = playRun(prepared.g, prepared, playStreams(seed, runIndex), prepared.g.model.scenario.rounds, trace);
  const eqs = [prepared.eq, prepared.world?.ref.eq];
  const empty = !out.agreed && rangeEmpty(prepared.g, prepared.g.rp.reservation);
  return { ...out, ...(empty ? { end: 'noFeasiblePackage' as const } : {}), converged: eqs.every((e) => e?.converged ?? true) };
}
