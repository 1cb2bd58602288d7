import type { Equilibrium } from '../../solvers/equilibrium.js';
import type { Offer } from '../../core/offer.js';
import { nextState } from '../../core/recognition.js';
import { packageUtility, type RunParams } from '../../model/runParams.js';

/**
 * The reference play as a flat list of entries: in each recognition state,
 * every (proposer, offer) the reference equilibrium makes, with its
 * probability. Entries of state s are [start[s], start[s + 1]).
 */
export interface ReferencePlay {
  states: number;
  start: Int32Array;
  prob: Float64Array;
  proposer: Int32Array;
  /** null: the proposer waits (a round of no deal). */
  offers: (Offer | null)[];
  /** The state each entry belongs to. */
  state: Int32Array;
}

export function referencePlay(ref: Equilibrium, n: number): ReferencePlay {
  const { states, probs } = ref.recognition;
  const start = new Int32Array(states + 1);
  const prob: number[] = [];
  const proposer: number[] = [];
  const offers: (Offer | null)[] = [];
  const state: number[] = [];
  for (let s = 0; s < states; s++) {
    start[s] = prob.length;
    for (let j = 0; j < n; j++) {
      const pj = probs[s * n + j];
      if (pj === 0) continue;
      const choice = ref.choices[s * n + j];
      choice.offers.forEach((o, k) => {
        prob.push(pj * choice.probs[k]);
        proposer.push(j);
        offers.push(o);
        state.push(s);
      });
    }
  }
  start[states] = prob.length;
  return { states, start, prob: Float64Array.from(prob), proposer: Int32Array.from(proposer), offers, state: Int32Array.from(state) };
}

/** What each reference entry's offer is worth to party i of type rp (−∞ when no offer is made). */
export function worthOf(play: ReferencePlay, rp: RunParams, i: number): Float64Array {
  return Float64Array.from(play.offers, (o) => (o ? packageUtility(rp, i, o.values) : -Infinity));
}

const MAX_POLICY_STEPS = 100;

/**
 * Working arrays of `rejectionValues`, grown as needed and reused: it runs a few hundred times per
 * run on a handful of entries, where allocating them cost more than the iteration.
 */
const work = { V: new Float64Array(0), A: new Float64Array(0), B: new Float64Array(0), C: new Float64Array(0), accept: new Uint8Array(0) };
function workFor(S: number, E: number): typeof work {
  if (work.V.length < S) (work.V = new Float64Array(S)), (work.A = new Float64Array(S)), (work.B = new Float64Array(S)), (work.C = new Float64Array(S));
  if (work.accept.length < E) work.accept = new Uint8Array(E);
  return work;
}

/**
 * A party's value of rejecting an offer made in each state — (1 − δ)·flow +
 * δ·(its value of the next round) — when everyone else plays the reference
 * equilibrium (the play of the world in which every private draw sits at its
 * mean: what the parties expect of each other).
 *
 * Its value of a round in state s is
 *   V_s = Σ_e π_e · [q_e · max(a_e, c + δ·V_next) + (1 − q_e) · (c + δ·V_next)]
 * over the reference entries e (probability π_e, worth a_e to it), where q_e
 * is the probability that the others accept entry e (1 in the reference world;
 * lower once the parties believe some of them tougher) and c = (1 − δ)·flow.
 * The map is monotone, piecewise linear and a δ-contraction: policy iteration
 * (which offers it accepts) finds its fixed point exactly in a few steps.
 * For the reference type with every q_e = 1 this returns the reference
 * equilibrium's thresholds (to rounding).
 * Written into out[at .. at + states) (default: a new array), which is returned.
 * Under a decision rule q_e is the chance that e passes with the party's yes, and `passIfNo` r_e with its
 * no: an entry it rejects is then worth r_e · a_e + (1 − r_e) · (c + δ·V_next) (null: r_e = 0, unanimity).
 * `c` may differ by state (a plan's stationary tail: c_s = (1 − δ)·flow + δ·Σ p·V(other fired set, next state)).
 */
export function rejectionValues(
  play: ReferencePlay,
  worth: Float64Array,
  pass: Float64Array | null,
  c: number | Float64Array,
  d: number,
  start: ArrayLike<number>,
  out: Float64Array = new Float64Array(play.states),
  at = 0,
  passIfNo: Float64Array | null = null,
): Float64Array {
  const S = play.states;
  const E = play.prob.length;
  const { V, A, B, C, accept } = workFor(S, E);
  // The flow term by state, read from one array: a parameter that is a number or an array made every loop below polymorphic.
  for (let s = 0; s < S; s++) C[s] = typeof c === 'number' ? c : c[s];
  // Loops, not fill(): the arrays hold a handful of entries.
  for (let s = 0; s < S; s++) V[s] = start[s];
  for (let e = 0; e < E; e++) accept[e] = 0;
  for (let step = 0; step < MAX_POLICY_STEPS; step++) {
    // Which offers beat waiting, given V.
    let changed = step === 0;
    for (let e = 0; e < E; e++) {
      const wait = C[play.state[e]] + d * V[nextState(play.state[e], S)];
      const acc = worth[e] > wait ? 1 : 0;
      if (acc !== accept[e]) (accept[e] = acc), (changed = true);
    }
    if (!changed) break;
    // Under that policy, V_s = A_s + B_s·V_next: a cycle of linear equations.
    for (let s = 0; s < S; s++) (A[s] = 0), (B[s] = 0);
    for (let e = 0; e < E; e++) {
      const s = play.state[e];
      const q = pass ? pass[e] : 1;
      const p = play.prob[e];
      const cs = C[s];
      if (accept[e]) (A[s] += p * q * worth[e] + p * (1 - q) * cs), (B[s] += p * (1 - q) * d);
      else if (passIfNo && passIfNo[e] > 0) {
        // Under a decision rule the others may carry the entry without its vote.
        const r = passIfNo[e];
        (A[s] += p * r * worth[e] + p * (1 - r) * cs), (B[s] += p * (1 - r) * d);
      } else (A[s] += p * cs), (B[s] += p * d);
    }
    solveCycle(A, B, V, S);
  }
  for (let s = 0; s < S; s++) out[at + s] = C[s] + d * V[nextState(s, S)];
  return out;
}

/** Solves V_s = A_s + B_s·V_{(s+1) mod S} (all B_s < 1) in place, for s < S. */
function solveCycle(A: Float64Array, B: Float64Array, V: Float64Array, S: number): void {
  // V_0 = α + β·V_0, composing the chain around the cycle.
  let alpha = 0;
  let beta = 1;
  for (let s = 0; s < S; s++) {
    alpha += beta * A[s];
    beta *= B[s];
  }
  V[0] = alpha / (1 - beta);
  for (let s = S - 1; s >= 1; s--) V[s] = A[s] + B[s] * V[(s + 1) % S];
}
