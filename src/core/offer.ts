import { packageUtility } from '../model/runParams.js';
import type { Game } from './game.js';

/** A proposal: raw issue values (option positions for options issues) and every party's utility of it. */
export interface Offer {
  values: Float64Array;
  utils: Float64Array;
  /** The combination of options (see PackageSpace.combo). */
  combo: number;
}

/** Acceptance tolerance in utility: a responder accepts an offer within this of its threshold. */
export const ACCEPT_TOL = 1e-9;
/** The offer of the given values (which keep the option combination `combo`). */
export function offerAt(g: Game, values: Float64Array, combo: number): Offer {
  const utils = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) utils[i] = packageUtility(g.rp, i, values);
  return { values, utils, combo };
}
