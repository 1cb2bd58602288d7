import type { Game } from '../core/game.js';
import { ACCEPT_TOL, offerAt } from '../core/offer.js';
import { fillThresholds, nextState, type RecognitionStates } from '../core/recognition.js';
import { evaluate, prepare, valuesAt, type ClosedForm } from './closedForm/index.js';
import { collapseAt, type OfferChoice } from './map.js';

/**
 * Each proposer's choice at V at τ = 0 (a pure equilibrium's, or a round's under a plan) on the closed form, into
 * choices[s * n + j]: what T by the general search records (map.ts `searchMap` with `choiceAt`), the same offers.
 * The responders' acceptable intervals depend only on the state's thresholds, so they are prepared once per
 * state for all its proposers, where `bestOffer` (proposer.ts) prepares them again for each one.
 */
export function pureChoices(g: Game, cf: ClosedForm, rec: RecognitionStates, V: Float64Array, choices: OfferChoice[]): void {
  const n = g.n;
  // What T would leave in the game first: a collapse's value at V (read by `prepare` through the closed form).
  collapseAt(g, rec, V);
  for (let s = 0; s < rec.states; s++) {
    const w = new Float64Array(n);
    const cont = g.rp.outside ? new Float64Array(n) : w;
    fillThresholds(g, V, nextState(s, rec.states), w, cont);
    prepare(cf, w, ACCEPT_TOL);
    for (let j = 0; j < n; j++) {
      if (rec.probs[s * n + j] === 0) continue;
      const b = evaluate(cf, j, w, ACCEPT_TOL);
      const o = b < 0 ? null : offerAt(g, valuesAt(g, cf, b, cf.x[b]), cf.combos[b]);
      // Waiting when the best offer is worth less to j than continuing (as `choiceAt`).
      choices[s * n + j] = { offers: [o && o.utils[j] >= cont[j] - ACCEPT_TOL ? o : null], probs: [1] };
    }
  }
}
