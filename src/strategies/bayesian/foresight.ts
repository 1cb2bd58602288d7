import type { Equilibrium } from '../../solvers/equilibrium.js';
import type { Offer } from '../../core/offer.js';
import { nextState } from '../../core/recognition.js';
import { packageUtility } from '../../model/runParams.js';
import type { PlanBranch, PlanType, PlanView } from '../player.js';
import { referencePlay, rejectionValues, type ReferencePlay } from './rejection.js';

/**
 * Bayesian players who see levers coming (docs/model.md, "Bayesian players under a plan"): a type's value of
 * rejecting in round t is W_t = (1 − δ)·flow_t + δ·E[V_{t+1}], where the expectation runs over the branches
 * of the reference plan (the world the players believe in: private draws and private priors at their means)
 * and V at a branch is what the type gets when every proposer makes the plan's offer there and the type
 * accepts it when it beats its own value of rejecting there,
 *   V = Σ_e π_e·max(a_e, W),
 * worked backward from the stationary tail (rejection.ts's fixed point, with the tail's chance of staying
 * and its moves to the other fired sets). The others are assumed to accept the plan's offers (q = 1).
 */
export function plannedThreshold(view: PlanView, i: number, type: PlanType, d: number, privateUtility: boolean): number {
  const n = view.at.g.n;
  const worth = (o: Offer | null): number => (!o ? -Infinity : privateUtility ? packageUtility(type.params as NonNullable<PlanType['params']>, i, o.values) : o.utils[i]);
  const inWindow = new Map<PlanBranch, number>();
  const tails = new Map<PlanBranch, Float64Array>();
  const flow = (b: PlanBranch) => view.flowOf(b, i, type);

  const tailValues = (b: PlanBranch): Float64Array => {
    let v = tails.get(b);
    if (v) return v;
    const eq = b.eq;
    if (b.away || !eq) v = Float64Array.of(flow(b));
    else {
      const S = eq.recognition.states;
      const f = flow(b);
      const c = new Float64Array(S).fill((1 - d) * f);
      for (const { p, node } of b.next) {
        const other = tailValues(node);
        for (let s = 0; s < S; s++) c[s] += d * p * at(other, nextState(s, S), S);
      }
      const play = playOf(eq, n);
      const worths = Float64Array.from(play.offers, worth);
      const start = Float64Array.from({ length: S }, (_, s) => eq.V[s * n + i]);
      const W = rejectionValues(play, worths, null, c, d * (b.stay ?? 0), start);
      v = Float64Array.from({ length: S }, (_, s) => roundValue(eq, s, n, worth, W[s]));
    }
    tails.set(b, v);
    return v;
  };

  /** V at the start of branch b's round (`round`, 0-based). */
  const value = (b: PlanBranch, round: number): number => {
    const known = inWindow.get(b);
    if (known !== undefined) return known;
    let v: number;
    if (b.away || !b.eq) v = flow(b);
    else if (b.tail) {
      const tv = tailValues(b.tail);
      v = tv[round % tv.length];
    } else v = roundValue(b.eq, round % b.eq.recognition.states, n, worth, rejecting(b, round));
    inWindow.set(b, v);
    return v;
  };

  /** W at branch b in round `round`: (1 − δ)·flow + δ·E[V(next round)]. */
  const rejecting = (b: PlanBranch, round: number): number => {
    let next = 0;
    for (const { p, node } of b.next) next += p * value(node, round + 1);
    return (1 - d) * flow(b) + d * next;
  };

  return rejecting(view.at, view.t);
}

/** V of a round in state s: Σ over the plan's offers e of π_e·max(a_e, W) (a waiting proposer: W). */
function roundValue(eq: Equilibrium, s: number, n: number, worth: (o: Offer | null) => number, W: number): number {
  const { probs } = eq.recognition;
  let v = 0;
  for (let j = 0; j < n; j++) {
    const pj = probs[s * n + j];
    if (pj === 0) continue;
    const choice = eq.choices[s * n + j];
    for (let k = 0; k < choice.offers.length; k++) {
      const a = worth(choice.offers[k]);
      v += pj * choice.probs[k] * (a > W ? a : W);
    }
  }
  return v;
}

/** other's value in the state after s: its own state when the recognition matches, else its mean over its states. */
function at(other: Float64Array, s: number, S: number): number {
  if (other.length === S) return other[s];
  let v = 0;
  for (const x of other) v += x;
  return v / other.length;
}

const plays = new WeakMap<Equilibrium, ReferencePlay>();
function playOf(eq: Equilibrium, n: number): ReferencePlay {
  let p = plays.get(eq);
  if (!p) plays.set(eq, (p = referencePlay(eq, n)));
  return p;
}
