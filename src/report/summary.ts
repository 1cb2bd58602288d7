import type { LoadedScenario } from '../scenario/load.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { Model } from '../model/types.js';
import { coarseCounts, mean, quantile, type Histogram } from '../stats/histogram.js';
import { wilsonInterval } from '../stats/wilson.js';
import { timingWarnings } from './horizons.js';
import { VERSION } from '../version.js';
import { roundDate } from './calendar.js';
import { decisionWords } from '../model/decision.js';

/** Mean and percentiles of a quantity. */
export interface Spread {
  mean: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

/** The result of `parley run` on one scenario: the contract's JSON, and what the tables show. */
export interface RunReport {
  parley: string;
  scenario: { name: string; title?: string; file: string; sha256: string; overrides: Record<string, unknown> };
  seed: number;
  runs: number;
  window: { rounds: number; calendar?: { start: string; round: string } };
  agreement: { rate: number; ci95: [number, number]; count: number };
  roundsToAgreement: { mean: number | null; p50: number | null; p90: number | null; dates?: { p50: string | null; p90: string | null } };
  terms: Record<string, Spread | { shares: Record<string, number> }>;
  utility: Record<string, Spread>;
  dealUtility: Record<string, Spread>;
  /**
   * Runs without a deal by why they ended: window reached with talks going on, a required party walked away
   * (an event took it from the table), a party walked away by choice (took its outside option: given only
   * when some party has one), an empty bargaining range.
   */
  noDeal: { windowReached: number; walkedAway: number; tookOutsideOption?: number; noFeasiblePackage: number };
  /** Scenarios with events: the share of runs in which each fired. */
  events?: Record<string, { fired: number }>;
  /**
   * Why the rate is what it is: the share of runs with a bargaining range as talks opened, and of the
   * runs without one, the share each party blocked (the one whose no-deal value is furthest above the
   * best a package the others all accept gives it; `jointly`: the others are at odds even without it).
   */
  range: { atStart: number; blockedBy: Record<string, number>; jointly: number };
  /** When deals came: the cumulative share of all runs with a deal by each round of the window (with each round's start date under a calendar). */
  dealsBy: { round: number; share: number; date?: string }[];
  /** Scenarios whose rational players see events coming: the share of deals made before any event fired. */
  beforeEvents?: number;
  /**
   * Scenarios whose deals can break down: of the runs with a deal, the share whose deal (or a later one)
   * was in force at the end of the window and the share in which a deal collapsed; the mean round of
   * the first collapse and the mean rounds of war after it (over runs with a collapse).
   */
  breakdown?: { held: number; collapsed: number; meanCollapseRound: number | null; meanWarRounds: number | null };
  /**
   * Scenarios with a decision rule (mechanism.decision): the rule in words, the share of deals in which each
   * party was in the winning coalition (voted for the deal, its proposer included), and the most frequent
   * winning coalitions with their share of deals (at most COALITIONS_SHOWN, by share, then party order).
   */
  decision?: { rule: string; inCoalition: Record<string, number>; coalitions: { parties: string[]; share: number }[] };
  solver: { notConverged: number };
  /** Deal timings (median, p90 round) that equal a horizon typed into the file (report/horizons.ts); absent when none does. */
  timingWarnings?: string[];
  /** With `--outer K`: the spread across K draws of the analyst's uncertain parameters. */
  outer?: OuterSpread;
  /** What the charts draw (`--plot`): fixed-size copies of the streamed aggregates. */
  distributions: Distributions;
}

/** The range as talks opened: its share of runs, and who blocked it in the others. */
function rangeOf(model: Model, agg: Aggregate): RunReport['range'] {
  const closed = agg.runs - agg.rangeAtStart;
  const share = (c: number) => (closed === 0 ? 0 : (r6(c / closed) as number));
  return {
    atStart: r6(agg.rangeAtStart / agg.runs) as number,
    blockedBy: Object.fromEntries(model.parties.map((p, i) => [p.id, share(agg.blockedBy[i])])),
    jointly: share(agg.blockedJointly),
  };
}

/** How many winning coalitions a report lists. */
export const COALITIONS_SHOWN = 5;

/** Who decided the deals under a decision rule (RunReport.decision). */
function decisionOf(model: Model, agg: Aggregate): NonNullable<RunReport['decision']> {
  const n = model.parties.length;
  const share = (c: number) => (agg.agreements === 0 ? 0 : (r6(c / agg.agreements) as number));
  const inCoalition = new Float64Array(n);
  agg.coalitions.forEach((c, mask) => {
    for (let i = 0; i < n; i++) if ((mask >> i) & 1) inCoalition[i] += c;
  });
  const masks = Array.from(agg.coalitions.keys()).filter((m) => agg.coalitions[m] > 0);
  // By share; ties in the order of the members' indices (a lower first member first).
  const order = (m: number) => Array.from({ length: n }, (_, i) => i).filter((i) => (m >> i) & 1);
  masks.sort((a, b) => agg.coalitions[b] - agg.coalitions[a] || order(a).join(',').localeCompare(order(b).join(','), 'en'));
  return {
    rule: decisionWords(model.decision, model.parties),
    inCoalition: Object.fromEntries(model.parties.map((p, i) => [p.id, share(inCoalition[i])])),
    coalitions: masks.slice(0, COALITIONS_SHOWN).map((m) => ({ parties: order(m).map((i) => model.parties[i].id), share: share(agg.coalitions[m]) })),
  };
}

/** Deals that held and deals that collapsed, over runs with a deal. */
function breakdownOf(agg: Aggregate): NonNullable<RunReport['breakdown']> {
  const share = (c: number) => (agg.agreements === 0 ? 0 : (r6(c / agg.agreements) as number));
  const meanRound = agg.collapsed === 0 ? null : r6(agg.collapseByRound.reduce((acc, c, i) => acc + c * (i + 1), 0) / agg.collapsed);
  return { held: share(agg.held), collapsed: share(agg.collapsed), meanCollapseRound: meanRound, meanWarRounds: agg.collapsed === 0 ? null : r6(agg.warAfterCollapse / agg.collapsed) };
}

/** The cumulative share of runs with a deal by each round, dated under a calendar. */
function dealsByOf(model: Model, agg: Aggregate): RunReport['dealsBy'] {
  const cal = model.scenario.calendar;
  let sum = 0;
  return Array.from(agg.byRound, (c, i) => {
    sum += c;
    return { round: i + 1, share: r6(sum / agg.runs) as number, ...(cal ? { date: roundDate(cal, i + 1) } : {}) };
  });
}

/** Counts in equal bins over [lo, hi]. */
export interface Binned {
  lo: number;
  hi: number;
  counts: number[];
}

/** Fixed-size distributions for charts: their size does not depend on the number of runs. */
export interface Distributions {
  /** Deals per round of the window (index 0 = round 1). */
  agreementsByRound: number[];
  /** Numeric issues: agreed terms in PLOT_BINS bins over the issue's range (over deals). */
  terms: Record<string, Binned>;
  /** Each party's value of the run in PLOT_BINS bins over [0, 1] (all runs). */
  values: Record<string, Binned>;
}

/** Bins per distribution in the report (2000 aggregate bins regroup exactly into 40). */
export const PLOT_BINS = 40;

const binned = (h: Histogram): Binned => ({ lo: h.lo, hi: h.hi, counts: coarseCounts(h, PLOT_BINS) });

function distributionsOf(model: Model, agg: Aggregate): Distributions {
  const terms: Record<string, Binned> = {};
  model.issues.forEach((issue, k) => {
    if (issue.kind === 'numeric') terms[issue.id] = binned(agg.terms[k] as Histogram);
  });
  return {
    agreementsByRound: Array.from(agg.byRound),
    terms,
    values: Object.fromEntries(model.parties.map((p, i) => [p.id, binned(agg.values[i])])),
  };
}

/** Percentiles across assumption draws (each draw's value is an average over its inner runs). */
export interface OuterSpread {
  draws: number;
  innerRuns: number;
  agreementRate: { p5: number; p50: number; p95: number };
  /** Each numeric issue's mean term, over the draws that produced any deal. */
  terms: Record<string, { p5: number; p50: number; p95: number; draws: number }>;
}

/** Empirical percentile (linear interpolation between order statistics). */
function percentile(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

function spreadOf(xs: number[]): { p5: number; p50: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { p5: r6(percentile(s, 0.05)) as number, p50: r6(percentile(s, 0.5)) as number, p95: r6(percentile(s, 0.95)) as number };
}

export function outerSpread(draws: number, innerRuns: number, rates: number[], terms: Map<string, number[]>): OuterSpread {
  return {
    draws,
    innerRuns,
    agreementRate: spreadOf(rates),
    terms: Object.fromEntries([...terms].map(([k, xs]) => [k, { ...spreadOf(xs), draws: xs.length }])),
  };
}

/** Rounded to 6 decimals (null when not finite), as every report prints numbers. */
export const r6 = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null);

/** Mean and 5th/50th/95th percentiles of a histogram. */
export function spread(h: Histogram): Spread {
  return { mean: r6(mean(h)), p5: r6(quantile(h, 0.05)), p50: r6(quantile(h, 0.5)), p95: r6(quantile(h, 0.95)) };
}

/** The smallest round by which a fraction q of the agreements had happened. */
function roundQuantile(byRound: Float64Array, total: number, q: number): number | null {
  if (total === 0) return null;
  let cum = 0;
  for (let i = 0; i < byRound.length; i++) if ((cum += byRound[i]) >= q * total - 1e-9) return i + 1;
  return byRound.length;
}

/** The scenario part of every report's header: name, title, file, sha256, overrides. */
export function scenarioHeader(loaded: LoadedScenario): RunReport['scenario'] {
  const s = loaded.scenario;
  return { name: s.name, ...(s.title ? { title: s.title } : {}), file: loaded.source.file, sha256: loaded.sha256, overrides: loaded.overrides };
}

/** Builds the report from the aggregate of a run. */
export function buildRunReport(loaded: LoadedScenario, model: Model, agg: Aggregate, seed: number): RunReport {
  const s = model.scenario;
  const mean = agg.agreements === 0 ? null : r6(agg.byRound.reduce((acc, c, i) => acc + c * (i + 1), 0) / agg.agreements);
  const p50 = roundQuantile(agg.byRound, agg.agreements, 0.5);
  const p90 = roundQuantile(agg.byRound, agg.agreements, 0.9);
  const ci = wilsonInterval(agg.agreements, agg.runs);
  const terms: RunReport['terms'] = {};
  model.issues.forEach((issue, k) => {
    const t = agg.terms[k];
    if (issue.kind === 'options') {
      const counts = t as Float64Array;
      terms[issue.id] = { shares: Object.fromEntries(issue.options.map((o, i) => [o, agg.agreements ? (r6(counts[i] / agg.agreements) as number) : 0])) };
    } else terms[issue.id] = spread(t as Histogram);
  });
  const byParty = (hs: Histogram[]) => Object.fromEntries(model.parties.map((p, i) => [p.id, spread(hs[i])]));
  const warnings = timingWarnings(s, { p50, p90 });
  return {
    parley: VERSION,
    scenario: scenarioHeader(loaded),
    seed,
    runs: agg.runs,
    window: { rounds: s.rounds, ...(s.calendar ? { calendar: s.calendar } : {}) },
    agreement: { rate: r6(agg.agreements / agg.runs) as number, ci95: [r6(ci[0]) as number, r6(ci[1]) as number], count: agg.agreements },
    roundsToAgreement: {
      mean,
      p50,
      p90,
      ...(s.calendar ? { dates: { p50: p50 === null ? null : roundDate(s.calendar, p50), p90: p90 === null ? null : roundDate(s.calendar, p90) } } : {}),
    },
    terms,
    utility: byParty(agg.values),
    dealUtility: byParty(agg.dealUtils),
    noDeal: {
      windowReached: agg.runs - agg.agreements - agg.walkedAway - agg.tookOutside - agg.noFeasible,
      walkedAway: agg.walkedAway,
      ...(model.parties.some((p) => p.outside) ? { tookOutsideOption: agg.tookOutside } : {}),
      noFeasiblePackage: agg.noFeasible,
    },
    ...(model.world?.events.length ? { events: Object.fromEntries(model.world.events.map((e, x) => [e.id, { fired: r6(agg.fired[x] / agg.runs) as number }])) } : {}),
    range: rangeOf(model, agg),
    dealsBy: dealsByOf(model, agg),
    ...(model.breakdown ? { breakdown: breakdownOf(agg) } : {}),
    ...(model.world?.events.some((e) => e.anticipated) ? { beforeEvents: agg.agreements ? (r6(agg.beforeEvents / agg.agreements) as number) : 0 } : {}),
    ...(model.decision ? { decision: decisionOf(model, agg) } : {}),
    solver: { notConverged: agg.notConverged },
    ...(warnings.length ? { timingWarnings: warnings } : {}),
    distributions: distributionsOf(model, agg),
  };
}
