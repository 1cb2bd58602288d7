import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import type { Player } from '../../core/player.js';
import { topUtility } from '../../core/tops.js';
import { defOf, type StrategyEntry } from '../player.js';
import { aspiration, ConcessionOffers, concessionTarget } from './concession.js';

/** Time-dependent concession: each party offers and accepts by its aspiration of the round. */
class ConcessionPlayers implements Player {
  private readonly offers: ConcessionOffers;
  /** Each concession party's settings, read once (asked for every reply and offer). */
  private readonly defs: ({ exponent: number; horizon: number } | undefined)[];

  constructor(private readonly g: Game) {
    this.offers = new ConcessionOffers(g);
    this.defs = new Array(g.n);
  }

  offer(j: number, _s: number, t: number): Offer | null {
    return this.offers.offer(j, this.needed(j, 0, t));
  }

  needed(i: number, _s: number, t: number): number {
    const { exponent, horizon } = (this.defs[i] ??= defOf(this.g, i, 'concession'));
    return aspiration(this.g, i, t, exponent, horizon);
  }

  observe(): void {}
}

export const concession: StrategyEntry = {
  kind: 'concession',
  usesEquilibrium: false,
  create: ({ g }) => new ConcessionPlayers(g),
  // Under a mediator its aspiration falls from its best utility to the flow it stands at.
  textLevel(g, i, t, flow) {
    const { exponent, horizon } = defOf(g, i, 'concession');
    return concessionTarget(Math.max(flow, topUtility(g, i)), flow, t, exponent, horizon);
  },
};
