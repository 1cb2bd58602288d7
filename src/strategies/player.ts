import type { Game } from '../core/game.js';
import type { Player } from '../core/player.js';
import type { RecognitionStates } from '../core/recognition.js';
import type { Equilibrium } from '../solvers/equilibrium.js';
import type { RunParams } from '../model/runParams.js';
import type { StrategyDef, StrategyKind } from './specs.js';

/** Which run a game belongs to: strategies that draw (bayesian belief samples) key their streams by it. */
export interface RunKey {
  seed: number;
  runIndex: number;
  /** The run's parameter draws made so far, shared by whoever reads them (model/params.ts `drawOnce`). */
  draws?: Map<string, number>;
}

/** What the players of a run's game are made from: the game, its equilibrium (when some strategy reads it), and what this strategy prepared. */
export interface PlayerContext<P = unknown> {
  g: Game;
  eq: Equilibrium | null;
  prepared: P;
  /** Under a plan (levers seen coming), the reference plan as it stands this round; a new object each round (engine/runPlay.ts). */
  plan?: PlanView | null;
}

/** One branch of a plan (engine/levers.ts PlanNode), as strategies read it. */
export interface PlanBranch {
  eq: Equilibrium | null;
  g: Game;
  /** Rounds after the plan's start. */
  depth: number;
  /** Each party's flow as the plan expects it. */
  flows: Float64Array;
  /** Whether a party whose consent is needed has left (each party's flow from then on). */
  away: boolean;
  /** Inside the window, the next round's branches; in the tail, the other fired sets (`stay`: the chance it stays). */
  next: { p: number; node: PlanBranch }[];
  /** Past the window: the stationary branch it goes on as. */
  tail?: PlanBranch;
  stay?: number;
}

/** A type of a party as a plan values it: its utilities (null: public, the branch's own), its reservation, and its drift offset (null: none). */
export interface PlanType {
  params: RunParams | null;
  reservation: number;
  offset: Float64Array | null;
}

/**
 * The plan of the world the bayesian players believe in (private draws at their means, private priors at
 * theirs), at round `t`: where the run is (`at`), and how a type of a party other than the reference one
 * would fare in it.
 */
export interface PlanView {
  t: number;
  at: PlanBranch;
  /** Party i's flow in branch b if it were of type `type`. */
  flowOf(b: PlanBranch, i: number, type: PlanType): number;
  /** Party i's drift offset now if its prior means were `means` (issue order). */
  offsetOf(i: number, means: Float64Array): Float64Array;
}

/**
 * A strategy as the engine plays it: its players and what they need. Registered in registry.ts,
 * beside its declaration for the scenario format (specs.ts).
 */
export interface StrategyEntry<P = unknown, C = unknown> {
  kind: StrategyKind;
  /** Whether its players read the game's equilibrium: the engine then solves it, and re-solves it when the world moves. */
  usesEquilibrium: boolean;
  /** Whether its players see levers coming (read a plan: `PlayerContext.plan`) without reading the equilibrium. */
  readsPlan?: boolean;
  /** What the strategy keeps across the runs of one model (caches that do not depend on the run), made once per engine. */
  context?(): C;
  /** What its players need of a new game besides the equilibrium, worked out once per game (bayesian: the beliefs). */
  prepare?(g: Game, run: RunKey, context: C): P;
  /** Who proposes, by state, as its preparation sees it (used when no equilibrium was solved). */
  recognition?(prepared: P): RecognitionStates;
  /**
   * Whether every solve its preparation made converged. `planned`: the run plans (levers seen coming), so what its
   * players play comes from the plans, whose convergence the run counts; a preparation may leave its own solves undone.
   */
  converged?(prepared: P, planned: boolean): boolean;
  /** The players of this strategy in a run's game (every party who plays it). */
  create(ctx: PlayerContext<P>): Player;
  /**
   * The utility party i needs to accept a mediator's text in round t when its no-deal flow is `flow`
   * (default: the flow itself: a bargaining strategy signs whatever beats no deal).
   */
  textLevel?(g: Game, i: number, t: number, flow: number): number;
  /**
   * Whether its players, as signatories of a mediator's text, compare it with the value of rejecting it,
   * which includes the mediator's amended texts to come (docs/model.md, "Forward-looking signatories").
   */
  foresees?: boolean;
}

/** Party i's settings, when it plays the strategy of kind K. */
export function defOf<K extends StrategyKind>(g: Game, i: number, kind: K): Extract<StrategyDef, { kind: K }> {
  const def = g.model.parties[i].strategy;
  if (def.kind !== kind) throw new Error(`invariant: party ${g.model.parties[i].id} plays ${def.kind}, not ${kind}`);
  return def as Extract<StrategyDef, { kind: K }>;
}
