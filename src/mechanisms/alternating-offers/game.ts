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
  const n = model.parties.length;
  const P = model.space.count;
  let fixed = shared ? fixedTables.get(model.space) : undefined;
  const tables = () => {
    if (!fixed) {
      const table = utilityTable(model, rp);
      // Pruning costs a few milliseconds per table and saves more in every step of the equilibrium solve.
      const signers = model.consent.varies ? { required: model.consent.required, combo: model.space.combo } : undefined;
      fixed = { table, candidates: paretoFrontier(table, n, P, signers) };
      if (shared) fixedTables.set(model.space, fixed);
    }
    return fixed;
  };
  return {
    model,
    rp,
    n,
    K: model.issues.length,
    P,
    get table() {
      return tables().table;
    },
    get candidates() {
      return tables().candidates;
    },
    closedForm: undefined,
  };
}

/** The game of run `runIndex`. */
export function gameForRun(model: Model, seed: number, runIndex: number): Game {
  return gameFor(model, drawRunParams(model, seed, runIndex));
}
