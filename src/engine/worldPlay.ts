import { streamFor } from '../rng/stream.js';
import { drawParam, type Param } from '../model/params.js';
import { packageUtility, resolveRunParams } from '../model/runParams.js';
import type { Model } from '../model/types.js';
import type { WorldDef } from '../model/world.js';
import { bayesianWorld } from '../strategies/bayesian/world.js';
import { MediationSession } from '../mechanisms/mediator/session.js';
import { solveEquilibrium, type Equilibrium } from '../solvers/equilibrium.js';
import { gameFor, type Game } from '../core/game.js';
import { ACCEPT_TOL } from '../core/offer.js';
import { drawProposer, Players, reply, type PlayStreams, type RoundRecord, type RunOutcome, type Solved } from './play.js';
import { rangeEmpty } from '../solvers/range.js';
import { recognitionOf } from '../core/recognition.js';
import { RunWorld } from './runWorld.js';
import { mustSign } from '../model/consent.js';

/**
 * Rational players re-solve the stationary equilibrium when a no-deal flow has
 * moved by more than this since their last solve (and whenever an event fires).
 * Between solves every responder still refuses less than its current flow and a
 * proposer never offers less than its own, so no deal leaves Fearon's range.
 */
export const RESOLVE_TOL = 0.005;

/** Hooks for transcripts: each round as played, the game and equilibrium the run starts from, and a walk-out. */
export interface WorldTrace {
  round?: (r: RoundRecord) => void;
  start?: (g: Game, eq: Equilibrium | null) => void;
  /** A party whose consent is needed left the table in this round, after these events fired. */
  walkout?: (round: number, events: string[]) => void;
}

/**
 * One run in a moving world: each round the no-deal state takes a step, then
 * the events are checked (in order, each with its own chance), then the
 * mechanism in force plays the round — one proposer offers and the required
 * parties reply (alternating offers), or the mediator tables its text (mediator).
 * Values use the realised flows: (1 − δ)·Σ δ^t·flow_t until the deal, then the deal's utility.
 */
export function playWorldRun(model: Model, seed: number, runIndex: number, streams: PlayStreams, hooks: WorldTrace = {}): RunOutcome & { converged: boolean } {
  const def = model.world as WorldDef;
  const trace = hooks.round;
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
  // Each party's flow before mediator leverage, and after it (what is paid and what replies are judged against).
  const unlevered = new Float64Array(n);
  const flows = new Float64Array(n);
  const solvedFlows = new Float64Array(n);
  const acc = new Float64Array(n);
  const weight = new Float64Array(n).fill(1);
  let converged = true;
  let g!: Game;
  let solved!: Solved;
  let players = null as Players | null;
  // The mediator's text and memory: created when it first drafts, kept if it steps back and returns.
  let session = null as MediationSession | null;

  const setFlows = () => {
    for (let i = 0; i < n; i++) unlevered[i] = def.nodeal ? packageUtility(g.rp, i, w.state) - w.cost[i] : reservationParam(g, i, w, base);
    levered(unlevered, session, g, flows);
    g.rp.reservation.set(flows);
  };
  const resolve = () => {
    if (session && w.mediating()) session.reframe(g, Float64Array.from(unlevered));
    else if (anyRational) {
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
    g = gameFor(m, rp, !model.utilityDrawn && !w.utilityChanged, g);
    setFlows();
    solved = { eq: null, world: null };
    players = null;
    if (w.mediating()) session ??= new MediationSession(g, Float64Array.from(unlevered));
    else if (anyBayesian) solved.world = bayesianWorld(g.model, seed, runIndex, g.rp);
    resolve();
    if (!w.mediating()) players = new Players(g, solved);
  };
  rebuild();
  hooks.start?.(g, solved.eq);

  const end = (reason?: 'walkedAway'): RunOutcome & { converged: boolean } => {
    // The leverage of the last rejected text applies from then on.
    if (session) setFlows();
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
    if (model.parties.some((p, i) => p.required && !w.present[i])) {
      hooks.walkout?.(t + 1, ids);
      return end('walkedAway');
    }

    const world = { flows: Float64Array.from(flows), ...(def.nodeal ? { state: Float64Array.from(w.state) } : {}), ...(ids.length ? { events: ids } : {}) };
    const played = players ? alternatingRound(g, players, solved, streams, t, flows) : mediatedRound(g, session as MediationSession, t, flows);
    trace?.({ round: t + 1, ...played, ...world });
    const { offer, replies } = played;
    if (offer && replies.every((r) => r !== false)) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = acc[i] + weight[i] * offer.utils[i];
      return { agreed: true, round: t + 1, terms: offer.values, dealUtils: offer.utils, values, fired: w.fired, converged };
    }
    if (players) players.observe(played.proposer, offer, replies, t % played.states);
    else (session as MediationSession).rejected(t, replies);
    for (let i = 0; i < n; i++) {
      const d = g.rp.discount[i];
      acc[i] += weight[i] * (1 - d) * flows[i];
      weight[i] *= d;
    }
  }
  return end();
}

type Played = Omit<RoundRecord, 'round'> & { states: number };

/** One round of alternating offers: a proposer is recognised, offers, and the required parties reply. */
function alternatingRound(g: Game, players: Players, solved: Solved, streams: PlayStreams, t: number, flows: Float64Array): Played {
  const { n, model } = g;
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
  return { proposer: j, offer, replies, thresholds, states, ...(chance === undefined ? {} : { chance }) };
}

/** One round under the mediator: its text, each signatory's reply against its level (never below its current flow). */
function mediatedRound(g: Game, session: MediationSession, t: number, flows: Float64Array): Played {
  const { text, replies, levels } = session.round(t, flows);
  return { proposer: (g.model.mediation as { mediator: number }).mediator, offer: text, replies, thresholds: levels, states: 1, mediated: true };
}

/** The flows after mediator leverage: each rejection of the text lowers the rejecter's flow, never below 0 (or below a flow already negative). */
function levered(unlevered: Float64Array, session: MediationSession | null, g: Game, out: Float64Array): void {
  const lev = g.rp.mediation?.leverage;
  for (let i = 0; i < out.length; i++) {
    const cut = session && lev ? lev[i] * session.rejections[i] : 0;
    out[i] = cut > 0 ? unlevered[i] - Math.min(cut, Math.max(0, unlevered[i])) : unlevered[i];
  }
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
