import { paretoFrontier } from '../model/pareto.js';
import { drawRunParams, utilityTable, type RunParams } from '../model/runParams.js';
import type { Model } from '../model/types.js';

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
   * The solvers' cache for this game (the proposer's problem in closed form), opaque here: set and read
   * only through its accessor in src/solvers (`closedFormOf`), on first use; undefined until then. A
   * field rather than a WeakMap keyed by the game: V8's young generation keeps a WeakMap's values alive
   * through a scavenge, so each run's closed form was promoted to the old generation and lingered there
   * until a full collection (peak memory).
   */
  solverCache: unknown;
  /** What every game on this game's package space shares with it (the solvers' per-space cache, opaque here likewise). */
  readonly spaceShared: SpaceShared;
  /** Each party's best utility over the feasible packages (strategies/concession.ts `topUtility`), found on first use. */
  tops?: Float64Array;
  /**
   * How the next round's values enter a value of rejecting when the world may change before it (levers
   * seen coming, engine/levers.ts); undefined: the world stands still (core/recognition.ts `fillThresholds`).
   */
  continuation?: Continuation;
  /** Deals that can break down (Model.breakdown): what a deal is worth with its risk; undefined when deals are final. */
  breakdown?: GameBreakdown;
  /** Under a decision rule, each proposer's winning coalitions (core/coalitions.ts), by proposer + 1 (0: the range check's), made on first use. */
  coalitions?: Map<number, readonly unknown[]>;
}

/**
 * A deal worth u that collapses with chance h each round, back to a table worth B, is worth
 * κ·u + (1 − κ)·B with κ = (1 − δ)/(1 − δ(1 − h)) (PRODUCT.md "Deals can break down").
 */
export interface GameBreakdown {
  /** κ by combination of options and party: kappa[combo * n + i]. */
  kappa: Float64Array;
  /**
   * Each party's value of what follows a collapse: back at the table, the solver's V (the no-deal flow
   * until it has one); war for good, the no-deal flow; less what the collapse itself costs the party.
   */
  back: Float64Array;
  /** What a collapse costs each party beyond the war's flows (Model.breakdown.cost), already taken from `back`; null: nothing. */
  cost: Float64Array | null;
  toTable: boolean;
}

/** κ_i(c) for each combination of options c (the hazard reads only options issues) and party i. */
function breakdownOf(model: Model, rp: RunParams): GameBreakdown {
  const { space, parties } = model;
  const n = parties.length, K = model.issues.length;
  const kappa = new Float64Array(space.comboCount * n).fill(1);
  const seen = new Uint8Array(space.comboCount);
  for (let p = 0; p < space.count; p++) {
    const c = space.combo[p];
    if (seen[c]) continue;
    seen[c] = 1;
    const h = (model.breakdown as NonNullable<Model['breakdown']>).hazard(space.packages.subarray(p * K, p * K + K));
    for (let i = 0; i < n; i++) {
      const d = rp.discount[i];
      kappa[c * n + i] = (1 - d) / (1 - d * (1 - h));
    }
  }
  const def = model.breakdown as NonNullable<Model['breakdown']>;
  const back = Float64Array.from(rp.reservation);
  if (def.cost) for (let i = 0; i < n; i++) back[i] -= def.cost[i];
  return { kappa, back, cost: def.cost, toTable: def.after === 'table' };
}

/**
 * The next round's value when the world may move: with probability `stay` it is this game's own
 * V(next), otherwise another world state's, whose probability-weighted values are `elsewhere`
 * (elsewhere[s * n + i], by recognition state). A responder's value of rejecting is then
 * w_i = (1 − δ_i)·r_i + δ_i·(stay·V_i(next) + elsewhere_i(next)).
 */
export interface Continuation {
  stay: number;
  elsewhere: Float64Array;
}

/** What the games on one package space share: one per space, made on first use, living as long as the space. */
export interface SpaceShared {
  /** The solvers' cache for the space, opaque here: set and read only through its accessor in src/solvers (`spaceCacheOf`). */
  solverCache: unknown;
  /** The utility table and its frontier when no utility parameter is drawn (the same in every run): the first shared game's, once it is built. */
  tables: { table?: Float64Array; candidates?: Int32Array } | undefined;
}

// Keyed by the package space, which a model shares with its copies (an event's new proposer order);
// the space belongs to the model (the model layer), so the registry is kept here.
const perSpace = new WeakMap<Model['space'], SpaceShared>();

function sharedBy(space: Model['space']): SpaceShared {
  let found = perSpace.get(space);
  if (!found) perSpace.set(space, (found = { solverCache: undefined, tables: undefined }));
  return found;
}

/**
 * Builds the game for the given run parameters (reusing the model's table when utilities are fixed:
 * `shared`; an event that changes a utility parameter needs its own).
 * The table and its frontier are built on first use: the closed-form solver (src/solvers/closedForm/) does
 * not read them, and building them (a sort and a dominance scan) would cost more than its solve.
 * `previous`, the game this one replaces within a run (an event changed who proposes, a discount, a
 * no-deal value...), lends its table and frontier when nothing they depend on changed: the same
 * packages, the same consent rules and the same utility parameters.
 */
export function gameFor(model: Model, rp: RunParams, shared = !model.utilityDrawn, previous?: Game): Game {
  const g = new LazyGame(model, rp, shared);
  if (previous instanceof LazyGame && sameTable(previous, g)) g.borrowTables(previous);
  return g;
}

/**
 * The game as a coalition sees it under a decision rule: the same run, utilities and table, with `consent`
 * in place of the model's (the coalition's members required, the combinations it cannot carry blocked);
 * `decision` null: the view of a rule that needs every voter as unanimity of them all.
 * Its deals' risk is the game's own object, so what a collapse is worth moves with it.
 */
export function coalitionGame(g: Game, consent: Model['consent'], decision: Model['decision'] = g.model.decision): Game {
  const c = new LazyGame({ ...g.model, consent, decision }, g.rp, false);
  c.breakdown = g.breakdown;
  if (g instanceof LazyGame) c.tableOf(g);
  return c;
}

/** Whether two games' utility tables (and so their frontiers) are the same. */
function sameTable(a: Game, b: Game): boolean {
  if (a.model.space !== b.model.space || a.model.consent !== b.model.consent) return false;
  const x = a.rp, y = b.rp;
  for (let k = 0; k < x.weights.length; k++) if (x.weights[k] !== y.weights[k]) return false;
  for (let i = 0; i < x.utilities.length; i++)
    for (let k = 0; k < x.utilities[i].length; k++) {
      const r = x.utilities[i][k], t = y.utilities[i][k];
      if (r.u !== t.u || r.lo !== t.lo || r.hi !== t.hi || r.n !== t.n) return false;
      if (r.ideal !== t.ideal && !(Number.isNaN(r.ideal) && Number.isNaN(t.ideal))) return false;
      if ((r.values === null) !== (t.values === null)) return false;
      if (r.values && t.values) for (let q = 0; q < r.values.length; q++) if (r.values[q] !== t.values[q]) return false;
    }
  return true;
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
  solverCache: unknown = undefined;
  tops: Float64Array | undefined = undefined;
  continuation: Continuation | undefined = undefined;
  breakdown: GameBreakdown | undefined;
  // The table and its frontier, each built on first read; a holder so that a game that replaces this one may share them.
  private held: { table?: Float64Array; candidates?: Int32Array };
  /** A coalition's view reads its table from the game it views (`coalitionGame`). */
  private source: LazyGame | undefined = undefined;
  coalitions: Map<number, readonly unknown[]> | undefined = undefined;

  constructor(
    readonly model: Model,
    readonly rp: RunParams,
    private readonly shared: boolean,
  ) {
    this.n = model.parties.length;
    this.K = model.issues.length;
    this.P = model.space.count;
    this.breakdown = model.breakdown ? breakdownOf(model, rp) : undefined;
    this.held = (shared ? sharedBy(model.space).tables : undefined) ?? {};
  }

  get spaceShared(): SpaceShared {
    return sharedBy(this.model.space);
  }

  /** Reads the table (not the frontier, which depends on who must sign) from `from`, built there on first use. */
  tableOf(from: LazyGame): void {
    this.source = from;
  }

  borrowTables(from: LazyGame): void {
    this.held = from.held;
    this.tops = from.tops;
  }

  get table(): Float64Array {
    if (!this.held.table && this.source) this.held.table = this.source.table;
    if (!this.held.table) {
      this.held.table = utilityTable(this.model, this.rp);
      if (this.shared) sharedBy(this.model.space).tables = this.held;
    }
    return this.held.table;
  }

  get candidates(): Int32Array {
    if (!this.held.candidates) {
      const { model, n, P } = this;
      // Pruning costs about a millisecond per table and saves more wherever packages are scanned.
      const combos = { combo: model.space.combo, ...(model.consent.varies ? { required: model.consent.required } : {}) };
      this.held.candidates = paretoFrontier(this.table, n, P, combos);
    }
    return this.held.candidates;
  }
}

/** The game of run `runIndex`. */
export function gameForRun(model: Model, seed: number, runIndex: number, draws?: Map<string, number>): Game {
  return gameFor(model, drawRunParams(model, seed, runIndex, draws));
}
