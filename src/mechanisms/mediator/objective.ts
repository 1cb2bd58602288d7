import { topUtility } from '../../core/tops.js';
import type { Game } from '../../core/game.js';

/**
 * What the mediator scores a text by in one round:
 *   (1 − bias)·N(u) + bias·M(u)
 * N is the Nash term over the text's signatories (who must sign a deal with its options), with each gain normalised by the
 * largest gain the party could get, g_i = (u_i − d_i)/(top_i − d_i):
 * N = (Π g_i)^(1/m) when every g_i > 0 (the normalised Nash product, whose
 * maximiser is the Nash bargaining solution), else min_i g_i (≤ 0: outside the
 * zone of agreement the text that comes closest to it; continuous at its edge).
 * M = (u_med − lo)/(hi − lo), the mediator's utility rescaled to [0, 1] over
 * the Pareto-efficient candidate packages. Both terms are at most 1.
 */
export interface MediatorView {
  /** The signatories of a text by its combination of options (the veto holders and the options' consent: Model.consent; under a decision rule, every voter too). */
  signatories: number[][];
  mediator: number;
  bias: number;
  /** The disagreement point: each party's current no-deal flow. */
  flows: Float64Array;
  /** Each party's best utility over the candidates. */
  top: Float64Array;
  medLo: number;
  medHi: number;
}

/** Gains smaller than this range are not rescaled (a party that cannot gain from any package). */
const MIN_RANGE = 1e-6;

/** The mediator's view of one run's game with the given no-deal flows. */
export function mediatorView(g: Game, mediator: number, bias: number, flows: Float64Array): MediatorView {
  const top = Float64Array.from({ length: g.n }, (_, i) => topUtility(g, i));
  let medLo = Infinity, medHi = -Infinity;
  for (let c = 0; c < g.candidates.length; c++) {
    const u = g.table[mediator * g.P + g.candidates[c]];
    medLo = Math.min(medLo, u);
    medHi = Math.max(medHi, u);
  }
  const { consent, space, decision } = g.model;
  // Under a decision rule the text is drafted for every party that replies to it (those with a vote too): the mediator seeks consensus, the rule decides.
  const signs = (c: number, i: number) => consent.required[c * g.n + i] !== 0 || (decision !== null && decision.weight[i] > 0);
  const signatories = Array.from({ length: space.comboCount }, (_, c) => g.model.parties.filter((p) => signs(c, p.index)).map((p) => p.index));
  return { signatories, mediator, bias, flows, top, medLo, medHi };
}

/** The normalised Nash term N of a utility vector of a text with combination `combo` (see MediatorView). */
export function nashTerm(v: MediatorView, u: ArrayLike<number>, combo: number): number {
  let logSum = 0;
  let worst = Infinity;
  const who = v.signatories[combo];
  for (const i of who) {
    const range = v.top[i] - v.flows[i];
    const gain = (u[i] - v.flows[i]) / (range > MIN_RANGE ? range : 1);
    worst = Math.min(worst, gain);
    if (gain > 0) logSum += Math.log(gain);
  }
  return worst > 0 ? Math.exp(logSum / who.length) : worst;
}

/** The mediator's objective of a utility vector (of a text with combination `combo`). */
export function textObjective(v: MediatorView, u: ArrayLike<number>, combo: number): number {
  const spread = v.medHi - v.medLo;
  const own = spread > MIN_RANGE ? (u[v.mediator] - v.medLo) / spread : 0;
  return (1 - v.bias) * nashTerm(v, u, combo) + v.bias * own;
}
