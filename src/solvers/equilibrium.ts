import { andersonFixedPoint } from './anderson.js';
import { newtonFixedPoint } from './newton.js';
import { closedFormOf, evaluate, prepare, utilityAt, type ClosedForm } from './closedForm.js';
import type { Game } from '../core/game.js';
import { closedFormMapJacobian, exactNewton } from './exactNewton.js';
import { fillThresholds, nextState, recognitionOf, type RecognitionStates } from '../core/recognition.js';
import { ACCEPT_TOL, type Offer } from '../core/offer.js';
import { bestOffer, topOffers } from './proposer.js';


/**
 * A proposer's equilibrium choice in one state: one offer (or waiting, null) in
 * a pure equilibrium; a mixture when discrete options leave no pure one.
 */
export interface OfferChoice {
  offers: (Offer | null)[];
  probs: number[];
}

/** The stationary subgame-perfect equilibrium of the infinite game, state by state. */
export interface Equilibrium {
  recognition: RecognitionStates;
  /** Each party's value at the start of a round in state s: V[s * n + i]. */
  V: Float64Array;
  /** Value of rejecting in state s, (1 − δ)·flow + δ·V(next state): w[s * n + i]. */
  w: Float64Array;
  /** Proposer j's equilibrium choice in state s: choices[s * n + j]. */
  choices: OfferChoice[];
  /** Whether the smoothed (mixed) solve was needed. */
  mixed: boolean;
  iterations: number;
  residual: number;
  converged: boolean;
}

/**
 * The exact (pure) solve stops after this many steps, or sooner when its
 * residual stops halving for PURE_STALL steps (a map that jumps cycles).
 */
const PURE_ITERATIONS = 400;
const PURE_STALL = 25;
/** Newton steps (each dim + 1 evaluations) that finish a stalled Anderson solve. */
const NEWTON_ITERATIONS = 12;
const NEWTON_STALL = 4;
/** Map evaluations of the exact-Jacobian Newton finish on the closed form (exactNewton.ts). */
const EXACT_NEWTON_EVALS = 30;
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
/** Anderson steps of the smoothed solve. */
const SMOOTH_ITERATIONS = 60;
const SMOOTH_STALL = 10;
/**
 * Temperature of the smoothed solve, in units of a proposer's per-round stakes
 * (1 − δ_j): a mixing proposer's choices fall short of its best by at most
 * τ·(1 − δ_j)·ln(number of choices) in utility.
 */
export const TEMPERATURE = 1e-2;
/**
 * Steps of the averaging fallback: a first pass, then, for the few runs still
 * above tolerance, one longer pass from where it ended. And the residual it
 * must reach to count as converged.
 */
const AVERAGING_PASSES = [160, 640];
export const AVERAGED_TOL = 2e-3;
/** Mixture weights below this are dropped (and the rest renormalised). */
const MIN_WEIGHT = 1e-9;

function thresholds(g: Game, rec: RecognitionStates, V: Float64Array, s: number): Float64Array {
  const w = new Float64Array(g.n);
  fillThresholds(g, V, nextState(s, rec.states), w);
  return w;
}

/**
 * Proposer j's choice given thresholds. At temperature 0: its best offer, or
 * waiting (null) when that is better for it. Above 0: a logit mixture over its
 * best offer in each of the top combinations of options and waiting,
 * weights ∝ exp(value / τ) — a quantal response (McKelvey & Palfrey 1995)
 * that tends to the proposer's mixed best response as τ → 0.
 */
function choiceAt(g: Game, j: number, w: Float64Array, tau: number): OfferChoice {
  if (tau === 0) {
    const o = bestOffer(g, j, w);
    return { offers: [o && o.utils[j] >= w[j] - ACCEPT_TOL ? o : null], probs: [1] };
  }
  const options: (Offer | null)[] = [...topOffers(g, j, w), null];
  const value = options.map((o) => (o ? o.utils[j] : w[j]));
  const top = Math.max(...value);
  // Offering now and waiting a round differ by O(1 − δ): the temperature scales with it.
  const t = tau * (1 - g.rp.discount[j]);
  const weight = value.map((v) => Math.exp((v - top) / t));
  const total = weight.reduce((a, b) => a + b, 0);
  const keep = options.map((_, k) => k).filter((k) => weight[k] / total >= MIN_WEIGHT);
  const kept = keep.reduce((a, k) => a + weight[k], 0);
  return { offers: keep.map((k) => options[k]), probs: keep.map((k) => weight[k] / kept) };
}

/** One application of the equilibrium map: expected payoffs in each state given continuation values V. */
function step(g: Game, rec: RecognitionStates, V: Float64Array, tau: number, record?: (sj: number, c: OfferChoice) => void): Float64Array {
  const n = g.n;
  const out = new Float64Array(rec.states * n);
  const cf = record ? null : closedFormOf(g);
  if (cf) return closedFormStep(g, cf, rec, V, tau, out);
  for (let s = 0; s < rec.states; s++) {
    const w = thresholds(g, rec, V, s);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      if (pj === 0) continue;
      const c = choiceAt(g, j, w, tau);
      record?.(s * n + j, c);
      c.offers.forEach((o, k) => {
        const pay = o ? o.utils : w;
        for (let i = 0; i < n; i++) out[s * n + i] += pj * c.probs[k] * pay[i];
      });
    }
  }
  return out;
}

/** `step` into `out`, allocating nothing on the closed form (the solver's inner loop). */
function stepInto(g: Game, rec: RecognitionStates, V: Float64Array, tau: number, out: Float64Array): void {
  const cf = closedFormOf(g);
  if (cf) closedFormStep(g, cf, rec, V, tau, out);
  else out.set(step(g, rec, V, tau));
}

/**
 * The same map as `step` on the closed form, without building offers, into
 * `out`: the same choices (best offer or waiting; at τ > 0 the logit over the
 * top REFINE_TOP combinations and waiting). `tally[sj * (C + 1) + slot + 1]`
 * (slot −1: waiting) accumulates each choice's probability × `weight`.
 */
function closedFormStep(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, tau: number, out: Float64Array, tally?: Float64Array, weight = 0): Float64Array {
  const { n, rp } = g;
  const C = cf.combos.length;
  // The pure map is the one Newton differentiates (exactNewton.ts), without its Jacobian.
  if (tau === 0) {
    closedFormMapJacobian(g, cf, rec, V, out, null);
    return out;
  }
  out.fill(0);
  const w = cf.w;
  for (let s = 0; s < rec.states; s++) {
    const next = nextState(s, rec.states);
    fillThresholds(g, V, next, w);
    prepare(cf, w, ACCEPT_TOL);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      if (pj === 0) continue;
      evaluate(cf, j, w, ACCEPT_TOL);
      const base = (s * n + j) * (C + 1) + 1;
      // The top three combinations (ties: the lower one), as topOffers orders them.
      let s1 = -1, s2 = -1, s3 = -1;
      for (let c = 0; c < C; c++) {
        const v = cf.val[c];
        if (v === -Infinity) continue;
        if (s1 < 0 || v > cf.val[s1]) (s3 = s2), (s2 = s1), (s1 = c);
        else if (s2 < 0 || v > cf.val[s2]) (s3 = s2), (s2 = c);
        else if (s3 < 0 || v > cf.val[s3]) s3 = c;
      }
      const t = tau * (1 - rp.discount[j]);
      let top = w[j];
      if (s1 >= 0 && cf.val[s1] > top) top = cf.val[s1];
      const e1 = s1 >= 0 ? Math.exp((cf.val[s1] - top) / t) : 0;
      const e2 = s2 >= 0 ? Math.exp((cf.val[s2] - top) / t) : 0;
      const e3 = s3 >= 0 ? Math.exp((cf.val[s3] - top) / t) : 0;
      const e0 = Math.exp((w[j] - top) / t);
      const total = e0 + e1 + e2 + e3;
      const k0 = e0 / total >= MIN_WEIGHT ? e0 : 0;
      const k1 = e1 / total >= MIN_WEIGHT ? e1 : 0;
      const k2 = e2 / total >= MIN_WEIGHT ? e2 : 0;
      const k3 = e3 / total >= MIN_WEIGHT ? e3 : 0;
      const kept = k0 + k1 + k2 + k3;
      const q0 = (pj * k0) / kept, q1 = (pj * k1) / kept, q2 = (pj * k2) / kept, q3 = (pj * k3) / kept;
      for (let i = 0; i < n; i++) {
        let u = q0 * w[i];
        if (q1 > 0) u += q1 * utilityAt(cf, s1, i, cf.x[s1]);
        if (q2 > 0) u += q2 * utilityAt(cf, s2, i, cf.x[s2]);
        if (q3 > 0) u += q3 * utilityAt(cf, s3, i, cf.x[s3]);
        out[s * n + i] += u;
      }
      if (tally) {
        if (k0 > 0) tally[base - 1] += (k0 / kept) * weight;
        if (k1 > 0) tally[base + s1] += (k1 / kept) * weight;
        if (k2 > 0) tally[base + s2] += (k2 / kept) * weight;
        if (k3 > 0) tally[base + s3] += (k3 / kept) * weight;
      }
    }
  }
  return out;
}

const clamp01 = (x: Float64Array) => x.forEach((v, i) => (x[i] = Math.min(1, Math.max(0, v))));

/**
 * Solves V = T(V) from V = no-deal flows with Anderson acceleration. When
 * discrete options make T jump, no pure stationary equilibrium exists and
 * the iteration cycles: then (1) the proposer's choice among combinations of
 * options is smoothed (logit at temperature τ, `choiceAt`) and solved again
 * from the last point; (2) if T still jumps — a responder's threshold
 * crossing the edge of what can be offered — averaging finds the fixed point
 * of T's convex hull (`averageFixedPoint`), where an indifferent player mixes.
 */
export function solveEquilibrium(g: Game): Equilibrium {
  const rec = recognitionOf(g);
  const n = g.n;
  const V0 = new Float64Array(rec.states * n);
  for (let s = 0; s < rec.states; s++) for (let i = 0; i < n; i++) V0[s * n + i] = g.rp.reservation[i];
  const tol = pureTolerance(g);
  let fp = andersonFixedPoint((V, out) => stepInto(g, rec, V, 0, out), V0, { project: clamp01, maxIterations: PURE_ITERATIONS, stallWindow: PURE_STALL, tol });
  let iterations = fp.iterations;
  // Anderson can stall near δ = 1 on a map it has brought close to its fixed point; Newton finishes it.
  if (!fp.converged) {
    const cf = closedFormOf(g);
    const nw = cf ? exactNewton(g, cf, rec, fp.x, tol, EXACT_NEWTON_EVALS) : newtonFixedPoint((V) => step(g, rec, V, 0), fp.x, { tol, project: clamp01, maxIterations: NEWTON_ITERATIONS, stallWindow: NEWTON_STALL });
    iterations += nw.iterations;
    if (nw.residual < fp.residual) fp = nw;
  }
  if (fp.converged) return finish(g, rec, fp.x, 0, { iterations, residual: fp.residual, converged: true });
  const tau = TEMPERATURE;
  fp = andersonFixedPoint((V, out) => stepInto(g, rec, V, tau, out), fp.x, { project: clamp01, maxIterations: SMOOTH_ITERATIONS, stallWindow: SMOOTH_STALL });
  iterations += fp.iterations;
  if (fp.converged) return finish(g, rec, fp.x, tau, { iterations, residual: fp.residual, converged: true });
  let eq = averageFixedPoint(g, rec, fp.x, tau, iterations, AVERAGING_PASSES[0]);
  if (!eq.converged) eq = averageFixedPoint(g, rec, eq.V, tau, eq.iterations, AVERAGING_PASSES[1]);
  return eq;
}

function finish(g: Game, rec: RecognitionStates, V: Float64Array, tau: number, stats: { iterations: number; residual: number; converged: boolean }): Equilibrium {
  const n = g.n;
  const choices: OfferChoice[] = new Array(rec.states * n);
  step(g, rec, V, tau, (sj, c) => (choices[sj] = c));
  const w = new Float64Array(rec.states * n);
  for (let s = 0; s < rec.states; s++) w.set(thresholds(g, rec, V, s), s * n);
  return { recognition: rec, V, w, choices: Array.from(choices, (c) => c ?? { offers: [null], probs: [1] }), mixed: tau > 0, ...stats };
}

/**
 * Mann iteration x ← x + (T(x) − x)/(k + 2): x tends to a fixed point of the
 * convex hull of T (its residual falls like 1/k). The mixture each proposer
 * plays is the average of its choices over the second half of the iterations;
 * its offers are recomputed at the final x against thresholds relaxed by the residual.
 */
function averageFixedPoint(g: Game, rec: RecognitionStates, start: Float64Array, tau: number, spent: number, steps: number): Equilibrium {
  const n = g.n;
  const x = Float64Array.from(start);
  const freq = Array.from({ length: rec.states * n }, () => new Map<number, number>());
  const avgT = new Float64Array(x.length);
  const txBuf = new Float64Array(x.length);
  // The residual is checked at steps/8, steps/4, steps/2 and steps, each time over the second
  // half of the steps so far (the block since the last check): most runs pass long before the end.
  let check = steps / 8;
  let half = check / 2;
  const record = (sj: number, c: OfferChoice) =>
    c.offers.forEach((o, k) => freq[sj].set(o ? o.combo : -1, (freq[sj].get(o ? o.combo : -1) ?? 0) + c.probs[k] / half));
  // On the closed form the choices are tallied by slot in a typed array, then turned into the same maps.
  const cf = tau > 0 ? closedFormOf(g) : null;
  const C = cf ? cf.combos.length : 0;
  const tally = cf ? new Float64Array(rec.states * n * (C + 1)) : undefined;
  let residual = Infinity;
  let k = 0;
  for (; k < steps; k++) {
    if (k === check / 2) {
      // A new averaging block [check / 2, check).
      half = check / 2;
      avgT.fill(0);
      tally?.fill(0);
      freq.forEach((f) => f.clear());
    }
    const late = k >= half;
    const tx = cf ? closedFormStep(g, cf, rec, x, tau, txBuf, late ? tally : undefined, 1 / half) : step(g, rec, x, tau, late ? record : undefined);
    if (late) for (let i = 0; i < x.length; i++) avgT[i] += tx[i] / half;
    for (let i = 0; i < x.length; i++) x[i] += (tx[i] - x[i]) / (k + 2);
    if (k + 1 === check) {
      residual = 0;
      for (let i = 0; i < x.length; i++) residual = Math.max(residual, Math.abs(avgT[i] - x[i]));
      if (residual <= AVERAGED_TOL) break;
      check *= 2;
    }
  }
  const done = Math.min(k + 1, steps);
  if (cf && tally)
    for (let sj = 0; sj < rec.states * n; sj++)
      for (let c = -1; c < C; c++) {
        const f = tally[sj * (C + 1) + c + 1];
        if (f > 0) freq[sj].set(c < 0 ? -1 : cf.combos[c], f);
      }
  const eq = finish(g, rec, x, tau, { iterations: spent + done, residual, converged: residual <= AVERAGED_TOL });
  // The averaged V is right only to within its residual, and mixing offers sit at the edge of
  // what responders accept: thresholds are relaxed by the residual (never below the no-deal
  // flow, so Fearon's range still holds), and the offers are made against them.
  for (let k = 0; k < eq.w.length; k++) eq.w[k] = Math.max(g.rp.reservation[k % n], eq.w[k] - residual);
  for (let s = 0; s < rec.states; s++) {
    const w = eq.w.subarray(s * n, s * n + n);
    for (let j = 0; j < n; j++) {
      const f = freq[s * n + j];
      if (f.size === 0) continue;
      const combos = [...f.keys()].sort((a, b) => a - b);
      const offers = combos.map((c) => (c < 0 ? null : topOffers(g, j, w, 1, c)[0] ?? null));
      eq.choices[s * n + j] = { offers, probs: combos.map((c) => f.get(c) as number) };
    }
  }
  return { ...eq, mixed: true };
}
