import type { ResolvedIssueUtility } from '../../model/utility.js';
import type { TableShape } from './spaceCache.js';

/**
 * The proposer's problem in closed form, for games with at most one numeric
 * issue, no constraint on it, and single-peaked utilities on it (the default
 * linear utility; a tabulated expression that rises then falls). Then, in
 * each combination of options, each required responder's acceptance is an
 * interval of the numeric issue (the set where its utility reaches its
 * threshold), found by inverting its utility exactly: linear by formula,
 * tabulated by a binary search on the table and interpolation in one cell.
 * The proposer takes the point of the intersection nearest its own peak
 * (or, if it does not care about the issue, the end the others like least).
 * Everything that does not depend on thresholds (option utilities per
 * combination, peaks) is built once per game; a map evaluation allocates nothing.
 */
export interface ClosedForm {
  n: number;
  /** Feasible combinations of options, ascending; `slot` indexes them (a coalition's view under a decision rule: those it can carry). */
  combos: Int32Array;
  /** A package with that combination (its option values are the combination's). */
  rep: Int32Array;
  /** Utility of the combination's options to each party: optU[slot * n + i]. */
  optU: Float64Array;
  /** The numeric issue, or −1. */
  k: number;
  lo: number;
  hi: number;
  /** Each party's weight on the numeric issue (0 when it has no utility for it). */
  a: Float64Array;
  /** Each party's peak on the numeric issue and its utility there. */
  peak: Float64Array;
  peakVal: Float64Array;
  curves: (ResolvedIssueUtility | null)[];
  /** Each party's curve as numbers for the inner loop: the linear default's ideal and reach (0 when tabulated or absent). */
  ideal: Float64Array;
  far: Float64Array;
  /** Each tabulated curve's values, the index of its peak and its level guide (`guideOf`); null/0 otherwise. */
  table: (Float64Array | null)[];
  top: Int32Array;
  guide: (TableShape | null)[];
  /** Whether party i must sign a deal in the slot's combination: required[slot * n + i] (Model.consent). */
  required: Uint8Array;
  /** The same as lists, ascending: the parties who must sign in a slot are signers[slot * n + k], k < signerCount[slot]. */
  signers: Int32Array;
  signerCount: Int32Array;
  /** Scratch written by `evaluate`: per slot, the numeric value and the proposer's utility (−∞: nothing acceptable). */
  x: Float64Array;
  val: Float64Array;
  /** Scratch written by `prepare`: each required party's acceptable interval per slot (lvLo > lvHi: none). */
  lvLo: Float64Array;
  lvHi: Float64Array;
  /** Scratch written by `prepare`: d lvLo / d w_i and d lvHi / d w_i (how an end moves with the party's threshold). */
  dLo: Float64Array;
  dHi: Float64Array;
  /** Scratch written by `evaluate`: the responder whose threshold sets x in each slot (−1: none does) and dx / d w of it. */
  xBy: Int32Array;
  dx: Float64Array;
  /** Scratch for a map evaluation's thresholds in one state (length n). */
  w: Float64Array;
  /**
   * Each party's value of continuing in that state, without its outside option: what a round without an
   * offer pays (core/recognition.ts `fillThresholds`). The same array as `w` when no party has an option.
   */
  cont: Float64Array;
  /** Scratch of the smoothed map (map.ts): the top REFINE_TOP slots of a proposer, their logit weights and probabilities. */
  topSlot: Int32Array;
  topWeight: Float64Array;
  topProb: Float64Array;
  /** Scratch written by `offerSlopes`: each party's curve slope at one offer (length n). */
  slope: Float64Array;
  /**
   * Deals that can break down (core/game.ts `GameBreakdown`): κ by slot and party (kappa[slot * n + i])
   * and the game's values of being back at the table (read as they stand at each evaluation); null when
   * deals are final. A deal in the slot is worth κ·u + (1 − κ)·B.
   */
  kappa: Float64Array | null;
  back: Float64Array | null;
}
