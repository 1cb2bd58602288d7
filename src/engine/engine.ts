import { gameForRun, type Game } from '../core/game.js';
import type { MechanismOutcome, RoundRecord } from '../core/outcome.js';
import type { Model } from '../model/types.js';
import { RunStreams } from '../rng/runStreams.js';
import { solveEquilibrium, type Equilibrium } from '../solvers/equilibrium.js';
import type { RunKey, StrategyEntry } from '../strategies/player.js';
import { strategiesIn, type Prepared } from './players.js';
import { RunPlay } from './runPlay.js';

/** Hooks for transcripts: each round as played, the game the run starts from, a walk-out. */
export interface RunHooks {
  round?: (r: RoundRecord) => void;
  /** The run's game, its equilibrium (null when none was solved) and each party's no-deal flow as talks open. */
  start?: (g: Game, eq: Equilibrium | null, flows: Float64Array) => void;
  /** A party whose consent is needed left the table in this round, after these events fired. */
  walkout?: (round: number, events: string[]) => void;
  /** The deal in force collapsed at the start of this round (scenarios whose deals can break down). */
  collapse?: (round: number) => void;
}

/**
 * The one engine that plays a model's runs, for `run`, `compare`, `sweep`, `explain` and every mechanism,
 * with or without a moving world. It owns what runs of the model share: each strategy's context
 * (bayesian belief samples) and, when nothing is drawn, the one game every static run plays and its
 * solved equilibrium. Hold one engine for a loop of runs; a run depends only on (model, seed, run index).
 */
export class RunEngine {
  private readonly contexts = new Map<StrategyEntry, unknown>();
  private fixed: { g: Game; prepared: Prepared | null } | undefined;
  /** Plans' stationary stretches (engine/levers.ts `stationaryFrom`), by what they depend on: found from the events' rules, the same in every run. */
  readonly stretches = new Map<string, number>();

  constructor(readonly model: Model) {}

  /** Plays run `runIndex` (seed `seed`): draws its parameters, solves what its players need, plays the window. */
  play(seed: number, runIndex: number, hooks: RunHooks = {}): MechanismOutcome {
    return new RunPlay(this, new RunStreams(seed, runIndex), hooks).play();
  }

  /**
   * The game of a run without a moving world and its players' preparation (null under a mechanism that
   * does not use players): built once per engine when nothing is drawn (every run plays the same game).
   */
  staticStart(run: RunKey, usesPlayers: boolean): { g: Game; prepared: Prepared | null } {
    if (this.fixed) return this.fixed;
    const g = gameForRun(this.model, run.seed, run.runIndex, run.draws);
    const start = { g, prepared: usesPlayers ? this.prepare(g, run, true) : null };
    if (!this.model.anyDrawn) this.fixed = start;
    return start;
  }

  /**
   * What the players of game g need: each played strategy's preparation and, with `solve`, the equilibrium when some
   * strategy reads it. `planned`: the run plans (its convergence is the plans').
   */
  prepare(g: Game, run: RunKey, solve: boolean, planned = false): Prepared {
    const entries = strategiesIn(g.model);
    const eq = solve && entries.some((e) => e.usesEquilibrium) ? solveEquilibrium(g) : null;
    const byStrategy = new Map<StrategyEntry, unknown>();
    let converged = eq?.converged ?? true;
    for (const e of entries) {
      if (!e.prepare) continue;
      const p = e.prepare(g, run, this.contextOf(e));
      byStrategy.set(e, p);
      converged &&= e.converged?.(p, planned) ?? true;
    }
    return { eq, byStrategy, converged };
  }

  private contextOf(e: StrategyEntry): unknown {
    if (!this.contexts.has(e)) this.contexts.set(e, e.context?.());
    return this.contexts.get(e);
  }
}

/**
 * Plays run `runIndex` of the model on a one-off engine (tests, a single run). Loops over runs hold a
 * RunEngine instead: it solves a model without draws once, and keeps the strategies' caches.
 */
export function playMechanism(model: Model, seed: number, runIndex: number, trace?: (r: RoundRecord) => void): MechanismOutcome {
  return new RunEngine(model).play(seed, runIndex, trace ? { round: trace } : {});
}
