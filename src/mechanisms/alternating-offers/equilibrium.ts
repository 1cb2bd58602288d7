import { andersonFixedPoint } from '../../stats/anderson.js';
import type { Game } from './game.js';
import { ACCEPT_TOL, bestOffer, type Offer } from './offer.js';

/**
 * The recognition process as states: a fixed order cycles through its
 * positions; random recognition is one state that repeats.
 */
export interface Recognition {
  states: number;
  /** Probability that party j proposes in state s: probs[s * n + j]. */
  probs: Float64Array;
}

export function recognitionOf(g: Game): Recognition {
  const r = g.model.recognition;
  if (r.kind === 'random') return { states: 1, probs: Float64Array.from(g.rp.proposerProbs) };
  const probs = new Float64Array(r.order.length * g.n);
  r.order.forEach((j, s) => (probs[s * g.n + j] = 1));
  return { states: r.order.length, probs };
}

const nextState = (s: number, states: number) => (s + 1) % states;

/** The stationary subgame-perfect equilibrium of the infinite game, state by state. */
export interface Equilibrium {
  recognition: Recognition;
  /** Each party's value at the start of a round in state s: V[s * n + i]. */
  V: Float64Array;
  /** Value of rejecting in state s, (1 − δ)·flow + δ·V(next state): w[s * n + i]. */
  w: Float64Array;
  /** Proposer j's equilibrium offer in state s, or null when it prefers to wait: offers[s * n + j]. */
  offers: (Offer | null)[];
  iterations: number;
  residual: number;
  converged: boolean;
}

function thresholds(g: Game, rec: Recognition, V: Float64Array, s: number): Float64Array {
  const { n, rp } = g;
  const next = nextState(s, rec.states);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = (1 - rp.discount[i]) * rp.reservation[i] + rp.discount[i] * V[next * n + i];
  return w;
}

/** Proposer j's offer given thresholds, or null when no offer beats waiting for it. */
function proposal(g: Game, j: number, w: Float64Array): Offer | null {
  const o = bestOffer(g, j, w);
  return o && o.utils[j] >= w[j] - ACCEPT_TOL ? o : null;
}

/** One application of the equilibrium map: expected payoffs in each state given continuation values V. */
function step(g: Game, rec: Recognition, V: Float64Array, offers?: (Offer | null)[]): Float64Array {
  const n = g.n;
  const out = new Float64Array(rec.states * n);
  for (let s = 0; s < rec.states; s++) {
    const w = thresholds(g, rec, V, s);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      if (pj === 0) continue;
      const o = proposal(g, j, w);
      if (offers) offers[s * n + j] = o;
      const pay = o ? o.utils : w;
      for (let i = 0; i < n; i++) out[s * n + i] += pj * pay[i];
    }
  }
  return out;
}

/**
 * Solves V = T(V) from V = no-deal flows, with Anderson acceleration, then
 * records the thresholds and offers at the solution.
 */
export function solveEquilibrium(g: Game): Equilibrium {
  const rec = recognitionOf(g);
  const n = g.n;
  const V0 = new Float64Array(rec.states * n);
  for (let s = 0; s < rec.states; s++) for (let i = 0; i < n; i++) V0[s * n + i] = g.rp.reservation[i];
  const fp = andersonFixedPoint((V) => step(g, rec, V), V0, {
    project: (x) => x.forEach((v, i) => (x[i] = Math.min(1, Math.max(0, v)))),
  });
  const offers: (Offer | null)[] = new Array(rec.states * n).fill(null);
  step(g, rec, fp.x, offers);
  const w = new Float64Array(rec.states * n);
  for (let s = 0; s < rec.states; s++) w.set(thresholds(g, rec, fp.x, s), s * n);
  return { recognition: rec, V: fp.x, w, offers, iterations: fp.iterations, residual: fp.residual, converged: fp.converged };
}
