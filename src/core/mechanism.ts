import type { Rng } from '../rng/stream.js';
import type { Game } from './game.js';
import type { Offer } from './offer.js';
import type { RecognitionStates } from './recognition.js';

/** What a mechanism's round did: who proposed (or tabled the text), what, each reply and what each party needed. */
export interface Played {
  proposer: number;
  offer: Offer | null;
  /** Per party: accepted (true), rejected (false), or not asked (null). */
  replies: (boolean | null)[];
  /** Per party: the utility it needed to accept. */
  thresholds: Float64Array;
  /** The recognition state's count (the state of round t is t mod states). */
  states: number;
  /** A bayesian proposer's belief that every required responder accepts its offer. */
  chance?: number;
  /** Whether a mediator tabled the text. */
  mediated?: boolean;
  /** The parties that rejected and took their outside option this round (absent when none did). */
  left?: number[];
}

/** What the parties say in a round, as a mechanism asks them (the engine's players, behind their strategies). */
export interface Parties {
  /** Who proposes in each recognition state. */
  recognition(): RecognitionStates;
  offer(j: number, s: number, t: number, rng: Rng): Offer | null;
  needed(i: number, s: number, t: number): number;
  /** Whether party i, having rejected an offer in state s of round t, takes its outside option and leaves for good (never, without one). */
  leaves?(i: number, s: number, t: number): boolean;
  /** Party j's belief that its offer is accepted, if its strategy reckons one. */
  chance(j: number): number | undefined;
  observe(proposer: number, offer: Offer | null, replies: (boolean | null)[], s: number): void;
}

/** The utility party i needs to accept a mediator's text in round t at no-deal flow `flow` (by its strategy). */
export type TextLevel = (g: Game, i: number, t: number, flow: number) => number;

/** What a mechanism's round sees: the game, the parties, the run's streams and the no-deal flows as they stand. */
export interface RoundView {
  g: Game;
  /** The parties' players (null under a mechanism that does not use them). */
  parties: Parties;
  rng: { recognition: Rng; play: Rng; reply: Rng };
  /** Each party's no-deal flow this round. */
  flows: Float64Array;
  /**
   * Whether players may act on a solve that lags the flows (a moving world re-solves only past a
   * tolerance): then nobody offers or signs below its current flow, which keeps every deal inside
   * Fearon's range. In a world that does not move the solve is exact and nothing is clamped.
   */
  guard: boolean;
}

/**
 * One mechanism in one run (in the spirit of OpenSpiel's State): it plays a round, hears that it failed,
 * and follows the game when it changes. The engine owns the loop, the world, the flows and the values.
 */
export interface MechanismRun {
  /** The game changed (an event), or the flows before the mechanism's own effects moved: `base` is each party's flow before them. */
  reframe(g: Game, base: Float64Array): void;
  /** Round t (0-based). */
  round(t: number, view: RoundView): Played;
  /** Round t ended without a deal. */
  rejected(t: number, played: Played, view: RoundView): void;
  /** The flows after the mechanism's own effects (a mediator's leverage), from the flows before them, into `out`. */
  lever?(g: Game, base: Float64Array, out: Float64Array): void;
}

/** A bargaining mechanism: its kind, what it needs, and how a run of it starts. Registered in src/mechanisms/registry.ts. */
export interface Mechanism {
  kind: string;
  /** Whether its rounds are played by the parties' strategies (the engine then prepares players, and their equilibrium, for each game). */
  usesPlayers: boolean;
  /** Whether it moves the no-deal flows itself (then a run's value sums its flows round by round). */
  movesFlows: boolean;
  /**
   * A run of it on game g, whose flows before its own effects are `base`; `foresees` says which parties
   * value a mediator's text against the texts to come (by their strategy).
   */
  start(g: Game, base: Float64Array, textLevel: TextLevel, foresees?: (g: Game, i: number) => boolean): MechanismRun;
}
