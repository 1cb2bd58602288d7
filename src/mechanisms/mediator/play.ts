import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import type { RoundRecord, RunOutcome } from '../../engine/play.js';
import { MediationSession } from './session.js';

export { acceptanceLevel } from './session.js';

/**
 * Plays the window under a mediator: round 1's text maximises the mediator's
 * objective; every signatory replies against its acceptance level; all
 * accepting is a deal. Otherwise each rejecter's no-deal flow falls by its
 * leverage, and the mediator amends the text toward the signatories it fell
 * short of. The mediator drafts as if without leverage (disagreement point:
 * the no-deal flows before leverage; shortfalls against the levels before
 * leverage), so the sequence of texts does not depend on leverage: leverage
 * only lowers acceptance levels, and can never delay a deal. No random draws:
 * the run depends only on its parameters. (A scenario with events plays the
 * same rounds through worldPlay.ts.)
 */
export function playMediation(g: Game, rounds: number, trace?: (r: RoundRecord) => void): RunOutcome {
  const { n, rp, model } = g;
  if (!rp.mediation || !model.mediation) throw new Error('playMediation needs a mediator scenario');
  const mediator = model.mediation.mediator;
  const session = new MediationSession(g, rp.reservation);
  // Discounted sum so far, (1 − δ)·Σ_{s<t} δ^s·flow_s, and δ^t.
  const acc = new Float64Array(n);
  const lag = new Float64Array(n).fill(1);
  for (let t = 0; t < rounds; t++) {
    const { text, replies, levels, flows } = session.round(t);
    trace?.({ round: t + 1, proposer: mediator, offer: text, replies, thresholds: levels, flows });
    if (replies.every((r) => r !== false)) return outcome(acc, lag, t, text);
    for (let i = 0; i < n; i++) {
      acc[i] += (1 - rp.discount[i]) * lag[i] * flows[i];
      lag[i] *= rp.discount[i];
    }
    session.rejected(t, replies);
  }
  // No deal in the window: the last flows (leverage stays applied) from then on.
  const flows = session.flows();
  return outcome(Float64Array.from(acc, (a, i) => a + lag[i] * flows[i]), lag, -1, null);
}

/** Values: the flows paid so far, then the deal's utility from round t on (δ^t·u). */
function outcome(acc: Float64Array, lag: Float64Array, t: number, text: Offer | null): RunOutcome {
  const values = Float64Array.from(acc, (a, i) => (text ? a + lag[i] * text.utils[i] : a));
  return { agreed: text !== null, round: t + 1, terms: text?.values ?? null, dealUtils: text?.utils ?? null, values };
}
