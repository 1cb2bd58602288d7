import { coalitionsOf } from '../core/coalitions.js';
import type { Game } from '../core/game.js';
import { ACCEPT_TOL } from '../core/offer.js';
import { fillThresholds, nextState, staying, type RecognitionStates } from '../core/recognition.js';
import { closedFormOf, evaluate, prepare } from './closedForm/index.js';
import { applyMap, mapOptions, offerJacobian, type OfferChoice } from './map.js';

/**
 * Whether T under the game's decision rule has an exact Jacobian (`decisionJacobian`): every winning coalition's
 * view of the game, for every proposer, has a closed form.
 */
export function hasDecisionJacobian(g: Game): boolean {
  if (!g.model.decision) return false;
  for (let j = 0; j < g.n; j++) for (const c of coalitionsOf(g, j)) if (!closedFormOf(c.game)) return false;
  return true;
}

/**
 * T(V) at τ = 0 under a decision rule (map.ts's general search: `coalitionChoice`) into `out`, and its exact
 * Jacobian into J (row-major, d × d). In each state each proposer buys its cheapest coalition (the tied ones
 * with equal chances) or waits; a bought coalition's offer is its view's best offer, whose derivative is the
 * closed form's (map.ts `offerJacobian`, weighted by the tie's chance), and waiting passes on δ_i·stay, as under
 * unanimity. Inside one piece (the same coalitions, choices and binding responders) this is T's exact derivative.
 */
export function decisionMapJacobian(g: Game, rec: RecognitionStates, V: Float64Array, out: Float64Array, J: Float64Array): void {
  // T with each proposer's choice recorded (the same T: recording does not change the search's path under a rule).
  const choices: OfferChoice[] = new Array(rec.states * g.n);
  applyMap(g, rec, V, out, mapOptions(0, { record: (sj, c) => (choices[sj] = c) }));
  jacobianOf(g, rec, V, choices, J);
}

function jacobianOf(g: Game, rec: RecognitionStates, V: Float64Array, choices: OfferChoice[], J: Float64Array): void {
  const { n, rp } = g;
  const S = rec.states;
  const d = S * n;
  const stay = staying(g);
  const w = new Float64Array(n);
  const cont = rp.outside ? new Float64Array(n) : w;
  J.fill(0);
  for (let s = 0; s < S; s++) {
    const next = nextState(s, S);
    fillThresholds(g, V, next, w, cont);
    for (let j = 0; j < n; j++) {
      const pj = rec.probs[s * n + j];
      if (pj === 0) continue;
      const choice = choices[s * n + j];
      choice.offers.forEach((o, k) => {
        if (o === null) {
          for (let i = 0; i < n; i++) J[(s * n + i) * d + next * n + i] += pj * choice.probs[k] * rp.discount[i] * stay;
          return;
        }
        // The coalition's best offer again, on its view's closed form, with the state's thresholds in its scratch.
        const cf = closedFormOf(coalitionsOf(g, j)[o.coalition as number].game);
        if (!cf) throw new Error('invariant: decisionJacobian needs every coalition on the closed form (hasDecisionJacobian)');
        fillThresholds(g, V, next, cf.w, cf.cont);
        prepare(cf, cf.w, ACCEPT_TOL);
        const b = evaluate(cf, j, cf.w, ACCEPT_TOL);
        offerJacobian(g, cf, rec, J, s, j, b, choice.probs[k]);
      });
    }
  }
}
