import type { Game } from '../core/game.js';
import { drawOnce, isPrivate, meanParam, partyParams, type Param } from '../model/params.js';
import { packageUtility, resolveRunParams, type RunParams } from '../model/runParams.js';
import type { Model } from '../model/types.js';
import type { WorldDef } from '../model/world.js';
import type { RunStreams } from '../rng/runStreams.js';
import { RunWorld } from './world.js';
import { beliefOffsets } from './beliefs.js';

/**
 * A run's moving world as the engine plays it: the run's draws, the no-deal state's walk (stream
 * `battlefield`) and the events (stream `events`), and the game the world implies as it stands.
 */
export class MovingWorld {
  private readonly w: RunWorld;
  private readonly def: WorldDef;
  /** The parameters by path, as the game reads them (an event's target names a path). */
  private readonly byPath = new Map<string, Param>();
  /** Inside `atMeans`: private parameters read at their means. */
  private meansOnly = false;
  private scratch = new Float64Array(0);

  constructor(
    private readonly model: Model,
    private readonly streams: RunStreams,
  ) {
    this.def = model.world as WorldDef;
    this.w = new RunWorld(model, this.def, (p) => this.base(p));
    this.w.current = (path) => this.base(this.byPath.get(path) as Param);
  }

  /** The no-deal state (issue order). */
  get state(): Float64Array {
    return this.w.state;
  }

  /** Whether the scenario has a no-deal state (a nodeal block). */
  get hasState(): boolean {
    return this.def.nodeal !== null && this.def.nodeal !== undefined;
  }

  /** Per event: whether it has fired. */
  get fired(): Uint8Array {
    return this.w.fired;
  }

  /** Steps 1 and 2 of round t (0-based): the state's step (from the second round on), then the events; whether the game must be rebuilt. */
  step(t: number): { ids: string[]; rebuild: boolean } {
    if (t > 0 && this.def.nodeal) this.w.move(this.streams.battlefield);
    return this.w.events(t + 1, this.streams.events);
  }

  /** Whether a party whose consent every deal needs has left the table (in `w`: this run's world, or a what-if of it). */
  requiredAway(w: RunWorld = this.w): boolean {
    return this.model.parties.some((p, i) => p.required && !w.present[i]);
  }

  /** A copy of the world as it stands, for what-ifs (engine/levers.ts): read through this object's methods, given as `w`. */
  snapshot(): RunWorld {
    return this.w.clone();
  }

  /** The snapshot bayesian players plan from (outside `atMeans`): a private cost of war at its mean (with the shifts events gave it). */
  referenceSnapshot(): RunWorld {
    const w = this.w.clone();
    this.def.nodeal?.cost.forEach((p, i) => {
      if (isPrivate(p)) w.cost[i] += meanParam(p) - this.base(p);
    });
    return w;
  }

  /**
   * Whether rational players plan ahead (engine/levers.ts): some event is anticipated, or the no-deal
   * state drifts (its law of motion enters their continuation values through its expected path).
   */
  get anticipates(): boolean {
    const nd = this.def.nodeal;
    return this.def.events.some((e) => e.anticipated) || (nd !== null && (nd.drift.some((d) => d !== 0) || nd.beliefs.some((b) => b !== null)));
  }

  /**
   * Per party, what its belief adds to the drift per round as it stands now (engine/beliefs.ts), or null when it
   * knows the drift. Its prior means are this run's draws; with `reference`, a private mean is at the mean of
   * its distribution (what the others expect of it: the reference world of bayesian play).
   */
  beliefOffsets(reference = false): (Float64Array | null)[] {
    const nd = this.def.nodeal;
    if (!nd) return this.model.parties.map(() => null);
    const priors = nd.beliefs.map((b) => b && { has: b.has, sd: b.sd, mean: Float64Array.from(b.means, (p) => (p ? this.value(p, reference) : 0)) });
    return beliefOffsets(priors, nd.drift, this.w.volatility, this.w.moves, this.w.steps);
  }

  /** Party i's offset now (its posterior means less the drift) if its prior means were `means` (issue order): a type of it. */
  offsetFor(i: number, means: Float64Array): Float64Array {
    const nd = this.def.nodeal as NonNullable<WorldDef['nodeal']>;
    const b = nd.beliefs[i] as NonNullable<(typeof nd.beliefs)[number]>;
    return beliefOffsets([{ has: b.has, sd: b.sd, mean: means }], nd.drift, this.w.volatility, this.w.moves, this.w.steps)[0] as Float64Array;
  }

  /**
   * Party i's flow in a plan's branch (world `w`, `depth` rounds after the plan's start) if it were of another
   * type: its own utilities (`params`), its own reservation (used without a no-deal state, unless an event set
   * it), its own offset to the drift (null: none, the common expected path).
   */
  typeFlow(g: Game, w: RunWorld, depth: number, i: number, type: { params: RunParams | null; reservation: number; offset: Float64Array | null }): number {
    if (!this.def.nodeal) return w.overrides.get(g.model.parties[i].reservation.path) ?? type.reservation;
    const off = type.offset;
    let state = w.state;
    if (off && depth > 0) {
      // Called for every type at every branch: one scratch array, not one per call.
      state = this.scratch.length === w.state.length ? this.scratch : (this.scratch = new Float64Array(w.state.length));
      this.model.issues.forEach((issue, k) => (state[k] = issue.kind === 'numeric' ? Math.min(issue.hi, Math.max(issue.lo, w.state[k] + depth * off[k])) : w.state[k]));
    }
    return packageUtility(type.params ?? g.rp, i, state) - w.cost[i];
  }

  /**
   * Runs `f` with every private parameter read at its distribution's mean (a reference plan: the world the
   * bayesian players expect of each other); the run's draws otherwise.
   */
  atMeans<T>(f: () => T): T {
    this.meansOnly = true;
    try {
      return f();
    } finally {
      this.meansOnly = false;
    }
  }

  /** Whether some party's private draws or private prior would make the reference world differ from the run's. */
  get hasPrivate(): boolean {
    const nd = this.def.nodeal;
    return this.model.parties.some((p) => partyParams(p).some(isPrivate)) || (nd !== null && (nd.beliefs.some((b) => b?.private) || nd.cost.some(isPrivate)));
  }

  /**
   * The flows of the parties with beliefs, `depth` rounds ahead of now, along their own expected paths: the
   * state of `w` (the common expected path) moved by depth × their offset, inside each issue's range.
   */
  believedFlows(g: Game, out: Float64Array, w: RunWorld, offsets: (Float64Array | null)[], depth: number): void {
    const state = new Float64Array(w.state.length);
    offsets.forEach((off, i) => {
      if (!off || depth === 0) return;
      this.model.issues.forEach((issue, k) => {
        state[k] = issue.kind === 'numeric' ? Math.min(issue.hi, Math.max(issue.lo, w.state[k] + depth * off[k])) : w.state[k];
      });
      out[i] = packageUtility(g.rp, i, state) - w.cost[i];
    });
  }

  /** The mechanism in force: the mediator while the scenario (or an event) says so and the mediator is at the table. */
  mechanismKind(): 'mediator' | 'alternating-offers' {
    return this.w.mediating() ? 'mediator' : 'alternating-offers';
  }

  /**
   * The arguments of the game for the world as it stands (gameFor's): the seated model, the run's
   * parameters with the events' overrides, whether the utility table can be shared, and the game it
   * replaces (which lends its table when nothing it depends on changed).
   */
  gameArgs(previous: Game | undefined, w: RunWorld = this.w): [Model, RunParams, boolean, Game | undefined] {
    const m = w.seatedModel();
    const rp = resolveRunParams(m, (p) => {
      this.byPath.set(p.path, p);
      return w.overrides.get(p.path) ?? this.base(p);
    });
    if (m.recognition.kind === 'random') seatProposers(rp.proposerProbs, w.present);
    return [m, rp, !this.model.utilityDrawn && !w.utilityChanged, previous];
  }

  /** Each party's no-deal flow before any leverage, into `out`: the state's utility less its cost of war, or (without a state) its reservation. */
  flowsBeforeLeverage(g: Game, out: Float64Array, w: RunWorld = this.w): void {
    for (let i = 0; i < out.length; i++) out[i] = this.def.nodeal ? packageUtility(g.rp, i, w.state) - w.cost[i] : this.reservation(g, i, w);
  }

  private value(p: Param, reference: boolean): number {
    return reference && isPrivate(p) ? meanParam(p) : this.base(p);
  }

  /** A drawn parameter's value in this run (at its mean when private, inside `atMeans`). */
  private base(p: Param): number {
    if (this.meansOnly && isPrivate(p)) return meanParam(p);
    return drawOnce(p, this.streams);
  }

  /** Without a nodeal block, the flow is the party's reservation (an event may have set it). */
  private reservation(g: Game, i: number, w: RunWorld): number {
    const p = g.model.parties[i].reservation;
    return w.overrides.get(p.path) ?? this.base(p);
  }
}

/** Parties away from the table are not recognised; the others' probabilities are renormalised. */
function seatProposers(probs: Float64Array, present: Uint8Array): void {
  let total = 0;
  for (let i = 0; i < probs.length; i++) total += present[i] ? probs[i] : (probs[i] = 0);
  if (total > 0) for (let i = 0; i < probs.length; i++) probs[i] /= total;
}
