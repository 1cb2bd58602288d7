import { sampleNormal } from '../rng/distributions.js';
import type { Param } from '../model/params.js';
import type { Model, Recognition } from '../model/types.js';
import type { EffectDef, WorldDef } from '../model/world.js';
import { seatedDecision } from '../model/decision.js';
import { withoutAbsentConsent } from '../model/consent.js';

/** The changing part of one run's world: the no-deal state, who is at the table, what events did. */
export class RunWorld {
  readonly state: Float64Array;
  readonly drift: Float64Array;
  readonly volatility: Float64Array;
  readonly cost: Float64Array;
  readonly present: Uint8Array;
  readonly fired: Uint8Array;
  readonly overrides = new Map<string, number>();
  /** The steps of the state the parties have observed: how many, and their sum per issue (for beliefs about the drift). */
  moves = 0;
  readonly steps: Float64Array;
  recognition: Recognition;
  /** The mechanism in force: the scenario's, until an event switches it. */
  mechanism: 'alternating-offers' | 'mediator';
  utilityChanged = false;
  /**
   * What the world's game depends on, as engine/levers.ts writes it (its parameters but the reservations, who is
   * seated, who proposes); kept by copies, cleared by an effect that may change it. undefined: not known.
   */
  gameSig: string | undefined = undefined;
  readonly vars: Float64Array;
  /** Where fillVars writes each issue's state, each event's fired flag and each party's presence (found once, not by name each round). */
  private readonly at: { round: number; state: Int32Array; fired: Int32Array; present: Int32Array };

  /** The world as a run starts it (parameters read through `base`), or a copy of `from` (`clone`). */
  constructor(readonly model: Model, readonly def: WorldDef, base: (p: Param) => number, from?: RunWorld) {
    if (from) {
      // Typed-array slices, not Float64Array.from (which walks an iterator): a plan makes hundreds of copies per run.
      this.state = from.state.slice();
      this.drift = from.drift.slice();
      this.volatility = from.volatility.slice();
      this.cost = from.cost.slice();
      this.present = from.present.slice();
      this.fired = from.fired.slice();
      this.steps = from.steps.slice();
      for (const [k, v] of from.overrides) this.overrides.set(k, v);
      this.moves = from.moves;
      this.recognition = from.recognition;
      this.mechanism = from.mechanism;
      this.utilityChanged = from.utilityChanged;
      this.gameSig = from.gameSig;
      // Scratch, filled right before each read (fillVars, then a condition): copies share it.
      this.vars = from.vars;
      this.at = from.at;
      this.current = from.current;
      return;
    }
    const K = model.issues.length;
    const nd = def.nodeal;
    this.state = nd ? Float64Array.from(nd.state, base) : new Float64Array(K);
    this.drift = nd ? Float64Array.from(nd.drift) : new Float64Array(K);
    this.volatility = nd ? Float64Array.from(nd.volatility) : new Float64Array(K);
    this.cost = nd ? Float64Array.from(nd.cost, base) : new Float64Array(model.parties.length);
    this.present = new Uint8Array(model.parties.length).fill(1);
    this.fired = new Uint8Array(def.events.length);
    this.steps = new Float64Array(K);
    this.recognition = model.recognition;
    this.mechanism = model.mediation ? 'mediator' : 'alternating-offers';
    this.vars = new Float64Array(def.size);
    const { slots } = def;
    this.at = {
      round: slots.round,
      state: Int32Array.from(model.issues, (i) => slots[`state_${i.id}`]),
      fired: Int32Array.from(def.events, (e) => slots[`fired_${e.id}`]),
      present: Int32Array.from(model.parties, (p) => slots[`present_${p.id}`]),
    };
  }

  /** A copy to play a what-if on (engine/levers.ts): the same model and definitions, its own changing parts. */
  clone(): RunWorld {
    return new RunWorld(this.model, this.def, noBase, this);
  }

  /** The state's expected step: its drift, kept inside the issue's range (what players expect of the next round). */
  expectedMove(): void {
    this.model.issues.forEach((issue, k) => {
      if (issue.kind === 'numeric') this.state[k] = clamp(this.state[k] + this.drift[k], issue.lo, issue.hi);
    });
  }

  /**
   * The anticipated events of `round` as branches, each with its chance, in the order the engine checks them
   * (an event's condition may read one that fired before it in the same round): each branch a copy with
   * its events applied. Surprises and repeating events never fire here. With `keep` this world is left
   * as it is (a branch where nothing fires is this world itself).
   */
  branches(round: number, keep = false): { p: number; world: RunWorld }[] {
    let out: { p: number; world: RunWorld }[] = [{ p: 1, world: this }];
    this.def.events.forEach((e, x) => {
      if (!e.anticipated) return;
      const next: { p: number; world: RunWorld }[] = [];
      for (const b of out) {
        const w = b.world;
        if (w.fired[x]) {
          next.push(b);
          continue;
        }
        w.fillVars(round);
        const p = e.when(w.vars) ? Math.min(1, Math.max(0, Number(e.probability(w.vars)) || 0)) : 0;
        if (p < 1) next.push({ p: b.p * (1 - p), world: w });
        if (p > 0) {
          const f = p < 1 || (keep && w === this) ? w.clone() : w;
          f.fired[x] = 1;
          for (const effect of e.effects) f.apply(effect);
          next.push({ p: b.p * p, world: f });
        }
      }
      out = next;
    });
    return out;
  }

  /**
   * Whether the anticipated events change no condition variable but their own fired flags (no effect on the
   * state or on who is at the table): then `branchEvents` finds the branches without copying this world.
   */
  plainEvents(): boolean {
    return this.def.events.every(
      (e) => !e.anticipated || e.effects.every((f) => f.kind !== 'leave' && f.kind !== 'join' && !((f.kind === 'set' || f.kind === 'shift') && f.target.kind === 'state')),
    );
  }

  /**
   * `branches` when `plainEvents` holds, without copying this world: each branch's chance and the events it
   * fires, in order (`withFired` makes its world). The same chances: a condition reads this world's variables
   * with the flags of the events fired before it in the round.
   */
  branchEvents(round: number): { p: number; fired: number[] }[] {
    let out: { p: number; fired: number[] }[] = [{ p: 1, fired: [] }];
    const { vars, at } = this;
    this.def.events.forEach((e, x) => {
      if (!e.anticipated || this.fired[x]) return;
      const next: { p: number; fired: number[] }[] = [];
      for (const b of out) {
        this.fillVars(round);
        for (const y of b.fired) vars[at.fired[y]] = 1;
        const p = e.when(vars) ? Math.min(1, Math.max(0, Number(e.probability(vars)) || 0)) : 0;
        if (p < 1) next.push({ p: b.p * (1 - p), fired: b.fired });
        if (p > 0) next.push({ p: b.p * p, fired: [...b.fired, x] });
      }
      out = next;
    });
    return out;
  }

  /** A copy with `events` fired, their effects applied in order (a branch of `branchEvents`). */
  withFired(events: number[]): RunWorld {
    const f = this.clone();
    for (const x of events) {
      f.fired[x] = 1;
      for (const effect of this.def.events[x].effects) f.apply(effect);
    }
    return f;
  }

  /** The state's random walk: drift plus a normal shock per numeric issue, kept inside the issue's range. */
  move(rng: () => number): void {
    this.moves++;
    this.model.issues.forEach((issue, k) => {
      const z = sampleNormal(rng, 0, 1);
      if (issue.kind !== 'numeric') return;
      const before = this.state[k];
      this.state[k] = clamp(before + this.drift[k] + this.volatility[k] * z, issue.lo, issue.hi);
      this.steps[k] += this.state[k] - before;
    });
  }

  /** Checks every event in order; returns the ids that fired and whether the game itself (not only the state) changed. */
  events(round: number, rng: () => number): { ids: string[]; rebuild: boolean } {
    const { def, vars } = this;
    const ids: string[] = [];
    let rebuild = false;
    def.events.forEach((e, x) => {
      if (this.fired[x] && !e.repeat) return;
      this.fillVars(round);
      if (!e.when(vars)) return;
      // An expression's chance is clamped to [0, 1] (NaN: never).
      const p = Number(e.probability(vars));
      if (!(rng() < Math.min(1, Math.max(0, p)))) return;
      this.fired[x] = 1;
      ids.push(e.id);
      for (const f of e.effects) rebuild = this.apply(f) || rebuild;
    });
    return { ids, rebuild };
  }

  private fillVars(round: number): void {
    const { at, vars: v } = this;
    v[at.round] = round;
    for (let k = 0; k < at.state.length; k++) v[at.state[k]] = this.state[k];
    for (let x = 0; x < at.fired.length; x++) v[at.fired[x]] = this.fired[x];
    for (let i = 0; i < at.present.length; i++) v[at.present[i]] = this.present[i];
  }

  /** Applies one effect; true when the run's parameters or mechanism must be rebuilt. */
  private apply(f: EffectDef): boolean {
    // A reservation sets only the flows; the state's parts (below) are not the game's.
    if (f.kind !== 'set' && f.kind !== 'shift') this.gameSig = undefined;
    else if (f.target.kind === 'param' && !this.model.parties.some((p) => p.reservation.path === (f.target as { path: string }).path)) this.gameSig = undefined;
    switch (f.kind) {
      case 'leave':
      case 'join':
        this.present[f.party] = f.kind === 'join' ? 1 : 0;
        return true;
      case 'order':
        this.recognition = { kind: 'order', order: f.order };
        return true;
      case 'proposers':
        this.recognition = { kind: 'random', weights: Array.from(this.model.parties, (_, i) => f.weights[i] ?? 0) };
        return true;
      case 'mechanism':
        this.mechanism = f.to;
        return true;
    }
    const t = f.target;
    const next = (old: number) => (f.kind === 'set' ? f.value : old + f.value);
    if (t.kind === 'param') {
      const old = this.overrides.get(t.path) ?? this.current(t.path);
      const d = t.domain;
      this.overrides.set(t.path, clamp(next(old), d.min ?? -Infinity, d.max ?? Infinity, d.open));
      if (t.utility) this.utilityChanged = true;
      return true;
    }
    if (t.kind === 'cost') this.cost[t.party] = clamp(next(this.cost[t.party]), 0, 1);
    else if (t.kind === 'drift') this.drift[t.issue] = next(this.drift[t.issue]);
    else if (t.kind === 'volatility') this.volatility[t.issue] = Math.max(0, next(this.volatility[t.issue]));
    else {
      const issue = this.model.issues[t.issue];
      const v = next(this.state[t.issue]);
      this.state[t.issue] = issue.kind === 'numeric' ? clamp(v, issue.lo, issue.hi) : clamp(Math.round(v), 0, issue.options.length - 1);
    }
    return false;
  }

  /** Whether the mediator keeps the text this round: the mechanism is mediator and the mediator is at the table. */
  mediating(): boolean {
    const m = this.model.mediation;
    return this.mechanism === 'mediator' && m !== null && this.present[m.mediator] === 1;
  }

  /** A parameter's value before any override: set by the engine (MovingWorld) to the run's draw. */
  current: (path: string) => number = () => NaN;

  /** The mechanism as it stands: the current proposers, without the parties who left (nor the packages that need their consent). */
  seatedModel(): Model {
    const r = this.recognition;
    const away = this.present.some((x) => x === 0);
    if (!away && r === this.model.recognition) return this.model;
    if (r.kind === 'order') {
      // When everyone in the order has left, the parties still at the table take turns in document order.
      let order = r.order.filter((j) => this.present[j]);
      if (order.length === 0) order = this.model.parties.filter((p) => this.present[p.index]).map((p) => p.index);
      return withoutAbsentConsent({ ...this.model, recognition: { kind: 'order', order }, decision: this.seatedDecision() }, this.present);
    }
    return withoutAbsentConsent({ ...this.model, recognition: r, decision: this.seatedDecision() }, this.present);
  }

  /** The decision rule without the votes of the parties away from the table. */
  private seatedDecision(): Model['decision'] {
    const d = this.model.decision;
    return d && seatedDecision(d, this.present);
  }
}

const noBase = (): number => NaN;

function clamp(x: number, lo: number, hi: number, open = false): number {
  // An open domain (a discount factor in (0, 1)) is kept just inside its ends.
  const eps = open ? 1e-9 : 0;
  return Math.min(hi - eps, Math.max(lo + eps, x));
}

