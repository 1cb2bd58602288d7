import type { Rng } from '../rng/stream.js';
import { BayesianPlay } from '../strategies/bayesian/play.js';
import type { BayesianWorld } from '../strategies/bayesian/world.js';
import { aspiration, concessionOffer } from '../strategies/concession.js';
import { ReciprocalState } from '../strategies/reciprocal.js';
import type { PartyDef } from '../model/types.js';
import { mustSign } from '../model/consent.js';
import type { Equilibrium } from '../solvers/equilibrium.js';
import { recognitionOf } from '../core/recognition.js';
import type { Game } from '../core/game.js';
import { ACCEPT_TOL, type Offer } from '../core/offer.js';

/** How one run ended. */
export interface RunOutcome {
  agreed: boolean;
  /** Round of agreement, 1-based; 0 without agreement in the window. */
  round: number;
  /** The agreed package (raw values; option positions), or null. */
  terms: Float64Array | null;
  /** Each party's utility of the agreed terms, or null. */
  dealUtils: Float64Array | null;
  /** Each party's value of the run: (1 − δ)·Σ δ^t·payoff_t, on the 0–1 scale. */
  values: Float64Array;
  /** Why a run without a deal ended, when not simply at the end of the window with talks going on. */
  end?: 'walkedAway' | 'noFeasiblePackage';
  /** Per event (scenario order): whether it fired in this run (runs with events only). */
  fired?: Uint8Array;
}

/** What happened in one round (for transcripts). */
export interface RoundRecord {
  round: number;
  proposer: number;
  offer: Offer | null;
  /** Per party: accepted (true), rejected (false), or not asked (null). */
  replies: (boolean | null)[];
  /** Per party: the utility it needed to accept. */
  thresholds: Float64Array;
  /** A bayesian proposer's belief that every required responder accepts its offer. */
  chance?: number;
  /** Per party: its no-deal flow this round, when the mechanism moves it (mediator leverage). */
  flows?: Float64Array;
  /** Events that fired at the start of this round (scenario events). */
  events?: string[];
  /** The no-deal state this round (scenarios with a nodeal block; option positions for options issues). */
  state?: Float64Array;
  /** Whether a mediator tabled the text this round (in a world whose mechanism can switch). */
  mediated?: boolean;
}

export function drawProposer(rng: Rng, probs: Float64Array, s: number, n: number): number {
  const u = rng();
  let acc = 0;
  for (let j = 0; j < n; j++) if ((acc += probs[s * n + j]) > u) return j;
  for (let j = n - 1; j >= 0; j--) if (probs[s * n + j] > 0) return j;
  return 0;
}

/** A rational proposer's offer: its equilibrium choice, drawn from the mixture when it mixes. */
function rationalOffer(eq: Equilibrium, sj: number, rng: Rng): Offer | null {
  const c = eq.choices[sj];
  if (c.offers.length === 1) return c.offers[0];
  let u = rng();
  for (let k = 0; k < c.offers.length; k++) if ((u -= c.probs[k]) < 0) return c.offers[k];
  return c.offers[c.offers.length - 1];
}

/** The random streams play draws from: who is recognised, which offer a mixing proposer makes, noisy replies. */
export interface PlayStreams {
  recognition: Rng;
  play: Rng;
  reply: Rng;
}

/** What play needs besides the game: the equilibrium (rational players), the beliefs (bayesian players). */
export interface Solved {
  eq: Equilibrium | null;
  world: BayesianWorld | null;
}

/** One run's players: each party's offers and acceptance levels by its strategy, and what they remember. */
export class Players {
  private readonly bayesian: BayesianPlay | null;
  private readonly reciprocal: ReciprocalState | null;

  constructor(private readonly g: Game, private readonly solved: Solved) {
    this.bayesian = solved.world ? new BayesianPlay(g, solved.world) : null;
    const rates = (p: PartyDef) => (p.strategy.kind === 'reciprocal' ? p.strategy.rate : 0);
    this.reciprocal = g.model.parties.some((p) => p.strategy.kind === 'reciprocal') ? new ReciprocalState(g, Float64Array.from(g.model.parties, rates)) : null;
  }

  offer(j: number, s: number, t: number, rng: Rng): Offer | null {
    const st = this.g.model.parties[j].strategy;
    switch (st.kind) {
      case 'rational':
        return rationalOffer(this.solved.eq as Equilibrium, s * this.g.n + j, rng);
      case 'bayesian': {
        const world = this.solved.world as BayesianWorld;
        // Knowing every responder's type and its own to be as expected, it is in the reference game: its equilibrium choice.
        const bayesian = this.bayesian as BayesianPlay;
        bayesian.lastChance = 1;
        if (this.knowsEveryone(j)) return rationalOffer(world.ref.eq, s * this.g.n + j, rng);
        return bayesian.offer(j, s);
      }
      case 'concession':
        return concessionOffer(this.g, j, aspiration(this.g, j, t, st.exponent, st.horizon));
      case 'reciprocal':
        return concessionOffer(this.g, j, (this.reciprocal as ReciprocalState).aspiration[j]);
    }
  }

  /** The utility party i needs to accept in round t (0-based) and state s, by its strategy. */
  needed(i: number, s: number, t: number): number {
    const st = this.g.model.parties[i].strategy;
    switch (st.kind) {
      case 'rational':
        return (this.solved.eq as Equilibrium).w[s * this.g.n + i];
      case 'bayesian':
        return (this.bayesian as BayesianPlay).needed(i, s);
      case 'concession':
        return aspiration(this.g, i, t, st.exponent, st.horizon);
      case 'reciprocal':
        return (this.reciprocal as ReciprocalState).aspiration[i];
    }
  }

  /** Remembers a round that ended without a deal. */
  observe(j: number, offer: Offer | null, replies: (boolean | null)[], s: number): void {
    if (!offer) return;
    this.bayesian?.observe(offer, replies, s);
    this.reciprocal?.observe(j, offer);
  }

  /** The last bayesian proposer's belief that its offer is accepted (1 when it knew everyone). */
  get chance(): number {
    return this.bayesian?.lastChance ?? 1;
  }

  private knowsEveryone(j: number): boolean {
    const b = (this.solved.world as BayesianWorld).beliefs;
    return b.every((x, i) => !x.uncertain || (i !== j && this.g.model.consent.ever[i] === 0));
  }
}

/**
 * A reply: sharp (accept when the offer is worth at least what is needed) or,
 * with a temperature τ > 0, a quantal response: accept with probability
 * 1 / (1 + exp(−(u − needed) / τ)) (McKelvey & Palfrey 1995).
 */
export function reply(u: number, needed: number, temperature: number, rng: Rng): boolean {
  if (temperature === 0) return u >= needed - ACCEPT_TOL;
  return rng() < 1 / (1 + Math.exp(-(u - needed) / temperature));
}

/**
 * Plays the window's rounds: each round one proposer (fixed cycle or drawn)
 * offers, every party whose consent the offer needs replies, and all accepting ends it.
 * Beyond the window, a run without a deal is scored as no deal forever.
 */
export function playRun(g: Game, solved: Solved, streams: PlayStreams, rounds: number, trace?: (r: RoundRecord) => void): RunOutcome {
  const { n, model } = g;
  const { states, probs } = solved.eq?.recognition ?? solved.world?.ref.eq.recognition ?? recognitionOf(g);
  const players = new Players(g, solved);
  for (let t = 0; t < rounds; t++) {
    const s = t % states;
    const j = drawProposer(streams.recognition, probs, s, n);
    const offer = players.offer(j, s, t, streams.play);
    const thresholds = new Float64Array(n);
    for (let i = 0; i < n; i++) thresholds[i] = players.needed(i, s, t);
    const replies: (boolean | null)[] = model.parties.map((p, i) =>
      offer && i !== j && mustSign(model.consent, offer.combo, n, i) ? reply(offer.utils[i], thresholds[i], p.temperature, streams.reply) : null,
    );
    const chance = model.parties[j].strategy.kind === 'bayesian' && offer ? players.chance : undefined;
    trace?.({ round: t + 1, proposer: j, offer, replies, thresholds, ...(chance === undefined ? {} : { chance }) });
    if (offer && replies.every((r) => r !== false)) return outcome(g, t, offer);
    players.observe(j, offer, replies, s);
  }
  return outcome(g, -1, null);
}

/** Values: no-deal flow for t rounds, then the deal's utility forever (or no deal forever). */
function outcome(g: Game, t: number, offer: Offer | null): RunOutcome {
  const values = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) {
    const d = g.rp.reservation[i];
    if (!offer) values[i] = d;
    else {
      const lag = Math.pow(g.rp.discount[i], t);
      values[i] = (1 - lag) * d + lag * offer.utils[i];
    }
  }
  return { agreed: offer !== null, round: t + 1, terms: offer?.values ?? null, dealUtils: offer?.utils ?? null, values };
}
