import type { Offer } from './offer.js';

/**
 * Why a run without a deal ended, when not simply at the end of the window with talks going on: an event
 * took a required party from the table (`walkedAway`), a party rejected an offer and took its outside
 * option (`tookOutsideOption`: walked away by choice), or no package was left in the range.
 */
export type EndReason = 'walkedAway' | 'tookOutsideOption' | 'noFeasiblePackage';

/** How one run ended. */
export interface RunOutcome {
  agreed: boolean;
  /** Round of agreement, 1-based; 0 without agreement in the window. */
  round: number;
  /** The agreed package (raw values; option positions), or null. */
  terms: Float64Array | null;
  /** Each party's utility of the agreed terms, or null. */
  dealUtils: Float64Array | null;
  /** Each party's value of the run: (1 − δ)·Σ δ^t·payoff_t, on the 0–1 scale. */
  values: Float64Array;
  /** Why a run without a deal ended, when not simply at the end of the window with talks going on. */
  end?: EndReason;
  /** Under a decision rule, the deal's winning coalition: bit i set when party i voted for it (the proposer included). */
  coalition?: number;
  /** When the run ended because parties took their outside options: who left, and the round (1-based). */
  left?: { parties: number[]; round: number };
  /** Per event (scenario order): whether it fired in this run (runs with events only). */
  fired?: Uint8Array;
  /** Whether a bargaining range existed as talks opened (after the first round's events), and if not, who blocked it (solvers/range.ts `blocker`; −1: no single party). */
  start?: { range: boolean; blocker?: number };
  /** The round in which the first event fired, 0 when none did (runs with events only). */
  firstEvent?: number;
  /**
   * Scenarios whose deals can break down: whether a deal was in force at the end of the window, how many
   * collapsed, the round of the first collapse (0: none), and the rounds of war after a collapse.
   */
  breakdown?: { holding: boolean; collapses: number; firstCollapse: number; warRounds: number };
}

/** One run's outcome and whether every equilibrium its players solved converged. */
export type MechanismOutcome = RunOutcome & { converged: boolean };

/** What happened in one round (for transcripts). */
export interface RoundRecord {
  round: number;
  proposer: number;
  offer: Offer | null;
  /** Per party: accepted (true), rejected (false), or not asked (null). */
  replies: (boolean | null)[];
  /** Per party: the utility it needed to accept. */
  thresholds: Float64Array;
  /** A bayesian proposer's belief that every required responder accepts its offer. */
  chance?: number;
  /** Per party: its no-deal flow this round, when the mechanism or the world moves it. */
  flows?: Float64Array;
  /** Under a plan (levers seen coming), each party's value of no deal ever along its own expected path: the floor of what it signs. */
  noDeal?: Float64Array;
  /** Events that fired at the start of this round (scenario events). */
  events?: string[];
  /** The no-deal state this round (scenarios with a nodeal block; option positions for options issues). */
  state?: Float64Array;
  /** Whether a mediator tabled the text this round (in a world whose mechanism can switch). */
  mediated?: boolean;
  /** The parties that rejected and took their outside option this round (absent when none did). */
  left?: number[];
}

/** Whether every party whose reply was asked accepted (an offer nobody needed to answer is accepted). */
export const accepted = (offer: Offer | null, replies: (boolean | null)[]): offer is Offer => offer !== null && replies.every((r) => r !== false);
