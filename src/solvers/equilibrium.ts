import { andersonFixedPoint } from './anderson.js';
import { newtonFixedPoint } from './newton.js';
import { closedFormOf } from './closedForm/index.js';
import type { Game } from '../core/game.js';
import { exactNewton } from './exactNewton.js';
import { fillThresholds, nextState, recognitionOf, type RecognitionStates } from '../core/recognition.js';
import { topOffers } from './proposer.js';
import { pureChoices } from './pureChoices.js';
import { decisionMapJacobian, hasDecisionJacobian } from './decisionJacobian.js';
import { choiceKey, offerForKey } from './coalitionChoice.js';
import { applyMap, collapseAt, mapOptions, type MapOptions, type OfferChoice } from './map.js';
import {
  AVERAGED_TOL, AVERAGING_PASSES, EXACT_NEWTON_EVALS, NEWTON_ITERATIONS, NEWTON_STALL, PURE_ITERATIONS, PURE_STALL, SMOOTH_ITERATIONS, SMOOTH_STALL, TEMPERATURE,
} from './constants.js';

export type { OfferChoice } from './map.js';
export { AVERAGED_TOL, TEMPERATURE } from './constants.js';

/** The stationary subgame-perfect equilibrium of the infinite game, state by state. */
export interface Equilibrium {
  recognition: RecognitionStates;
  /** Each party's value at the start of a round in state s: V[s * n + i]. */
  V: Float64Array;
  /** Value of rejecting in state s, (1 − δ)·flow + δ·V(next state), or the outside option when it is worth more: w[s * n + i]. */
  w: Float64Array;
  /** With outside options (rp.outside): the value of rejecting and staying at the table, (1 − δ)·flow + δ·V(next state); null without. */
  cont: Float64Array | null;
  /** Proposer j's equilibrium choice in state s: choices[s * n + j]. */
  choices: OfferChoice[];
  /** Whether the smoothed (mixed) solve was needed. */
  mixed: boolean;
  iterations: number;
  residual: number;
  converged: boolean;
}

/**
 * Residual the exact solve must reach. Offers are precise to ~1e-11 (refinement,
 * tabulated utilities), and near δ = 1 the fixed point amplifies that by
 * 1/(1 − δ), so the tolerance scales with it: 1e-8 at δ = 0.99, 1e-6 at 0.9999.
 */
function pureTolerance(g: Game): number {
  let top = 0;
  for (const d of g.rp.discount) if (d > top) top = d;
  return 1e-10 / (1 - top);
}

function thresholds(g: Game, rec: RecognitionStates, V: Float64Array, s: number, cont?: Float64Array): Float64Array {
  const w = new Float64Array(g.n);
  fillThresholds(g, V, nextState(s, rec.states), w, cont);
  return w;
}

/** T(V) in a new array (for Newton by differences, which keeps its iterates). */
function mapped(g: Game, rec: RecognitionStates, V: Float64Array, opts: MapOptions): Float64Array {
  const out = new Float64Array(rec.states * g.n);
  applyMap(g, rec, V, out, opts);
  return out;
}

/** T(V) at τ = 0 on the closed form in a new array, and its exact Jacobian into J (map.ts). */
function mappedWithJacobian(g: Game, rec: RecognitionStates, V: Float64Array, J: Float64Array): Float64Array {
  const out = new Float64Array(rec.states * g.n);
  applyMap(g, rec, V, out, mapOptions(0, { jacobian: J }));
  return out;
}

/** T(V) at τ = 0 by the coalitions' search (a decision rule) in a new array, and its exact Jacobian into J (decisionJacobian.ts). */
function decisionMapped(g: Game, rec: RecognitionStates, V: Float64Array, J: Float64Array): Float64Array {
  const out = new Float64Array(rec.states * g.n);
  decisionMapJacobian(g, rec, V, out, J);
  return out;
}

const clamp01 = (x: Float64Array) => x.forEach((v, i) => (x[i] = Math.min(1, Math.max(0, v))));

/**
 * Solves V = T(V) from V = no-deal flows with Anderson acceleration. When
 * discrete options make T jump, no pure stationary equilibrium exists and
 * the iteration cycles: then (1) the proposer's choice among combinations of
 * options is smoothed (a logit at temperature τ: map.ts) and solved again
 * from the last point; (2) if T still jumps — a responder's threshold
 * crossing the edge of what can be offered — averaging finds the fixed point
 * of T's convex hull (`averageFixedPoint`), where an indifferent player mixes.
 * With `valuesOnly`, the equilibrium's values (V, w, the stats) without the proposers' choices (`choices`
 * empty): for a game nobody plays, such as a plan's branches past the window (engine/levers.ts).
 */
export function solveEquilibrium(g: Game, valuesOnly = false): Equilibrium {
  const rec = recognitionOf(g);
  const n = g.n;
  const V0 = new Float64Array(rec.states * n);
  for (let s = 0; s < rec.states; s++) for (let i = 0; i < n; i++) V0[s * n + i] = g.rp.reservation[i];
  const tol = pureTolerance(g);
  const pure = mapOptions(0);
  // The map's pieces (each proposer's choice: map.ts `MapOptions.piece`) restart Anderson's history when an iterate changes piece.
  let fp = andersonFixedPoint((V, out) => applyMap(g, rec, V, out, pure), V0, { project: clamp01, maxIterations: PURE_ITERATIONS, stallWindow: PURE_STALL, tol, piece: () => pure.piece });
  let iterations = fp.iterations;
  // Anderson can stall near δ = 1 on a map it has brought close to its fixed point; Newton finishes it.
  if (!fp.converged) {
    const cf = closedFormOf(g);
    // Off the closed form, Newton by differences. With a breakdown hazard, and under a decision rule (the coalitions'
    // search), Newton's steps as by differences (the path that selects the equilibrium: docs/model.md "Which
    // equilibrium") with the exact Jacobian, which costs no evaluations of its own.
    const exact = cf && !g.model.decision;
    const byDifferences = { tol, project: clamp01, maxIterations: NEWTON_ITERATIONS, stallWindow: NEWTON_STALL };
    const withJacobian = exact ? (V: Float64Array, J: Float64Array) => mappedWithJacobian(g, rec, V, J) : hasDecisionJacobian(g) ? (V: Float64Array, J: Float64Array) => decisionMapped(g, rec, V, J) : undefined;
    const nw =
      exact && !g.breakdown
        ? exactNewton(g, cf, rec, fp.x, tol, EXACT_NEWTON_EVALS)
        : newtonFixedPoint((V) => mapped(g, rec, V, pure), fp.x, withJacobian ? { ...byDifferences, withJacobian } : byDifferences);
    iterations += nw.iterations;
    if (nw.residual < fp.residual) fp = nw;
  }
  if (fp.converged) return finish(g, rec, fp.x, 0, { iterations, residual: fp.residual, converged: true }, valuesOnly);
  const tau = TEMPERATURE;
  const smoothed = mapOptions(tau);
  fp = andersonFixedPoint((V, out) => applyMap(g, rec, V, out, smoothed), fp.x, { project: clamp01, maxIterations: SMOOTH_ITERATIONS, stallWindow: SMOOTH_STALL });
  iterations += fp.iterations;
  if (fp.converged) return finish(g, rec, fp.x, tau, { iterations, residual: fp.residual, converged: true }, valuesOnly);
  let eq = averageFixedPoint(g, rec, fp.x, tau, iterations, AVERAGING_PASSES[0], valuesOnly);
  if (!eq.converged) eq = averageFixedPoint(g, rec, eq.V, tau, eq.iterations, AVERAGING_PASSES[1], valuesOnly);
  return eq;
}

/**
 * The equilibrium of one round whose next round's values are given (g.continuation with stay 0, as
 * engine/levers.ts sets inside the window): T no longer depends on V, so its value is T applied once,
 * with no fixed point to find.
 */
export function solveRound(g: Game, valuesOnly = false): Equilibrium {
  return valuesOnly ? finish(g, recognitionOf(g), roundValues(g), 0, { iterations: 1, residual: 0, converged: true }, true) : finishRound(g, roundValues(g));
}

/**
 * `solveRound`'s values only (T applied once): a plan needs every branch's values, but the choices and
 * thresholds only of the branches a run reaches (`finishRound`, later, on the same game state).
 */
export function roundValues(g: Game): Float64Array {
  if (g.continuation?.stay !== 0) throw new Error('invariant: solveRound needs a continuation with stay 0');
  const rec = recognitionOf(g);
  return mapped(g, rec, new Float64Array(rec.states * g.n), mapOptions(0));
}

/**
 * The round's equilibrium at its values V (from `roundValues`, with the game's flows and continuation as they were
 * then); also a pure stationary equilibrium's at its fixed point V (with the solve's stats).
 */
export function finishRound(g: Game, V: Float64Array, stats = { iterations: 1, residual: 0, converged: true }): Equilibrium {
  return finish(g, recognitionOf(g), V, 0, stats);
}

function finish(g: Game, rec: RecognitionStates, V: Float64Array, tau: number, stats: { iterations: number; residual: number; converged: boolean }, valuesOnly = false): Equilibrium {
  const n = g.n;
  const choices: OfferChoice[] = new Array(valuesOnly ? 0 : rec.states * n);
  // Values only: no T, but what T would leave in the game when deals can break down (a collapse's value at V, map.ts `collapseAt`).
  const cf = tau === 0 && !valuesOnly && !g.model.decision ? closedFormOf(g) : null;
  if (cf) pureChoices(g, cf, rec, V, choices);
  else if (!valuesOnly) mapped(g, rec, V, mapOptions(tau, { record: (sj, c) => (choices[sj] = c) }));
  else collapseAt(g, rec, V);
  const w = new Float64Array(rec.states * n);
  const cont = g.rp.outside ? new Float64Array(rec.states * n) : null;
  for (let s = 0; s < rec.states; s++) w.set(thresholds(g, rec, V, s, cont?.subarray(s * n, s * n + n)), s * n);
  return { recognition: rec, V, w, cont, choices: Array.from(choices, (c) => c ?? { offers: [null], probs: [1] }), mixed: tau > 0, ...stats };
}

/**
 * Mann iteration x ← x + (T(x) − x)/(k + 2): x tends to a fixed point of the
 * convex hull of T (its residual falls like 1/k). The mixture each proposer
 * plays is the average of its choices over the second half of the iterations;
 * its offers are recomputed at the final x against thresholds relaxed by the residual.
 */
function averageFixedPoint(g: Game, rec: RecognitionStates, start: Float64Array, tau: number, spent: number, steps: number, valuesOnly: boolean): Equilibrium {
  const n = g.n;
  const x = Float64Array.from(start);
  const freq = Array.from({ length: rec.states * n }, () => new Map<number, number>());
  const avgT = new Float64Array(x.length);
  const txBuf = new Float64Array(x.length);
  // The residual is checked at steps/8, steps/4, steps/2 and steps, each time over the second
  // half of the steps so far (the block since the last check): most runs pass long before the end.
  let check = steps / 8;
  let half = check / 2;
  // Keyed by combination of options (under a decision rule, by coalition and combination: choiceKey).
  const record = (sj: number, c: OfferChoice) =>
    c.offers.forEach((o, k) => freq[sj].set(choiceKey(g, o), (freq[sj].get(choiceKey(g, o)) ?? 0) + c.probs[k] / half));
  // On the closed form the choices are tallied by slot in a typed array, then turned into the same maps.
  const cf = tau > 0 && !g.model.decision ? closedFormOf(g) : null;
  const C = cf ? cf.combos.length : 0;
  const tally = cf ? new Float64Array(rec.states * n * (C + 1)) : null;
  const early = mapOptions(tau);
  const late = mapOptions(tau, cf ? { tally, weight: 1 / half } : { record });
  let residual = Infinity;
  let k = 0;
  for (; k < steps; k++) {
    if (k === check / 2) {
      // A new averaging block [check / 2, check).
      half = check / 2;
      late.weight = 1 / half;
      avgT.fill(0);
      tally?.fill(0);
      freq.forEach((f) => f.clear());
    }
    const averaging = k >= half;
    const tx = txBuf;
    applyMap(g, rec, x, tx, averaging ? late : early);
    if (averaging) for (let i = 0; i < x.length; i++) avgT[i] += tx[i] / half;
    for (let i = 0; i < x.length; i++) x[i] += (tx[i] - x[i]) / (k + 2);
    if (k + 1 === check) {
      residual = 0;
      for (let i = 0; i < x.length; i++) residual = Math.max(residual, Math.abs(avgT[i] - x[i]));
      if (residual <= AVERAGED_TOL) break;
      check *= 2;
    }
  }
  const done = Math.min(k + 1, steps);
  if (cf && tally) tallyInto(freq, tally, cf.combos);
  const eq = finish(g, rec, x, tau, { iterations: spent + done, residual, converged: residual <= AVERAGED_TOL }, valuesOnly);
  if (!valuesOnly) playMixtures(g, rec, eq, freq, residual);
  return { ...eq, mixed: true };
}

/** The closed form's tally by slot (tally[sj * (C + 1) + slot + 1], slot −1: waiting) as frequencies by combination of options (−1: waiting). */
function tallyInto(freq: Map<number, number>[], tally: Float64Array, combos: Int32Array): void {
  const C = combos.length;
  for (let sj = 0; sj < freq.length; sj++)
    for (let c = -1; c < C; c++) {
      const f = tally[sj * (C + 1) + c + 1];
      if (f > 0) freq[sj].set(c < 0 ? -1 : combos[c], f);
    }
}

/**
 * Each proposer's averaged mixture (`freq`: frequency by combination, −1 waiting) as its choice in
 * `eq`. The averaged V is right only to within its residual, and mixing offers sit at the edge of
 * what responders accept: thresholds are relaxed by the residual (never below the no-deal flow, so
 * Fearon's range still holds), and the offers are made against them.
 */
function playMixtures(g: Game, rec: RecognitionStates, eq: Equilibrium, freq: Map<number, number>[], residual: number): void {
  const n = g.n;
  // Nor below an outside option: a responder never signs for less than leaving gives it.
  const o = g.rp.outside;
  for (let k = 0; k < eq.w.length; k++) eq.w[k] = Math.max(g.rp.reservation[k % n], o ? o[k % n] : -Infinity, eq.w[k] - residual);
  for (let s = 0; s < rec.states; s++) {
    const w = eq.w.subarray(s * n, s * n + n);
    for (let j = 0; j < n; j++) {
      const f = freq[s * n + j];
      if (f.size === 0) continue;
      const combos = [...f.keys()].sort((a, b) => a - b);
      const offers = combos.map((c) => (c < 0 ? null : g.model.decision ? offerForKey(g, j, w, c) : topOffers(g, j, w, 1, c)[0] ?? null));
      eq.choices[s * n + j] = { offers, probs: combos.map((c) => f.get(c) as number) };
    }
  }
}
