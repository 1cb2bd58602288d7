import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import type { Player } from '../../core/player.js';
import { topUtility } from '../../core/tops.js';
import { defOf, type StrategyEntry } from '../player.js';
import { aspiration, concessionOffer, concessionTarget } from './concession.js';

/** Time-dependent concession: each party offers and accepts by its aspiration of the round. */
class ConcessionPlayers implements Player {
  constructor(private readonly g: Game) {}

  offer(j: number, _s: number, t: number): Offer | null {
    return concessionOffer(this.g, j, this.needed(j, 0, t));
  }

  needed(i: number, _s: number, t: number): number {
    const { exponent, horizon } = defOf(this.g, i, 'concession');
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
