import type { RunOutcome } from '../core/outcome.js';
import type { Model } from '../model/types.js';
import { histogram, mergeInto, observe, type Histogram } from '../stats/histogram.js';

/**
 * Streaming aggregates of many runs: counts and fixed-size histograms, so
 * memory does not grow with the number of runs. Merging is by addition, so
 * chunks merged in a fixed order give the same result on any number of workers.
 */
export interface Aggregate {
  runs: number;
  agreements: number;
  notConverged: number;
  /** Agreements per round, index = round − 1. */
  byRound: Float64Array;
  /** Numeric issues: histogram of agreed terms; options issues: counts per option. Over agreements. */
  terms: (Histogram | Float64Array)[];
  /** Each party's value of the run, over all runs. */
  values: Histogram[];
  /** Each party's utility of the agreed terms, over agreements. */
  dealUtils: Histogram[];
  /** Runs without a deal that ended because a party whose consent is needed walked away. */
  walkedAway: number;
  /** Runs without a deal that ended because a party rejected an offer and took its outside option (walked away by choice). */
  tookOutside: number;
  /** Runs without a deal whose bargaining range was empty at the end (no feasible package). */
  noFeasible: number;
  /** Per event (scenario order): runs in which it fired. */
  fired: Float64Array;
  /** Runs in which a bargaining range existed as talks opened. */
  rangeAtStart: number;
  /** Per party: runs without a range at the start that this party blocked (solvers/range.ts `blocker`). */
  blockedBy: Float64Array;
  /** Runs without a range at the start where the others were already at odds without the blocker (no single party blocked). */
  blockedJointly: number;
  /** Deals made before any event fired (scenarios with events). */
  beforeEvents: number;
  /** Deals that can break down: runs with a deal in force at the end of the window, runs in which a deal collapsed, by the round of the first collapse, and their rounds of war after it. */
  held: number;
  collapsed: number;
  collapseByRound: Float64Array;
  warAfterCollapse: number;
  /** Under a decision rule, deals by winning coalition (index: its mask, bit i for party i; core/coalitions.ts); empty otherwise. */
  coalitions: Float64Array;
}

export function emptyAggregate(model: Model): Aggregate {
  const n = model.parties.length;
  return {
    runs: 0,
    agreements: 0,
    notConverged: 0,
    byRound: new Float64Array(model.scenario.rounds),
    terms: model.issues.map((i) => (i.kind === 'numeric' ? histogram(i.lo, i.hi) : new Float64Array(i.options.length))),
    values: Array.from({ length: n }, () => histogram(0, 1)),
    dealUtils: Array.from({ length: n }, () => histogram(0, 1)),
    walkedAway: 0,
    tookOutside: 0,
    noFeasible: 0,
    fired: new Float64Array(model.world?.events.length ?? 0),
    rangeAtStart: 0,
    blockedBy: new Float64Array(n),
    blockedJointly: 0,
    beforeEvents: 0,
    held: 0,
    collapsed: 0,
    collapseByRound: new Float64Array(model.breakdown ? model.scenario.rounds : 0),
    warAfterCollapse: 0,
    coalitions: new Float64Array(model.decision ? 2 ** n : 0),
  };
}

/** Folds one run into the aggregate. */
export function addRun(a: Aggregate, r: RunOutcome & { converged: boolean }): void {
  a.runs++;
  if (!r.converged) a.notConverged++;
  for (let i = 0; i < a.values.length; i++) observe(a.values[i], r.values[i]);
  if (r.fired) for (let x = 0; x < r.fired.length; x++) a.fired[x] += r.fired[x];
  if (r.end === 'walkedAway') a.walkedAway++;
  else if (r.end === 'tookOutsideOption') a.tookOutside++;
  else if (r.end === 'noFeasiblePackage') a.noFeasible++;
  if (r.start?.range) a.rangeAtStart++;
  else if (r.start?.blocker !== undefined) {
    if (r.start.blocker >= 0) a.blockedBy[r.start.blocker]++;
    else a.blockedJointly++;
  }
  const b = r.breakdown;
  if (b) {
    if (b.holding) a.held++;
    if (b.collapses > 0) (a.collapsed++, a.collapseByRound[b.firstCollapse - 1]++, (a.warAfterCollapse += b.warRounds));
  }
  if (!r.agreed || !r.terms || !r.dealUtils) return;
  a.agreements++;
  if (r.firstEvent !== undefined && (r.firstEvent === 0 || r.firstEvent > r.round)) a.beforeEvents++;
  a.byRound[r.round - 1]++;
  if (r.coalition !== undefined) a.coalitions[r.coalition]++;
  a.terms.forEach((t, k) => {
    if (t instanceof Float64Array) t[(r.terms as Float64Array)[k]]++;
    else observe(t, (r.terms as Float64Array)[k]);
  });
  for (let i = 0; i < a.dealUtils.length; i++) observe(a.dealUtils[i], r.dealUtils[i]);
}

/** Adds b into a (the same model). */
export function mergeAggregates(a: Aggregate, b: Aggregate): void {
  a.runs += b.runs;
  a.agreements += b.agreements;
  a.notConverged += b.notConverged;
  a.walkedAway += b.walkedAway;
  a.tookOutside += b.tookOutside;
  a.noFeasible += b.noFeasible;
  a.rangeAtStart += b.rangeAtStart;
  b.blockedBy.forEach((c, i) => (a.blockedBy[i] += c));
  a.blockedJointly += b.blockedJointly;
  a.beforeEvents += b.beforeEvents;
  a.held += b.held;
  a.collapsed += b.collapsed;
  b.collapseByRound.forEach((c, i) => (a.collapseByRound[i] += c));
  a.warAfterCollapse += b.warAfterCollapse;
  b.fired.forEach((c, x) => (a.fired[x] += c));
  b.coalitions.forEach((c, x) => (a.coalitions[x] += c));
  b.byRound.forEach((c, i) => (a.byRound[i] += c));
  a.terms.forEach((t, k) => {
    const u = b.terms[k];
    if (t instanceof Float64Array) (u as Float64Array).forEach((c, i) => (t[i] += c));
    else mergeInto(t, u as Histogram);
  });
  a.values.forEach((h, i) => mergeInto(h, b.values[i]));
  a.dealUtils.forEach((h, i) => mergeInto(h, b.dealUtils[i]));
}
