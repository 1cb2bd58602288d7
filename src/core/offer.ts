import { packageUtility } from '../model/runParams.js';
import type { Game } from './game.js';

/** A proposal: raw issue values (option positions for options issues) and every party's utility of it. */
export interface Offer {
  values: Float64Array;
  utils: Float64Array;
  /** The combination of options (see PackageSpace.combo). */
  combo: number;
  /** Under a decision rule: which of its proposer's winning coalitions (core/coalitions.ts) the offer buys. */
  coalition?: number;
}

/** Acceptance tolerance in utility: a responder accepts an offer within this of its threshold. */
export const ACCEPT_TOL = 1e-9;
/**
 * The offer of the given values (which keep the option combination `combo`). Its utils are what
 * accepting it is worth: the terms' utility, or, when deals can break down, κ·u + (1 − κ)·B.
 */
export function offerAt(g: Game, values: Float64Array, combo: number): Offer {
  const utils = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) utils[i] = packageUtility(g.rp, i, values);
  const b = g.breakdown;
  if (b) for (let i = 0; i < g.n; i++) utils[i] = withRisk(b.kappa[combo * g.n + i], utils[i], b.back[i]);
  return { values, utils, combo };
}

/** A deal's worth u with its risk of collapse: κ·u + (1 − κ)·B (game.ts `GameBreakdown`). */
export const withRisk = (kappa: number, u: number, back: number): number => kappa * u + (1 - kappa) * back;
