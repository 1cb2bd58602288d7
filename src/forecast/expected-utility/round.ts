import { endogenousRisk, expectedUtilities, winningPosition, type EuState } from './equations.js';

/** What a party does with a challenge it receives (Scholz et al. 2011, §6). */
export type Response = 'conflict' | 'compromise' | 'capitulation';

/** The position j's challenge asks of i, or null when j does not challenge i or i need not move. */
export function responseTo(e: Float64Array, n: number, xi: number, xj: number, i: number, j: number): { kind: Response; to: number } | null {
  const eji = e[j * n + i];
  const eij = e[i * n + j];
  if (!(eji > 0) || xi === xj) return null;
  // Both expect to gain by challenging: the one that expects less loses and adopts the other's position.
  if (eij > 0) return eji > eij ? { kind: 'conflict', to: xj } : null;
  // i expects to lose: it moves part of the way when j's gain exceeds its loss, all the way otherwise.
  if (eji > -eij) return { kind: 'compromise', to: xi + (xj - xi) * (-eij / eji) };
  return { kind: 'capitulation', to: xj };
}

/** One round's record: positions after the round, and the risk exponents and winning position it used. */
export interface RoundStep {
  x: Float64Array;
  mu: number;
  r: Float64Array;
}

/**
 * One round: the winning position μ of the pairwise votes, the risk exponents,
 * every E_i(U_ij), then every party at once adopts, among the challenges it
 * received, the one that moves it least (ties: the lowest challenger index).
 * Pure: returns new positions.
 */
export function playRound(st: EuState, risk: Float64Array | 'endogenous', q: number, t: number): RoundStep {
  const n = st.x.length;
  const mu = winningPosition(st);
  const r = risk === 'endogenous' ? endogenousRisk(expectedUtilities(st, mu, new Float64Array(n).fill(1), q, t), n) : risk;
  const e = expectedUtilities(st, mu, r, q, t);
  const x = Float64Array.from(st.x);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const resp = responseTo(e, n, st.x[i], st.x[j], i, j);
      if (resp && Math.abs(resp.to - st.x[i]) < best) [best, x[i]] = [Math.abs(resp.to - st.x[i]), resp.to];
    }
  }
  return { x, mu, r };
}
