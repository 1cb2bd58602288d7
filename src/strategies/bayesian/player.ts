import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import type { Player } from '../../core/player.js';
import type { Rng } from '../../rng/stream.js';
import type { StrategyEntry } from '../player.js';
import { equilibriumOffer } from '../rational/player.js';
import { BayesianPlay } from './play.js';
import { bayesianWorld, BeliefCache, type BayesianWorld } from './world.js';

/** Private information: offers that trade payoff against the believed chance of acceptance (BayesianPlay). */
class BayesianPlayers implements Player {
  private readonly play: BayesianPlay;

  constructor(
    private readonly g: Game,
    private readonly world: BayesianWorld,
  ) {
    this.play = new BayesianPlay(g, world);
  }

  offer(j: number, s: number, _t: number, rng: Rng): Offer | null {
    // Knowing every responder's type and its own to be as expected, it is in the reference game: its equilibrium choice.
    this.play.lastChance = 1;
    if (this.knowsEveryone(j)) return equilibriumOffer(this.world.ref.eq, s * this.g.n + j, rng);
    return this.play.offer(j, s);
  }

  needed(i: number, s: number): number {
    return this.play.needed(i, s);
  }

  continuing(i: number, s: number): number {
    return this.play.continuing(i, s);
  }

  observe(_proposer: number, offer: Offer | null, replies: (boolean | null)[], s: number): void {
    if (offer) this.play.observe(offer, replies, s);
  }

  chance(): number {
    return this.play.lastChance;
  }

  private knowsEveryone(j: number): boolean {
    return this.world.beliefs.every((x, i) => !x.uncertain || (i !== j && this.g.model.consent.ever[i] === 0));
  }
}

export const bayesian: StrategyEntry<BayesianWorld, BeliefCache> = {
  kind: 'bayesian',
  usesEquilibrium: false,
  context: () => new BeliefCache(),
  prepare: (g, run, cache) => bayesianWorld(cache, g.model, run.seed, run.runIndex, g.rp),
  recognition: (world) => world.ref.eq.recognition,
  converged: (world) => world.ref.eq.converged,
  create: ({ g, prepared }) => new BayesianPlayers(g, prepared),
};
