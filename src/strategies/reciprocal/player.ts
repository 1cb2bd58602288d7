import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import type { Player } from '../../core/player.js';
import { ConcessionOffers } from '../concession/concession.js';
import type { StrategyEntry } from '../player.js';
import { ReciprocalState } from './reciprocal.js';

/** Reciprocal concession: the aspirations move as the others concede (ReciprocalState). */
class ReciprocalPlayers implements Player {
  private readonly state: ReciprocalState;
  private readonly offers: ConcessionOffers;

  constructor(g: Game) {
    this.offers = new ConcessionOffers(g);
    const rates = Float64Array.from(g.model.parties, (p) => (p.strategy.kind === 'reciprocal' ? p.strategy.rate : 0));
    this.state = new ReciprocalState(g, rates);
  }

  offer(j: number): Offer | null {
    return this.offers.offer(j, this.state.aspiration[j]);
  }

  needed(i: number): number {
    return this.state.aspiration[i];
  }

  observe(proposer: number, offer: Offer | null): void {
    if (offer) this.state.observe(proposer, offer);
  }
}

export const reciprocal: StrategyEntry = {
  kind: 'reciprocal',
  usesEquilibrium: false,
  create: ({ g }) => new ReciprocalPlayers(g),
};
