import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import { topUtility } from '../../core/tops.js';

/**
 * Reciprocal concession (Faratin, Sierra & Jennings 1998, behaviour-dependent
 * tactics, in absolute form): a party starts demanding its best package and
 * lowers its aspiration by `rate` times the others' last concession, both
 * measured in its own utility — how much better for it the latest offer by
 * another party was than the one before. It never goes below its no-deal
 * value. Two reciprocal parties facing each other never move: reciprocity
 * needs someone to move first.
 */
export class ReciprocalState {
  readonly aspiration: Float64Array;
  /** Each party's utility of the latest offer made by someone else (NaN before any). */
  private readonly last: Float64Array;

  constructor(private readonly g: Game, private readonly rates: Float64Array) {
    this.aspiration = new Float64Array(g.n);
    for (let i = 0; i < g.n; i++) this.aspiration[i] = Math.max(g.rp.reservation[i], topUtility(g, i));
    this.last = new Float64Array(g.n).fill(NaN);
  }

  /** Records an offer by `proposer`: each other reciprocal party concedes as much as it was conceded. */
  observe(proposer: number, offer: Offer): void {
    for (let i = 0; i < this.g.n; i++) {
      if (i === proposer) continue;
      const u = offer.utils[i];
      const conceded = Number.isNaN(this.last[i]) ? 0 : Math.max(0, u - this.last[i]);
      this.last[i] = u;
      if (this.rates[i] > 0) this.aspiration[i] = Math.max(this.g.rp.reservation[i], this.aspiration[i] - this.rates[i] * conceded);
    }
  }
}
