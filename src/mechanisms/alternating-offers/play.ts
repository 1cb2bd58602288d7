import type { Rng } from '../../rng/stream.js';
import { aspiration, concessionOffer } from '../../strategies/concession.js';
import type { Equilibrium } from './equilibrium.js';
import { recognitionOf } from './recognition.js';
import type { Game } from './game.js';
import { ACCEPT_TOL, type Offer } from './offer.js';

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
  /** Per party: its no-deal flow this round, when the mechanism moves it (mediator leverage). */
  flows?: Float64Array;
}

function drawProposer(rng: Rng, probs: Float64Array, s: number, n: number): number {
  const u = rng();
  let acc = 0;
  for (let j = 0; j < n; j++) if ((acc += probs[s * n + j]) > u) return j;
  for (let j = n - 1; j >= 0; j--) if (probs[s * n + j] > 0) return j;
  return 0;
}

/** The utility party i needs to accept in round t (0-based) and state s, by its strategy. */
function threshold(g: Game, eq: Equilibrium | null, i: number, s: number, t: number): number {
  const st = g.model.parties[i].strategy;
  if (st.kind === 'concession') return aspiration(g, i, t, st.exponent, st.horizon);
  return (eq as Equilibrium).w[s * g.n + i];
}

/** A rational proposer's offer: its equilibrium choice, drawn from the mixture when it mixes. */
function rationalOffer(eq: Equilibrium, sj: number, rng: Rng): Offer | null {
  const c = eq.choices[sj];
  if (c.offers.length === 1) return c.offers[0];
  let u = rng();
  for (let k = 0; k < c.offers.length; k++) if ((u -= c.probs[k]) < 0) return c.offers[k];
  return c.offers[c.offers.length - 1];
}

/** The random streams play draws from: who is recognised, and which offer a mixing proposer makes. */
export interface PlayStreams {
  recognition: Rng;
  play: Rng;
}

/**
 * Plays the window's rounds: each round one proposer (fixed cycle or drawn)
 * offers, every required party replies, and all accepting ends it.
 * Beyond the window, a run without a deal is scored as no deal forever.
 */
export function playRun(g: Game, eq: Equilibrium | null, streams: PlayStreams, rounds: number, trace?: (r: RoundRecord) => void): RunOutcome {
  const { n, model } = g;
  const { states, probs } = eq?.recognition ?? recognitionOf(g);
  for (let t = 0; t < rounds; t++) {
    const s = t % states;
    const j = drawProposer(streams.recognition, probs, s, n);
    const strategy = model.parties[j].strategy;
    const offer =
      strategy.kind === 'rational' ? rationalOffer(eq as Equilibrium, s * n + j, streams.play) : concessionOffer(g, j, aspiration(g, j, t, strategy.exponent, strategy.horizon));
    const thresholds = Float64Array.from({ length: n }, (_, i) => threshold(g, eq, i, s, t));
    const replies: (boolean | null)[] = model.parties.map((p, i) => (offer && i !== j && p.required ? offer.utils[i] >= thresholds[i] - ACCEPT_TOL : null));
    trace?.({ round: t + 1, proposer: j, offer, replies, thresholds });
    if (offer && replies.every((r) => r !== false)) return outcome(g, t, offer);
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
