import { sampleNormal } from '../../rng/distributions.js';
import { streamFor } from '../../rng/stream.js';
import { drawParam, type Param } from '../../model/params.js';
import { packageUtility, resolveRunParams } from '../../model/runParams.js';
import type { Model, Recognition } from '../../model/types.js';
import { mustSign, withoutAbsentConsent } from '../../model/consent.js';
import type { EffectDef, WorldDef } from '../../model/world.js';
import { bayesianWorld } from '../../strategies/bayesian/world.js';
import { solveEquilibrium } from './equilibrium.js';
import { gameFor, type Game } from './game.js';
import { ACCEPT_TOL } from './offer.js';
import { drawProposer, Players, reply, type PlayStreams, type RoundRecord, type RunOutcome, type Solved } from './play.js';
import { rangeEmpty } from './range.js';
import { recognitionOf } from './recognition.js';

/**
 * Rational players re-solve the stationary equilibrium when a no-deal flow has
 * moved by more than this since their last solve (and whenever an event fires).
 * Between solves every responder still refuses less than its current flow and a
 * proposer never offers less than its own, so no deal leaves Fearon's range.
 */
export const RESOLVE_TOL = 0.005;

/** The changing part of one run's world: the no-deal state, who is at the table, what events did. */
class RunWorld {
  readonly state: Float64Array;
  readonly drift: Float64Array;
  readonly volatility: Float64Array;
  readonly cost: Float64Array;
  readonly present: Uint8Array;
  readonly fired: Uint8Array;
  readonly overrides = new Map<string, number>();
  recognition: Recognition;
  utilityChanged = false;
  readonly vars: Float64Array;

  constructor(readonly model: Model, readonly def: WorldDef, base: (p: Param) => number) {
    const K = model.issues.length;
    const nd = def.nodeal;
    this.state = nd ? Float64Array.from(nd.state, base) : new Float64Array(K);
    this.drift = nd ? Float64Array.from(nd.drift) : new Float64Array(K);
    this.volatility = nd ? Float64Array.from(nd.volatility) : new Float64Array(K);
    this.cost = nd ? Float64Array.from(nd.cost, base) : new Float64Array(model.parties.length);
    this.present = new Uint8Array(model.parties.length).fill(1);
    this.fired = new Uint8Array(def.events.length);
    this.recognition = model.recognition;
    this.vars = new Float64Array(def.size);
  }

  /** The state's random walk: drift plus a normal shock per numeric issue, kept inside the issue's range. */
  move(rng: () => number): void {
    this.model.issues.forEach((issue, k) => {
      const z = sampleNormal(rng, 0, 1);
      if (issue.kind === 'numeric') this.state[k] = clamp(this.state[k] + this.drift[k] + this.volatility[k] * z, issue.lo, issue.hi);
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
      if (rng() >= e.probability) return;
      this.fired[x] = 1;
      ids.push(e.id);
      for (const f of e.effects) rebuild = this.apply(f) || rebuild;
    });
    return { ids, rebuild };
  }

  private fillVars(round: number): void {
    const { slots } = this.def;
    const v = this.vars;
    v[slots.round] = round;
    this.model.issues.forEach((i, k) => (v[slots[`state_${i.id}`]] = this.state[k]));
    this.def.events.forEach((e, x) => (v[slots[`fired_${e.id}`]] = this.fired[x]));
    this.model.parties.forEach((p, i) => (v[slots[`present_${p.id}`]] = this.present[i]));
  }

  /** Applies one effect; true when the run's parameters or mechanism must be rebuilt. */
  private apply(f: EffectDef): boolean {
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

  /** A parameter's value before any override: set by RunPlay to the run's draw. */
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
      return withoutAbsentConsent({ ...this.model, recognition: { kind: 'order', order } }, this.present);
    }
    return withoutAbsentConsent({ ...this.model, recognition: r }, this.present);
  }
}

function clamp(x: number, lo: number, hi: number, open = false): number {
  // An open domain (a discount factor in (0, 1)) is kept just inside its ends.
  const eps = open ? 1e-9 : 0;
  return Math.min(hi - eps, Math.max(lo + eps, x));
}

/**
 * One run of the alternating-offers game in a moving world: each round the
 * no-deal state takes a step, then the events are checked (in order, each with
 * its own chance), then one proposer offers and the required parties reply.
 * Values use the realised flows: (1 − δ)·Σ δ^t·flow_t until the deal, then the deal's utility.
 */
export function playWorldRun(model: Model, seed: number, runIndex: number, streams: PlayStreams, trace?: (r: RoundRecord) => void): RunOutcome & { converged: boolean } {
  const def = model.world as WorldDef;
  const { n } = { n: model.parties.length };
  const drawn = new Map<string, number>();
  const base = (p: Param) => {
    let v = drawn.get(p.path);
    if (v === undefined) drawn.set(p.path, (v = drawParam(p, seed, runIndex)));
    return v;
  };
  const w = new RunWorld(model, def, base);
  const byPath = new Map<string, Param>();
  w.current = (path) => base(byPath.get(path) as Param);
  const battlefield = streamFor(seed, runIndex, 'battlefield');
  const eventRng = streamFor(seed, runIndex, 'events');
  const anyRational = model.parties.some((p) => p.strategy.kind === 'rational');
  const anyBayesian = model.parties.some((p) => p.strategy.kind === 'bayesian');
  const flows = new Float64Array(n);
  const solvedFlows = new Float64Array(n);
  const acc = new Float64Array(n);
  const weight = new Float64Array(n).fill(1);
  let converged = true;
  let g!: Game;
  let solved!: Solved;
  let players!: Players;

  const setFlows = () => {
    for (let i = 0; i < n; i++) flows[i] = def.nodeal ? packageUtility(g.rp, i, w.state) - w.cost[i] : reservationParam(g, i, w, base);
    g.rp.reservation.set(flows);
  };
  const resolve = () => {
    if (anyRational) {
      solved.eq = solveEquilibrium(g);
      converged &&= solved.eq.converged;
    }
    solvedFlows.set(flows);
  };
  const rebuild = () => {
    const m = w.seatedModel();
    const rp = resolveRunParams(m, (p) => {
      byPath.set(p.path, p);
      return w.overrides.get(p.path) ?? base(p);
    });
    if (m.recognition.kind === 'random') seatProposers(rp.proposerProbs, w.present);
    g = gameFor(m, rp, !model.utilityDrawn && !w.utilityChanged);
    setFlows();
    solved = { eq: null, world: anyBayesian ? bayesianWorld(g.model, seed, runIndex, g.rp) : null };
    resolve();
    players = new Players(g, solved);
  };
  rebuild();

  const end = (reason?: 'walkedAway'): RunOutcome & { converged: boolean } => {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = acc[i] + weight[i] * flows[i];
    const why = reason ?? (rangeEmpty(g, flows) ? 'noFeasiblePackage' : undefined);
    return { agreed: false, round: 0, terms: null, dealUtils: null, values, ...(why ? { end: why } : {}), fired: w.fired, converged };
  };

  for (let t = 0; t < model.scenario.rounds; t++) {
    if (t > 0 && def.nodeal) w.move(battlefield);
    const { ids, rebuild: changed } = w.events(t + 1, eventRng);
    if (changed) rebuild();
    else {
      setFlows();
      let moved = 0;
      for (let i = 0; i < n; i++) moved = Math.max(moved, Math.abs(flows[i] - solvedFlows[i]));
      // An event is a surprise: rational players re-solve from the new state (they never anticipated it).
      if (ids.length > 0 || moved > RESOLVE_TOL) resolve();
    }
    if (model.parties.some((p, i) => p.required && !w.present[i])) return end('walkedAway');

    const { states, probs } = solved.eq?.recognition ?? solved.world?.ref.eq.recognition ?? recognitionOf(g);
    const s = t % states;
    const j = drawProposer(streams.recognition, probs, s, n);
    let offer = players.offer(j, s, t, streams.play);
    // Nobody signs below its current no-deal flow, even between re-solves (Fearon's range).
    if (offer && offer.utils[j] < flows[j] - ACCEPT_TOL) offer = null;
    const thresholds = new Float64Array(n);
    for (let i = 0; i < n; i++) thresholds[i] = Math.max(players.needed(i, s, t), flows[i]);
    const replies: (boolean | null)[] = model.parties.map((p, i) =>
      offer && i !== j && mustSign(model.consent, offer.combo, n, i) ? reply(offer.utils[i], thresholds[i], p.temperature, streams.reply) : null,
    );
    const chance = model.parties[j].strategy.kind === 'bayesian' && offer ? players.chance : undefined;
    trace?.({ round: t + 1, proposer: j, offer, replies, thresholds, flows: Float64Array.from(flows), ...(ids.length ? { events: ids } : {}), ...(chance === undefined ? {} : { chance }) });
    if (offer && replies.every((r) => r !== false)) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = acc[i] + weight[i] * offer.utils[i];
      return { agreed: true, round: t + 1, terms: offer.values, dealUtils: offer.utils, values, fired: w.fired, converged };
    }
    players.observe(j, offer, replies, s);
    for (let i = 0; i < n; i++) {
      const d = g.rp.discount[i];
      acc[i] += weight[i] * (1 - d) * flows[i];
      weight[i] *= d;
    }
  }
  return end();
}

/** Without a nodeal block, the flow is the party's reservation (an event may have set it). */
function reservationParam(g: Game, i: number, w: RunWorld, base: (p: Param) => number): number {
  const p = g.model.parties[i].reservation;
  return w.overrides.get(p.path) ?? base(p);
}

/** Parties away from the table are not recognised; the others' probabilities are renormalised. */
function seatProposers(probs: Float64Array, present: Uint8Array): void {
  let total = 0;
  for (let i = 0; i < probs.length; i++) total += present[i] ? probs[i] : (probs[i] = 0);
  if (total > 0) for (let i = 0; i < probs.length; i++) probs[i] /= total;
}
