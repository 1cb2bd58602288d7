import type { Game } from '../../core/game.js';
import type { Offer } from '../../core/offer.js';
import type { Player } from '../../core/player.js';
import type { Rng } from '../../rng/stream.js';
import type { PlanView, PlayerContext, StrategyEntry } from '../player.js';
import { equilibriumOffer } from '../rational/player.js';
import { BayesianPlay } from './play.js';
import { bayesianView, bindingRule } from './passChance.js';
import { bayesianWorld, BeliefCache, type BayesianWorld } from './world.js';

/** Private information: offers that trade payoff against the believed chance of acceptance (BayesianPlay). */
class BayesianPlayers implements Player {
  private readonly play: BayesianPlay;
  private readonly g: Game;
  private readonly world: BayesianWorld;
  /** The plan the play follows (a new one each round under a plan). */
  private followed: PlanView | null = null;
  /** The decision rule if it binds (worked out once). */
  private rule: { d: ReturnType<typeof bindingRule> } | undefined;

  // The context, not its plan: under a plan the engine gives it a new one each round.
  constructor(private readonly ctx: PlayerContext<BayesianWorld>) {
    this.g = bayesianView(ctx.g);
    this.world = ctx.prepared;
    // Under a plan it starts on it: the stationary reference play is never needed then.
    this.followed = ctx.plan ?? null;
    this.play = new BayesianPlay(this.g, this.world, this.followed);
  }

  offer(j: number, s: number, _t: number, rng: Rng): Offer | null {
    this.sync();
    // Knowing every responder's type and its own to be as expected, it is in the reference game (or plan): its equilibrium choice.
    this.play.lastChance = 1;
    if (this.knowsEveryone(j)) return equilibriumOffer(this.followed?.at.eq ?? this.world.ref.eq, s * this.g.n + j, rng);
    return this.play.offer(j, s, rng);
  }

  needed(i: number, s: number): number {
    this.sync();
    return this.play.needed(i, s);
  }

  continuing(i: number, s: number): number {
    return this.play.continuing(i, s);
  }

  observe(_proposer: number, offer: Offer | null, replies: (boolean | null)[], s: number): void {
    this.sync();
    if (offer) this.play.observe(offer, replies, s);
  }

  /** Follows the plan the engine gives this round, if it changed. */
  private sync(): void {
    const plan = this.ctx.plan ?? null;
    if (plan === this.followed) return;
    this.followed = plan;
    this.play.follow(plan);
  }

  chance(): number {
    return this.play.lastChance;
  }

  private knowsEveryone(j: number): boolean {
    const d = (this.rule ??= { d: bindingRule(this.g.model) }).d;
    // Under a decision rule that binds every voter's reply counts, not only those whose consent a deal needs.
    return this.world.beliefs.every((x, i) => !x.uncertain || (i !== j && this.g.model.consent.ever[i] === 0 && !(d && d.weight[i] > 0)));
  }
}

export const bayesian: StrategyEntry<BayesianWorld, BeliefCache> = {
  kind: 'bayesian',
  usesEquilibrium: false,
  context: () => new BeliefCache(),
  prepare: (g, run, cache) => bayesianWorld(cache, g.model, run, g.rp),
  recognition: (world) => world.recognition,
  // Under a plan the reference equilibrium is not played (the reference plan is, and the run counts its convergence): only a solved one counts.
  converged: (world, planned) => (planned && !world.referenceSolved) || world.ref.eq.converged,
  readsPlan: true,
  create: (ctx) => new BayesianPlayers(ctx),
};
