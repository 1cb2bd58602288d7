import type { Game } from '../../core/game.js';
import type { Mechanism, MechanismRun, Played, RoundView, TextLevel } from '../../core/mechanism.js';
import { ACCEPT_TOL } from '../../core/offer.js';
import type { Foresees } from './foresight.js';
import { levered, MediationSession } from './session.js';

/**
 * A mediator's single negotiating text: round 1's text maximises the mediator's objective; every
 * signatory replies against its acceptance level; all accepting is a deal (under a decision rule: the
 * rule met, core/coalitions.ts `carried`, the mediator not voting). Otherwise each rejecter's
 * no-deal flow falls by its leverage, and the mediator amends the text toward the signatories it fell
 * short of. The mediator drafts as if without leverage (disagreement point: the no-deal flows before
 * leverage; shortfalls against the levels before leverage), so the sequence of texts does not depend
 * on leverage: leverage only lowers acceptance levels, and can never delay a deal. No random draws.
 */
class MediatorRun implements MechanismRun {
  readonly session: MediationSession;

  constructor(g: Game, base: Float64Array, textLevel: TextLevel, foresees?: Foresees) {
    this.session = new MediationSession(g, Float64Array.from(base), textLevel, foresees);
  }

  reframe(g: Game, base: Float64Array): void {
    this.session.reframe(g, Float64Array.from(base));
  }

  round(t: number, view: RoundView): Played {
    const { text, replies, levels, rejecting } = this.session.round(t, view.flows);
    // A signatory that rejects may take its outside option instead, when it beats its value of staying (docs/model.md, "Outside options").
    const o = view.g.rp.outside;
    const left = o ? replies.flatMap((r, i) => (r === false && o[i] > rejecting[i] + ACCEPT_TOL ? [i] : [])) : [];
    return { proposer: (view.g.model.mediation as { mediator: number }).mediator, offer: text, replies, thresholds: levels, states: 1, mediated: true, ...(left.length ? { left } : {}) };
  }

  rejected(t: number, played: Played): void {
    this.session.rejected(t, played.replies);
  }

  /** Each rejection of the text lowers the rejecter's flow by its leverage, never below 0 (nor a flow already negative below itself). */
  lever(g: Game, base: Float64Array, out: Float64Array): void {
    const lev = g.rp.mediation?.leverage;
    const rejections = this.session.rejections;
    for (let i = 0; i < out.length; i++) {
      out[i] = levered(base[i], lev ? lev[i] * rejections[i] : 0);
    }
  }
}

export const mediator: Mechanism = {
  kind: 'mediator',
  usesPlayers: false,
  movesFlows: true,
  start: (g, base, textLevel, foresees) => new MediatorRun(g, base, textLevel, foresees),
};
