import { gameFor, type Game } from '../core/game.js';
import type { Mechanism, MechanismRun, Played, RoundView } from '../core/mechanism.js';
import { carried, coalitionMask } from '../core/coalitions.js';
import { type EndReason, type MechanismOutcome, type RoundRecord } from '../core/outcome.js';
import { ValueAccount } from '../core/valueAccount.js';
import { packageUtility } from '../model/runParams.js';
import { mechanismOf } from '../mechanisms/registry.js';
import type { Model } from '../model/types.js';
import type { MechanismKind } from '../mechanisms/specs.js';
import type { RunStreams } from '../rng/runStreams.js';
import { blocker, rangeEmpty } from '../solvers/range.js';
import { solveEquilibrium, type Equilibrium } from '../solvers/equilibrium.js';
import type { RunEngine, RunHooks } from './engine.js';
import { foresees, Players, strategiesIn, textLevel, type Prepared } from './players.js';
import { MovingWorld } from './movingWorld.js';
import { LeverPlan, type PlanNode } from './levers.js';
import type { PlanView } from '../strategies/player.js';

/**
 * Rational players re-solve the stationary equilibrium when a no-deal flow has
 * moved by more than this since their last solve (and whenever an event fires).
 * Between solves every responder still refuses less than its current flow and a
 * proposer never offers less than its own, so no deal leaves Fearon's range.
 */
export const RESOLVE_TOL = 0.005;

/**
 * One run, round by round (PRODUCT.md, "The order within a round"): (1) the no-deal state takes its
 * step, (2) the events are checked, in order, each with its own chance, (3) the mechanism in force plays
 * the round — a proposer offers and the required parties reply, or the mediator tables its text — and
 * (4) the round pays: the deal's utility from then on, or each party's no-deal flow.
 * Without a moving world (no nodeal block, no events) steps 1 and 2 do nothing and the flows stand still.
 */
export class RunPlay {
  private readonly model: Model;
  private readonly n: number;
  private readonly world: MovingWorld | null;
  private g!: Game;
  private mechanism!: Mechanism;
  /** Each mechanism that has played in this run, kept if another takes over and it returns (the mediator's text and memory). */
  private readonly runs = new Map<Mechanism, MechanismRun>();
  private prepared: Prepared | null = null;
  private players: Players | null = null;
  /** Each party's flow before the mechanism's own effects (leverage), and after them (what is paid and what replies are judged against). */
  private unlevered!: Float64Array;
  private readonly flows: Float64Array;
  private readonly solvedFlows: Float64Array;
  private readonly account: ValueAccount;
  /** Whether some party's strategy reads the equilibrium (the parties' strategies do not change during a run). */
  private readonly solves: boolean;
  /** The mechanism run that levers the flows (a mediator that has drafted in this run), once there is one. */
  private lever: MechanismRun | null = null;
  private converged = true;
  /** Whether some party's strategy reads a plan without the equilibrium (bayesian players). */
  private readonly readsPlan: boolean;
  /** Whether players see the events coming (some event is anticipated and some strategy reads the equilibrium or a plan). */
  private readonly anticipates: boolean;
  /** Their plan over what the events may do, from the round it was made (engine/levers.ts); null until the first round's events. */
  private plan: LeverPlan | null = null;
  /**
   * The plan of the world bayesian players believe in (private draws and private priors at their means),
   * made with `plan`; `plan` itself when nothing is private or no strategy reads it.
   */
  private referencePlan: LeverPlan | null = null;
  /** The round being played (0-based): a plan is made from it. */
  private t = -1;
  /** The games of this run's plans (LeverPlan `games`): the run's own parameters, and the reference plans' (private ones at their means). */
  private readonly planGames = { run: new Map<string, Game>(), atMeans: new Map<string, Game>() };
  /** Under a plan, each party's value of no deal ever along its own expected path (the floor of what it signs); null otherwise. */
  private floors: Float64Array | null = null;
  /** Whether a range existed as talks opened, and who blocked it when none did. */
  private opening: { range: boolean; blocker?: number } | undefined;
  /** The round the first event fired in (0: none yet). */
  private firstEvent = 0;
  /** A deal in force that can break down: its terms, its worth with the risk, its terms' utility, its hazard. */
  private standing: { terms: Float64Array; worth: Float64Array; raw: Float64Array; hazard: number } | null = null;
  /** The first deal's round (0: none yet), and whether a collapse led to war for good. */
  private firstDeal = 0;
  private atWar = false;
  /** The terms of the last deal made and their utility (what a run whose deal collapsed reports). */
  private lastTerms: Float64Array | null = null;
  private lastUtils: Float64Array | null = null;
  private readonly collapses = { collapses: 0, firstCollapse: 0, warRounds: 0 };
  /** Under a decision rule, the winning coalition of the last deal made (core/coalitions.ts `coalitionMask`). */
  private coalition = 0;

  constructor(
    private readonly engine: RunEngine,
    private readonly streams: RunStreams,
    private readonly hooks: RunHooks,
  ) {
    this.model = engine.model;
    this.n = this.model.parties.length;
    this.flows = new Float64Array(this.n);
    this.solvedFlows = new Float64Array(this.n);
    this.world = this.model.world ? new MovingWorld(this.model, streams) : null;
    if (this.world) this.unlevered = new Float64Array(this.n);
    this.solves = strategiesIn(this.model).some((e) => e.usesEquilibrium);
    this.readsPlan = strategiesIn(this.model).some((e) => e.readsPlan);
    this.anticipates = (this.solves || this.readsPlan) && this.world !== null && this.world.anticipates;
    // A deal that can break down pays round by round: the accounting is the general one.
    this.account = new ValueAccount(this.n, !this.world && !scenarioMechanism(this.model).movesFlows && !this.model.breakdown);
  }

  play(): MechanismOutcome {
    if (this.world) this.rebuild();
    else this.startStatic();
    // Players who see the events coming plan from the first round's events on: the start is told after them.
    if (!this.anticipates) this.hooks.start?.(this.g, this.prepared?.eq ?? null, Float64Array.from(this.flows));
    for (let t = 0; t < this.model.scenario.rounds; t++) {
      this.t = t;
      if (this.standing && this.keeps(t)) continue;
      if (this.atWar) {
        if (this.world) this.worldStep(t);
        this.account.pay(this.flows, this.g.rp.discount);
        this.collapses.warRounds++;
        continue;
      }
      const events = this.world ? this.worldStep(t) : [];
      if (events.length > 0 && this.firstEvent === 0) this.firstEvent = t + 1;
      if (t === 0) this.opening = this.openingRange();
      if (this.anticipates && t === 0) this.hooks.start?.(this.g, this.prepared?.eq ?? null, Float64Array.from(this.flows));
      if (this.world?.requiredAway()) {
        this.hooks.walkout?.(t + 1, events);
        return this.end('walkedAway');
      }
      if (!this.world && this.lever) this.setFlows();
      const view = this.view();
      const run = this.runOf(this.mechanism);
      const played = run.round(t, view);
      this.hooks.round?.(this.record(t, played, events));
      if (carried(this.g, played)) {
        if (this.model.decision) this.coalition = coalitionMask(played);
        if (!this.model.breakdown) return this.deal(t, played.offer.values, played.offer.utils);
        this.agree(t, played.offer.values, played.offer.utils);
        continue;
      }
      run.rejected(t, played, view);
      if (played.left) return this.leave(t, played.left);
      this.account.pay(this.flows, this.g.rp.discount);
      if (this.collapses.collapses > 0) this.collapses.warRounds++;
    }
    if (this.standing) return this.deal(this.firstDeal - 1, this.standing.terms, this.standing.worth);
    if (this.firstDeal > 0) return this.collapsedEnd();
    return this.end();
  }

  /**
   * A deal that can break down was accepted in round t: it pays its terms' utility from this round on,
   * until it collapses (`keeps`). Its hazard and worth (with the risk, as the offer was valued) are kept.
   */
  private agree(t: number, terms: Float64Array, worth: Float64Array): void {
    const raw = Float64Array.from({ length: this.n }, (_, i) => packageUtility(this.g.rp, i, terms));
    this.standing = { terms, worth, raw, hazard: (this.model.breakdown as NonNullable<Model['breakdown']>).hazard(terms) };
    this.lastTerms = terms;
    this.lastUtils = worth;
    if (this.firstDeal === 0) this.firstDeal = t + 1;
    this.account.pay(raw, this.g.rp.discount);
  }

  /** Whether the deal in force holds through round t (then it pays); if not, it collapses: back to the table, or war for good. */
  private keeps(t: number): boolean {
    const deal = this.standing as NonNullable<RunPlay['standing']>;
    if (!(this.streams.breakdown() < deal.hazard)) {
      this.account.pay(deal.raw, this.g.rp.discount);
      return true;
    }
    this.standing = null;
    this.collapses.collapses++;
    if (this.collapses.firstCollapse === 0) this.collapses.firstCollapse = t + 1;
    this.hooks.collapse?.(t + 1);
    const def = this.model.breakdown as NonNullable<Model['breakdown']>;
    if (def.cost) this.account.charge(def.cost);
    if (def.after === 'war') this.atWar = true;
    return false;
  }

  /** The end of a run whose deal collapsed and was not remade: scored at the flows from then on, with the first deal's round and last terms. */
  private collapsedEnd(): MechanismOutcome {
    const out = this.end();
    return { ...out, agreed: true, round: this.firstDeal, terms: this.lastTerms, dealUtils: this.lastUtils, end: undefined, ...this.won(), breakdown: { ...this.collapses, holding: false } };
  }

  /** Whether a bargaining range exists as talks open (on the flows, or under a plan on the values of no deal); when none does, who blocks it. */
  private openingRange(): { range: boolean; blocker?: number } {
    // Under a plan a party's floor is its value of no deal along its own path, not today's flow.
    const floors = this.planFloors() ?? this.flows;
    if (!rangeEmpty(this.g, floors)) return { range: true };
    return { range: false, blocker: blocker(this.g, floors) };
  }

  /** A run without a moving world: its game (shared by every run when nothing is drawn), its players, flows that stand still. */
  private startStatic(): void {
    this.mechanism = scenarioMechanism(this.model);
    const { g, prepared } = this.engine.staticStart(this.streams, this.mechanism.usesPlayers);
    this.g = g;
    this.unlevered = g.rp.reservation;
    this.flows.set(this.unlevered);
    this.prepared = prepared;
    if (prepared) {
      this.converged = prepared.converged;
      this.players = new Players(g, prepared);
    } else this.runOf(this.mechanism);
  }

  /** Steps 1 and 2 of a round in a moving world; the ids of the events that fired. */
  private worldStep(t: number): string[] {
    const w = this.world as MovingWorld;
    const { ids, rebuild } = w.step(t);
    if (rebuild) this.rebuild();
    else {
      this.setFlows();
      let moved = 0;
      for (let i = 0; i < this.n; i++) moved = Math.max(moved, Math.abs(this.flows[i] - this.solvedFlows[i]));
      // Without anticipation an event is a surprise: rational players re-solve from the new state.
      if (this.anticipates || ids.length > 0 || moved > RESOLVE_TOL) this.resolve();
    }
    return ids;
  }

  /** A new game for the world as it stands (start, or an event changed a parameter, who is at the table or the mechanism). */
  private rebuild(): void {
    const w = this.world as MovingWorld;
    this.g = gameFor(...w.gameArgs(this.g));
    this.mechanism = mechanismOf(w.mechanismKind());
    this.setFlows();
    this.prepared = null;
    this.players = null;
    if (this.mechanism.usesPlayers) {
      this.prepared = this.engine.prepare(this.g, this.streams, false, this.anticipates);
      this.converged &&= this.prepared.converged;
    } else this.runOf(this.mechanism);
    this.resolve();
    if (this.prepared) this.players = new Players(this.g, this.prepared);
  }

  /**
   * The equilibrium of round t for players who see the events coming: the plan's, while the run is on a
   * branch it foresaw with flows within RESOLVE_TOL of those it expected; otherwise (a surprise fired,
   * the state strayed from its expected path) a new plan from the world as it stands.
   */
  private planned(): Equilibrium {
    const w = this.world as MovingWorld;
    const offsets = w.beliefOffsets();
    let node = this.plan && sameOffsets(this.plan.offsets, offsets) ? this.plan.at(this.t, w.fired) : undefined;
    // A branch the run can go on with: one with an equilibrium, or in a plan made for floors only, one where the talks go on.
    const usable = (x: PlanNode | undefined) => !!x && (x.eq !== null || (!(this.plan as LeverPlan).solved && !x.away));
    if (usable(node)) {
      let moved = 0;
      for (let i = 0; i < this.n; i++) moved = Math.max(moved, Math.abs((node as PlanNode).seen[i] - this.unlevered[i]));
      if (moved > RESOLVE_TOL) node = undefined;
    }
    if (!usable(node)) {
      const referenced = this.readsPlan && w.hasPrivate;
      const rounds = this.model.scenario.rounds;
      this.plan = new LeverPlan(w, this.t, w.snapshot(), rounds, offsets, this.engine.stretches, this.readsPlan && !w.hasPrivate, !this.floorsOnly(referenced), this.planGames.run);
      node = this.plan.at(this.t, w.fired);
      if (referenced) {
        const root = w.referenceSnapshot();
        this.referencePlan = w.atMeans(() => new LeverPlan(w, this.t, root, rounds, w.beliefOffsets(true), new Map(), true, true, this.planGames.atMeans));
      } else this.referencePlan = this.plan;
    }
    this.floors = node?.noDeal ?? null;
    // What follows a collapse is valued as the plan's branch values it (the range check reads this game's).
    if (node?.back && this.g.breakdown) this.g.breakdown.back.set(node.back);
    // Players that play the reference plan: its equilibrium (which the run's convergence then counts).
    const eq = node?.eq ?? (node && !node.away && !this.plan?.solved ? this.referencePlan?.at(this.t, w.fired)?.eq : null);
    // A branch where a party whose consent is needed has left has no equilibrium: the run ends this round.
    return eq ?? solveEquilibrium(this.g);
  }

  /**
   * Whether the run's own plan is needed for its floors only, not solved: no strategy plays an equilibrium, the
   * players play the reference plan (`referenced`: something is private), and no deal can break down (a
   * collapse's value is the solved plan's). From the second round: the first round's equilibrium is the one
   * `explain` reports as what rational players expect.
   */
  private floorsOnly(referenced: boolean): boolean {
    return referenced && !this.solves && !this.g.breakdown && this.t > 0;
  }

  /** The reference plan where the run is this round, as bayesian players read it; null where it has no equilibrium (the talks are over). */
  private planView(): PlanView | null {
    const w = this.world as MovingWorld;
    const at = this.referencePlan?.at(this.t, w.fired);
    if (!at?.eq) return null;
    return {
      t: this.t,
      at,
      flowOf: (b, i, type) => w.typeFlow(b.g, (b as PlanNode).world, b.depth, i, type),
      offsetOf: (i, means) => w.offsetFor(i, means),
    };
  }

  /** The flows moved or an event fired: the mechanism in force follows (a mediator redrafts; rational players re-solve). */
  private resolve(): void {
    if (!this.mechanism.usesPlayers) this.runOf(this.mechanism).reframe(this.g, this.unlevered);
    else if (this.prepared && this.anticipates) {
      // Before the first round's events there is nothing to play yet: the plan starts after them.
      if (this.t < 0) return;
      const eq = this.planned();
      this.converged &&= eq.converged;
      this.prepared.eq = eq;
      const view = this.readsPlan ? this.planView() : null;
      this.prepared.plan = view;
      this.players?.resolved(eq, view);
    } else if (this.prepared && this.solves) {
      const eq = solveEquilibrium(this.g);
      this.converged &&= eq.converged;
      this.prepared.eq = eq;
      this.players?.resolved(eq);
    }
    this.solvedFlows.set(this.flows);
  }

  /** Each party's flow this round: the no-deal state's utility less the cost of war (or its reservation), after the mechanism's leverage. */
  private setFlows(): void {
    this.world?.flowsBeforeLeverage(this.g, this.unlevered);
    if (this.lever?.lever) this.lever.lever(this.g, this.unlevered, this.flows);
    else this.flows.set(this.unlevered);
    // In a moving world the game is the run's own: its equilibrium is solved on the flows as they stand.
    if (this.world) this.g.rp.reservation.set(this.flows);
  }

  private runOf(m: Mechanism): MechanismRun {
    let run = this.runs.get(m);
    if (!run) {
      this.runs.set(m, (run = m.start(this.g, this.unlevered, textLevel, foresees)));
      if (run.lever) this.lever = run;
    }
    return run;
  }

  /** Under a plan (the players in force plan ahead), each party's value of no deal along its own path: the floor it signs at; null otherwise. */
  private planFloors(): Float64Array | null {
    return this.anticipates && this.mechanism.usesPlayers ? this.floors : null;
  }

  private view(): RoundView {
    // Under a plan nobody signs below its value of no deal along its own path; otherwise below its flow.
    return { g: this.g, parties: this.players as Players, rng: this.streams, flows: this.planFloors() ?? this.flows, guard: this.world !== null };
  }

  private record(t: number, played: Played, events: string[]): RoundRecord {
    const { proposer, offer, replies, thresholds, chance, mediated, left } = played;
    const moving = this.world !== null || this.mechanism.movesFlows;
    const floors = this.planFloors();
    return {
      round: t + 1,
      proposer,
      offer,
      replies,
      thresholds,
      ...(chance === undefined ? {} : { chance }),
      ...(mediated ? { mediated } : {}),
      ...(left ? { left } : {}),
      ...(moving ? { flows: Float64Array.from(this.flows) } : {}),
      ...(floors ? { noDeal: Float64Array.from(floors) } : {}),
      ...(this.world?.hasState ? { state: Float64Array.from(this.world.state) } : {}),
      ...(events.length ? { events } : {}),
    };
  }

  private deal(t: number, terms: Float64Array, utils: Float64Array): MechanismOutcome {
    const values = this.account.deal(utils, this.flows, this.g.rp.discount);
    const risk = this.model.breakdown ? { breakdown: { ...this.collapses, holding: true } } : {};
    return { agreed: true, round: t + 1, terms, dealUtils: utils, values, ...this.won(), ...this.fired(), ...risk, converged: this.converged };
  }

  /** Under a decision rule, the winning coalition of the deal. */
  private won(): { coalition?: number } {
    return this.model.decision ? { coalition: this.coalition } : {};
  }

  /**
   * Parties that rejected in round t took their outside options: the talks end (a leaver's consent was
   * needed: it was asked). From this round on each leaver is paid its option, every other party its flow
   * as it stands (docs/model.md, "Outside options").
   */
  private leave(t: number, left: number[]): MechanismOutcome {
    if (this.lever) this.setFlows();
    const after = Float64Array.from(this.flows);
    const o = this.g.rp.outside as Float64Array;
    for (const i of left) after[i] = o[i];
    const values = this.account.deal(after, this.flows, this.g.rp.discount);
    return { agreed: false, round: 0, terms: null, dealUtils: null, values, end: 'tookOutsideOption', left: { parties: left, round: t + 1 }, ...this.fired(), converged: this.converged };
  }

  private end(reason?: EndReason): MechanismOutcome {
    // The leverage of the last rejected text applies from then on.
    if (this.lever) this.setFlows();
    const values = this.account.noDeal(this.flows);
    const why = reason ?? (rangeEmpty(this.g, this.flows) ? 'noFeasiblePackage' : undefined);
    return { agreed: false, round: 0, terms: null, dealUtils: null, values, ...(why ? { end: why } : {}), ...this.fired(), converged: this.converged };
  }

  private fired(): { fired?: Uint8Array; start?: { range: boolean; blocker?: number }; firstEvent?: number } {
    return { ...(this.opening ? { start: this.opening } : {}), ...(this.world ? { fired: this.world.fired, firstEvent: this.firstEvent } : {}) };
  }
}

/** Whether two plans' beliefs are the same (a party that learned something since makes a new plan). */
function sameOffsets(a: (Float64Array | null)[], b: (Float64Array | null)[]): boolean {
  return a.every((x, i) => {
    const y = b[i];
    if (x === null || y === null) return x === y;
    return x.every((v, k) => v === y[k]);
  });
}

/** The mechanism the scenario names (the expected-utility forecast never reaches the engine: it has its own path). */
function scenarioMechanism(model: Model): Mechanism {
  const kind = model.scenario.mechanism.kind;
  if (kind === 'expected-utility') throw new Error('invariant: the expected-utility model forecasts positions; it is not played by the engine');
  return mechanismOf(kind satisfies MechanismKind);
}
