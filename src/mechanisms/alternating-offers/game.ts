import { paretoFrontier } from '../../model/pareto.js';
import { drawRunParams, utilityTable, type RunParams } from '../../model/runParams.js';
import type { Model } from '../../model/types.js';
import type { ClosedForm } from './closedForm.js';

/** One run's game: the model, the run's parameters and its utility table over the feasible packages. */
export interface Game {
  model: Model;
  rp: RunParams;
  n: number;
  K: number;
  P: number;
  /** u[i * P + p]. */
  table: Float64Array;
  /** The packages offers are searched among: the Pareto frontier of the table. */
  candidates: Int32Array;
  /**
   * The proposer's problem in closed form (closedForm.ts), built on first use: undefined until then, null
   * when the game is outside its conditions. A field rather than a WeakMap keyed by the game: V8's young
   * generation keeps a WeakMap's values alive through a scavenge, so each run's closed form was promoted
   * to the old generation and lingered there until a full collection (peak memory).
   */
  closedForm?: ClosedForm | null;
}

/** What does not change between runs when no utility parameter is drawn: built once per model. */
// Keyed by the package space, which a model shares with its copies (an event's new proposer order).
const fixedTables = new WeakMap<Model['space'], { table: Float64Array; candidates: Int32Array }>();

/**
 * Builds the game for the given run parameters (reusing the model's table when utilities are fixed:
 * `shared`; an event that changes a utility parameter needs its own).
 * The table and its frontier are built on first use: the closed-form solver (closedForm.ts) does
 * not read them, and building them (a sort and a dominance scan) would cost more than its solve.
 */
export function gameFor(model: Model, rp: RunParams, shared = !model.utilityDrawn): Game {
  return new LazyGame(model, rp, shared);
}

/**
 * A game whose table is built on first read. A class, so its getters live on the prototype: an object
 * literal with getters gave every run's game its own accessor closures, which V8 ties to the object's
 * hidden class in the old generation, so each run's game and parameters survived young-generation
 * collections and piled up as old garbage (peak memory).
 */
class LazyGame implements Game {
  readonly n: number;
  readonly K: number;
  readonly P: number;
  closedForm: ClosedForm | null | undefined = undefined;
  private fixed: { table: Float64Array; candidates: Int32Array } | undefined;

  constructor(
    readonly model: Model,
    readonly rp: RunParams,
    private readonly shared: boolean,
  ) {
    this.n = model.parties.length;
    this.K = model.issues.length;
    this.P = model.space.count;
    this.fixed = shared ? fixedTables.get(model.space) : undefined;
  }

  get table(): Float64Array {
    return this.tables().table;
  }

  get candidates(): Int32Array {
    return this.tables().candidates;
  }

  private tables(): { table: Float64Array; candidates: Int32Array } {
    if (!this.fixed) {
      const { model, n, P } = this;
      const table = utilityTable(model, this.rp);
      // Pruning costs a few milliseconds per table and saves more in every step of the equilibrium solve.
      const signers = model.consent.varies ? { required: model.consent.required, combo: model.space.combo } : undefined;
      this.fixed = { table, candidates: paretoFrontier(table, n, P, signers) };
      if (this.shared) fixedTables.set(model.space, this.fixed);
    }
    return this.fixed;
  }
}

/** The game of run `runIndex`. */
export function gameForRun(model: Model, seed: number, runIndex: number): Game {
  return gameFor(model, drawRunParams(model, seed, runIndex));
}
