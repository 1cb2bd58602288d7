import { packageUtility } from '../../model/runParams.js';
import type { Game } from '../../core/game.js';
import { ACCEPT_TOL, type Offer } from '../../core/offer.js';
import { mediatorView, type MediatorView } from './objective.js';
import { bestText } from './text.js';
import { mustSign } from '../../model/consent.js';

/** The utility signatory i needs to accept a text in round t when its no-deal flow is `flow` (by its strategy). */
export type AcceptanceLevel = (g: Game, i: number, t: number, flow: number) => number;

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

/** One round of mediation: the text on the table, each signatory's reply and the level it needed. */
export interface MediationRound {
  text: Offer;
  replies: (boolean | null)[];
  levels: Float64Array;
}

/**
 * A mediator's single negotiating text, one round at a time: it remembers the
 * text, who rejected it how often (leverage) and whom it fell short of (the
 * amendment schedule). `base` is each party's no-deal flow before leverage; the
 * mediator drafts against it. The world's play calls `reframe` when the game or
 * the flows move, and the text, rejections and shortfalls carry over.
 */
export class MediationSession {
  readonly rejections: Int32Array;
  private readonly shortfalls: Int32Array;
  private readonly anchor: Float64Array;
  private text: Offer | null = null;
  private short: (boolean | null)[] | null = null;
  private view!: MediatorView;
  private base!: Float64Array;

  constructor(
    private g: Game,
    base: Float64Array,
    private readonly level: AcceptanceLevel,
  ) {
    this.rejections = new Int32Array(g.n);
    this.shortfalls = new Int32Array(g.n);
    this.anchor = new Float64Array(g.n).fill(NaN);
    this.reframe(g, base);
  }

  /** A new game (an event changed a parameter) or new flows before leverage: the mediator drafts against them from now on. */
  reframe(g: Game, base: Float64Array): void {
    const med = g.rp.mediation, def = g.model.mediation;
    if (!med || !def) throw new Error('invariant: a mediation session needs a mediator scenario');
    this.g = g;
    this.base = base;
    this.view = mediatorView(g, def.mediator, med.bias, base);
    const text = this.text;
    if (text) this.text = { ...text, utils: Float64Array.from({ length: g.n }, (_, i) => packageUtility(g.rp, i, text.values)) };
  }

  /**
   * Round t (0-based): the text (amended after the last rejection) and the
   * signatories' replies, judged against `flows` (each party's no-deal flow this round, after leverage).
   */
  round(t: number, flows: Float64Array): MediationRound {
    const { g } = this;
    if (!this.text) this.text = bestText(g, this.view, new Float64Array(g.n).fill(-Infinity));
    else if (this.short) {
      const step = (g.rp.mediation as { step: number }).step;
      this.text = bestText(g, this.view, requirements(this.text, this.short, this.drafting(t), this.anchor, this.shortfalls, step));
    }
    this.short = null;
    const text = this.text;
    const levels = Float64Array.from({ length: g.n }, (_, i) => this.level(g, i, t, flows[i]));
    const replies = this.signs(text).map((r, i) => (r ? text.utils[i] >= levels[i] - ACCEPT_TOL : null));
    return { text, replies, levels };
  }

  /** After a round without a deal: counts the rejections (leverage) and the shortfalls the next text makes up. */
  rejected(t: number, replies: (boolean | null)[]): void {
    const text = this.text as Offer;
    const draft = this.drafting(t);
    const short = this.signs(text).map((r, i) => (r ? text.utils[i] < draft[i] - ACCEPT_TOL : null));
    for (let i = 0; i < this.g.n; i++) {
      if (replies[i] === false) this.rejections[i]++;
      if (short[i] !== true) continue;
      this.shortfalls[i]++;
      if (Number.isNaN(this.anchor[i])) this.anchor[i] = text.utils[i];
    }
    this.short = short;
  }

  /** Who replies to a text: those whose consent its options need (Model.consent). */
  private signs(text: Offer): boolean[] {
    const { model, n } = this.g;
    return model.parties.map((_, i) => mustSign(model.consent, text.combo, n, i));
  }

  /** The mediator's drafting levels in round t: each signatory's acceptance level without leverage. */
  private drafting(t: number): Float64Array {
    return Float64Array.from({ length: this.g.n }, (_, i) => this.level(this.g, i, t, this.base[i]));
  }
}
