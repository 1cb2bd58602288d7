import type { Offer } from '../../core/offer.js';
import type { Player } from '../../core/player.js';
import type { Rng } from '../../rng/stream.js';
import type { Equilibrium } from '../../solvers/equilibrium.js';
import type { PlayerContext, StrategyEntry } from '../player.js';

/** A proposer's equilibrium choice in state-and-proposer slot sj, drawn from the mixture when it mixes. */
export function equilibriumOffer(eq: Equilibrium, sj: number, rng: Rng): Offer | null {
  const c = eq.choices[sj];
  if (c.offers.length === 1) return c.offers[0];
  let u = rng();
  for (let k = 0; k < c.offers.length; k++) if ((u -= c.probs[k]) < 0) return c.offers[k];
  return c.offers[c.offers.length - 1];
}

/** Complete information: each proposer makes its equilibrium offer, each responder accepts what beats its value of rejecting. */
class RationalPlayers implements Player {
  // The context, not its equilibrium: a moving world re-solves the game and updates it.
  constructor(private readonly ctx: PlayerContext) {}

  offer(j: number, s: number, _t: number, rng: Rng): Offer | null {
    return equilibriumOffer(this.ctx.eq as Equilibrium, s * this.ctx.g.n + j, rng);
  }

  needed(i: number, s: number): number {
    return (this.ctx.eq as Equilibrium).w[s * this.ctx.g.n + i];
  }

  continuing(i: number, s: number): number {
    const eq = this.ctx.eq as Equilibrium;
    return (eq.cont ?? eq.w)[s * this.ctx.g.n + i];
  }

  observe(): void {}
}

export const rational: StrategyEntry = {
  kind: 'rational',
  usesEquilibrium: true,
  foresees: true,
  create: (ctx) => new RationalPlayers(ctx),
};
