/**
 * The equations of the expected-utility model (Bueno de Mesquita 1994, as
 * formalised by Scholz, Calbert & Smith 2011), on one dimension. Positions are
 * raw issue values; every distance is divided by the range, so it lies
 * in [0, 1]. `w[k] = c[k]·s[k]` (capability × salience) weighs voter k.
 * docs/model.md states each equation and where it comes from.
 */

/** The state the equations read: positions, capability × salience, salience, the range. */
export interface EuState {
  x: Float64Array;
  w: Float64Array;
  s: Float64Array;
  range: number;
}

const dist = (st: EuState, a: number, b: number) => Math.abs(a - b) / st.range;

/** Σ_k w_k·d(x_k, at): the weighted distance of the voters from a position (a pairwise vote is a difference of two of these). */
export function voteLoss(st: EuState, at: number): number {
  let l = 0;
  for (let k = 0; k < st.x.length; k++) l += st.w[k] * dist(st, st.x[k], at);
  return l;
}

/**
 * Votes for x_a over x_b summed over voters: Σ_k w_k·(d(x_k, x_b) − d(x_k, x_a))
 * = voteLoss(x_b) − voteLoss(x_a).
 */
export const pairwiseVote = (st: EuState, a: number, b: number): number => voteLoss(st, b) - voteLoss(st, a);

/**
 * The winning position of the pairwise votes among the current positions: the
 * one that beats every other, i.e. the least voteLoss (lowest position on a
 * tie). With linear utilities it is the capability × salience-weighted median.
 */
export function winningPosition(st: EuState): number {
  let best = st.x[0];
  let bestLoss = voteLoss(st, best);
  const tol = 1e-12 * (st.w.reduce((a, b) => a + b, 0) || 1);
  for (let j = 1; j < st.x.length; j++) {
    const l = voteLoss(st, st.x[j]);
    if (l < bestLoss - tol || (l <= bestLoss + tol && st.x[j] < best)) [best, bestLoss] = [st.x[j], Math.min(l, bestLoss)];
  }
  return best;
}

/**
 * P_ij, the probability that i wins a challenge against j: the votes for x_i
 * over x_j, v_k = w_k·(d(x_k, x_j) − d(x_k, x_i)), as
 * Σ_k max(0, v_k) / Σ_k |v_k|. So P_ij + P_ji = 1; ½ when x_i = x_j (no contest).
 */
export function winProbability(st: EuState, i: number, j: number): number {
  let pos = 0;
  let all = 0;
  for (let k = 0; k < st.x.length; k++) {
    const v = st.w[k] * (dist(st, st.x[k], st.x[j]) - dist(st, st.x[k], st.x[i]));
    if (v > 0) pos += v;
    all += Math.abs(v);
  }
  return all > 0 ? pos / all : 0.5;
}

/** Utility 2 − 4·z^r of the model's outcomes (z ∈ [0, 1]; r = 1 is linear). */
const u = (z: number, r: number) => 2 - 4 * Math.pow(z, r);

/**
 * E_i(U_ij), i's expected utility of challenging j:
 *   s_j·(P_ij·U^s + (1 − P_ij)·U^f) + (1 − s_j)·U^s − [Q·U^sq + (1 − Q)·(T·U^b + (1 − T)·U^w)]
 * with d = d(x_i, x_j), d_μ = d(x_i, μ) and risk exponent r = r_i:
 *   U^s = 2 − 4(½ − ½d)^r, U^f = 2 − 4(½ + ½d)^r, U^sq = 2 − 4(½)^r,
 *   U^b = 2 − 4(½ − ¼(d_μ + d))^r, U^w = 2 − 4(½ + ¼(d_μ + d))^r.
 */
export function expectedUtility(st: EuState, i: number, j: number, mu: number, r: number, q: number, t: number): number {
  const d = dist(st, st.x[i], st.x[j]);
  const dm = dist(st, st.x[i], mu);
  const p = winProbability(st, i, j);
  const us = u(0.5 - 0.5 * d, r);
  const uf = u(0.5 + 0.5 * d, r);
  const usq = u(0.5, r);
  const ub = u(0.5 - 0.25 * (dm + d), r);
  const uw = u(0.5 + 0.25 * (dm + d), r);
  const sj = st.s[j];
  return sj * (p * us + (1 - p) * uf) + (1 - sj) * us - (q * usq + (1 - q) * (t * ub + (1 - t) * uw));
}

/** The matrix E[i·n + j] = E_i(U_ij) (0 on the diagonal), each party with its own risk exponent. */
export function expectedUtilities(st: EuState, mu: number, r: ArrayLike<number>, q: number, t: number): Float64Array {
  const n = st.x.length;
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) e[i * n + j] = expectedUtility(st, i, j, mu, r[i], q, t);
  return e;
}

/**
 * Endogenous risk (Scholz et al. 2011, §5): with E computed at r = 1, the
 * danger to k is S_k = Σ_{j≠k} E_j(U_jk); R_i = (2·S_i − max S − min S)/(max S − min S)
 * ∈ [−1, 1]; r_i = (1 − R_i/3)/(1 + R_i/3) ∈ [½, 2]. All 1 when every S is equal.
 */
export function endogenousRisk(eLinear: Float64Array, n: number): Float64Array {
  const danger = new Float64Array(n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) if (j !== k) danger[k] += eLinear[j * n + k];
  const max = Math.max(...danger);
  const min = Math.min(...danger);
  return danger.map((sk) => {
    if (!(max > min)) return 1;
    const R = (2 * sk - max - min) / (max - min);
    return (1 - R / 3) / (1 + R / 3);
  });
}
