import type { Game } from '../core/game.js';
import type { Model } from '../model/types.js';
import type { Parties } from '../core/mechanism.js';
import { ACCEPT_TOL, type Offer } from '../core/offer.js';
import type { Player } from '../core/player.js';
import { recognitionOf, type RecognitionStates } from '../core/recognition.js';
import type { Rng } from '../rng/stream.js';
import type { Equilibrium } from '../solvers/equilibrium.js';
import type { PlanView, PlayerContext, StrategyEntry } from '../strategies/player.js';
import { STRATEGIES, strategyOf } from '../strategies/registry.js';

/** What the players of one game were prepared with: the equilibrium (when a strategy reads it) and each strategy's preparation. */
export interface Prepared {
  eq: Equilibrium | null;
  /** By strategy, for the strategies some party plays. */
  byStrategy: Map<StrategyEntry, unknown>;
  /** Whether every solve behind this preparation converged. */
  converged: boolean;
  /** Under a plan, the reference plan where the run is (for strategies that read it). */
  plan?: PlanView | null;
}

/** The strategies some party of the model plays, in registry order. */
export const strategiesIn = (model: Model): StrategyEntry[] => STRATEGIES.filter((e) => model.parties.some((p) => p.strategy.kind === e.kind));

/**
 * A run's parties as a mechanism sees them: each party's offers and acceptance levels by its strategy's
 * players (one Player per strategy played, made for this game), and what they remember.
 */
export class Players implements Parties {
  private readonly teams: Player[] = [];
  private readonly byParty: Player[];
  private readonly contexts: PlayerContext[] = [];
  /** Who proposes when no equilibrium says it (a strategy's preparation, else the game's own), found on first use. */
  private fallback: RecognitionStates | undefined;

  constructor(
    private readonly g: Game,
    private readonly prepared: Prepared,
  ) {
    const made = new Map<StrategyEntry, Player>();
    for (const entry of strategiesIn(g.model)) {
      // The context is read on every call: a re-solve in a moving world updates `eq` without new players.
      const ctx: PlayerContext = { g, eq: prepared.eq, prepared: prepared.byStrategy.get(entry), plan: prepared.plan ?? null };
      this.contexts.push(ctx);
      const player = entry.create(ctx);
      made.set(entry, player);
      this.teams.push(player);
    }
    this.byParty = g.model.parties.map((p) => made.get(strategyOf(p.strategy.kind)) as Player);
  }

  /** A new equilibrium of the same game (a moving world re-solved it): players keep what they learned. */
  resolved(eq: Equilibrium | null, plan: PlanView | null = null): void {
    this.prepared.eq = eq;
    this.prepared.plan = plan;
    for (const ctx of this.contexts) (ctx.eq = eq), (ctx.plan = plan);
  }

  recognition(): RecognitionStates {
    // Asked every round: the game's own recognition (the last resort, which makes new arrays) is found once.
    return this.prepared.eq?.recognition ?? (this.fallback ??= recognitionFor(this.g, this.prepared));
  }

  offer(j: number, s: number, t: number, rng: Rng): Offer | null {
    return this.byParty[j].offer(j, s, t, rng);
  }

  needed(i: number, s: number, t: number): number {
    const level = this.byParty[i].needed(i, s, t);
    // Nobody signs for less than leaving would give it (a rational player's level already says so).
    const o = this.g.rp.outside;
    return o && o[i] > level ? o[i] : level;
  }

  leaves(i: number, s: number, t: number): boolean {
    const o = this.g.rp.outside;
    if (!o || o[i] === -Infinity) return false;
    const p = this.byParty[i];
    return o[i] > (p.continuing ? p.continuing(i, s, t) : p.needed(i, s, t)) + ACCEPT_TOL;
  }

  chance(j: number): number | undefined {
    return this.byParty[j].chance?.(j);
  }

  observe(proposer: number, offer: Offer | null, replies: (boolean | null)[], s: number): void {
    for (const team of this.teams) team.observe(proposer, offer, replies, s);
  }
}

/** Who proposes, by state: the equilibrium's recognition, else a strategy's preparation's, else the game's own. */
export function recognitionFor(g: Game, prepared: Prepared | null): RecognitionStates {
  if (prepared?.eq) return prepared.eq.recognition;
  if (prepared)
    for (const [entry, p] of prepared.byStrategy) {
      const r = entry.recognition?.(p);
      if (r) return r;
    }
  return recognitionOf(g);
}

/** The utility party i needs to accept a mediator's text, by its strategy (default: its flow). */
export function textLevel(g: Game, i: number, t: number, flow: number): number {
  const entry = strategyOf(g.model.parties[i].strategy.kind);
  return entry.textLevel ? entry.textLevel(g, i, t, flow) : flow;
}

/** Whether party i, as a signatory of a mediator's text, looks ahead to the texts to come (by its strategy). */
export function foresees(g: Game, i: number): boolean {
  return strategyOf(g.model.parties[i].strategy.kind).foresees === true;
}
