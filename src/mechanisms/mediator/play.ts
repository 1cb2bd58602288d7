import { concessionTarget, topUtility } from '../../strategies/concession.js';
import type { Game } from '../alternating-offers/game.js';
import { ACCEPT_TOL, type Offer } from '../alternating-offers/offer.js';
import type { RoundRecord, RunOutcome } from '../alternating-offers/play.js';
import { mediatorView } from './objective.js';
import { mustSign } from '../../model/consent.js';
import { bestText } from './text.js';

/**
 * The utility signatory i needs to accept in round t (0-based) when its
 * no-deal flow is `flow`: its concession aspiration, which falls from its
 * best utility to that flow; for every other strategy (rational, bayesian,
 * reciprocal: strategies of the bargaining game) the flow itself.
 */
export function acceptanceLevel(g: Game, i: number, t: number, flow: number): number {
  const st = g.model.parties[i].strategy;
  if (st.kind !== 'concession') return flow;
  return concessionTarget(Math.max(flow, topUtility(g, i)), flow, t, st.exponent, st.horizon);
}

/** Each party's no-deal flow after `rejections[i]` rejected rounds: lowered by its leverage, floored at 0. */
function flowsAfter(g: Game, leverage: Float64Array, rejections: Int32Array): Float64Array {
  return Float64Array.from({ length: g.n }, (_, i) => Math.max(0, g.rp.reservation[i] - leverage[i] * rejections[i]));
}

/**
 * The requirements of the next text, from the mediator's drafting levels
 * (each signatory's acceptance level without leverage). A signatory the text
 * satisfied keeps at least its level (never more than it got). One it fell
 * short of gets a linear schedule: after k shortfalls, its utility of the
 * first text that fell short (its anchor) plus min(1, k·step) of the way to
 * its level — met in full after ⌈1/step⌉ shortfalls, if the feasible set allows.
 */
function requirements(text: Offer, short: (boolean | null)[], levels: Float64Array, anchor: Float64Array, shortfalls: Int32Array, step: number): Float64Array {
  const req = new Float64Array(levels.length).fill(-Infinity);
  short.forEach((fell, i) => {
    if (fell === null) return;
    if (!fell) req[i] = Math.min(levels[i], text.utils[i]);
    else req[i] = Math.min(levels[i], anchor[i] + Math.min(1, shortfalls[i] * step) * (levels[i] - anchor[i]));
  });
  return req;
}

/**
 * Plays the window under a mediator: round 1's text maximises the mediator's
 * objective; every signatory replies against its acceptance level; all
 * accepting is a deal. Otherwise each rejecter's no-deal flow falls by its
 * leverage, and the mediator amends the text toward the signatories it fell
 * short of. The mediator drafts as if without leverage (disagreement point:
 * the no-deal flows before leverage; shortfalls against the levels before
 * leverage), so the sequence of texts does not depend on leverage: leverage
 * only lowers acceptance levels, and can never delay a deal. No random draws:
 * the run depends only on its parameters.
 */
export function playMediation(g: Game, rounds: number, trace?: (r: RoundRecord) => void): RunOutcome {
  const { n, rp, model } = g;
  const med = rp.mediation;
  if (!med || !model.mediation) throw new Error('playMediation needs a mediator scenario');
  const mediator = model.mediation.mediator;
  const base = rp.reservation;
  const view = mediatorView(g, mediator, med.bias, base);
  // Who replies to a text: those whose consent its options need (Model.consent).
  const required = (text: Offer) => model.parties.map((p, i) => mustSign(model.consent, text.combo, n, i));
  const drafting = (t: number) => Float64Array.from({ length: n }, (_, i) => acceptanceLevel(g, i, t, base[i]));
  const rejections = new Int32Array(n);
  const shortfalls = new Int32Array(n);
  const anchor = new Float64Array(n).fill(NaN);
  // Discounted sum so far, (1 − δ)·Σ_{s<t} δ^s·flow_s, and δ^t.
  const acc = new Float64Array(n);
  const lag = new Float64Array(n).fill(1);
  let flows = flowsAfter(g, med.leverage, rejections);
  let draft = drafting(0);
  let text = bestText(g, view, new Float64Array(n).fill(-Infinity));
  for (let t = 0; t < rounds; t++) {
    const levels = Float64Array.from({ length: n }, (_, i) => acceptanceLevel(g, i, t, flows[i]));
    const replies = required(text).map((r, i) => (r ? text.utils[i] >= levels[i] - ACCEPT_TOL : null));
    trace?.({ round: t + 1, proposer: mediator, offer: text, replies, thresholds: levels, flows });
    if (replies.every((r) => r !== false)) return outcome(acc, lag, t, text);
    const short = required(text).map((r, i) => (r ? text.utils[i] < draft[i] - ACCEPT_TOL : null));
    for (let i = 0; i < n; i++) {
      acc[i] += (1 - rp.discount[i]) * lag[i] * flows[i];
      lag[i] *= rp.discount[i];
      if (replies[i] === false) rejections[i]++;
      if (short[i] !== true) continue;
      shortfalls[i]++;
      if (Number.isNaN(anchor[i])) anchor[i] = text.utils[i];
    }
    flows = flowsAfter(g, med.leverage, rejections);
    draft = drafting(t + 1);
    if (t + 1 < rounds) text = bestText(g, view, requirements(text, short, draft, anchor, shortfalls, med.step));
  }
  // No deal in the window: the last flows (leverage stays applied) from then on.
  return outcome(Float64Array.from(acc, (a, i) => a + lag[i] * flows[i]), lag, -1, null);
}

/** Values: the flows paid so far, then the deal's utility from round t on (δ^t·u). */
function outcome(acc: Float64Array, lag: Float64Array, t: number, text: Offer | null): RunOutcome {
  const values = Float64Array.from(acc, (a, i) => (text ? a + lag[i] * text.utils[i] : a));
  return { agreed: text !== null, round: t + 1, terms: text?.values ?? null, dealUtils: text?.utils ?? null, values };
}
