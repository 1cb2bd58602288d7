import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, type OpenScenario } from '../model/open.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { CompareResult } from '../montecarlo/compare.js';
import type { SweepParam } from '../montecarlo/grid.js';
import type { JobSpec } from '../montecarlo/jobs.js';
import type { JobTotal, PlannedJob } from '../montecarlo/span.js';
import { buildCompareReport, type CompareReport } from '../report/compare.js';
import { outcomeOf, type SensitivityReport } from '../report/sensitivity.js';
import { buildRunReport, type RunReport } from '../report/summary.js';
import type { SweepReport } from '../report/sweep.js';
import { assertComparable, type Variant } from './compare.js';
import { sensitivitySettings, sensitivityReport } from './sensitivity.js';
import { sweepPoints, sweepReport } from './sweep.js';

/**
 * A command's Monte Carlo as data: its jobs (jobs.ts: kind, seed, runs and
 * scenarios) and how their totals become its report. A shard computes a span
 * of the jobs' units, a merge adds the spans up and calls `finish`: the same
 * report as the command on one machine (the same jobs, the same report builders).
 */
export interface Plan<R> {
  jobs: { spec: JobSpec; opens: OpenScenario[] }[];
  finish(totals: JobTotal[]): R;
}

/** The plan's jobs with their compiled models. */
export const plannedJobs = (plan: Plan<unknown>): PlannedJob[] => plan.jobs.map((j) => ({ spec: j.spec, models: j.opens.map((o) => o.model) }));

const simulateJob = (opens: OpenScenario[], seed: number, runs: number) => ({ spec: { kind: 'simulate' as const, scenarios: opens.length, seed, runs }, opens });

/** `parley run` on bargaining scenarios: one job per scenario, with its own seed and runs unless given. */
export function runPlan(opens: OpenScenario[], opts: { seed?: number; runs?: number }): Plan<RunReport[]> {
  opens.forEach((o) => assertBargaining(o, '`parley run --shard`'));
  const jobs = opens.map((o) => simulateJob([o], resolveSeed(o.model, opts.seed), resolveRuns(o.model, opts.runs)));
  return { jobs, finish: (totals) => opens.map((o, i) => buildRunReport(o.loaded, o.model, (totals[i] as Aggregate[])[0], jobs[i].spec.seed)) };
}

/** `parley compare`: one job on common random numbers. */
export function comparePlan(variants: Variant[], opts: { seed?: number; runs?: number; threshold?: number }): Plan<CompareReport> {
  assertComparable(variants);
  const base = variants[0].open.model;
  const seed = resolveSeed(base, opts.seed);
  const spec = { kind: 'compare' as const, scenarios: variants.length, seed, runs: resolveRuns(base, opts.runs) };
  return { jobs: [{ spec, opens: variants.map((v) => v.open) }], finish: (totals) => buildCompareReport(variants, totals[0] as CompareResult, seed, opts.threshold ?? 0.01) };
}

/** `parley sweep`: one job per point, all on the same seed. */
export function sweepPlan(open: OpenScenario, params: SweepParam[], opts: { seed?: number; runs?: number }): Plan<SweepReport> {
  const { seed, opened, runsAt } = sweepPoints(open, params, opts);
  const jobs = opened.map((p, i) => simulateJob([p.open], seed, runsAt[i]));
  const finish = (totals: JobTotal[]) =>
    sweepReport(open, params, seed, opened.map((p, i) => ({ values: p.values, report: buildRunReport(p.open.loaded, p.open.model, (totals[i] as Aggregate[])[0], seed) })));
  return { jobs, finish };
}

/** `parley sensitivity`: the baseline and every setting as one job. */
export function sensitivityPlan(open: OpenScenario, opts: { seed?: number; runs?: number; includeFixed?: boolean }): Plan<SensitivityReport> {
  assertBargaining(open, '`parley sensitivity`');
  const seed = resolveSeed(open.model, opts.seed);
  const runs = resolveRuns(open.model, opts.runs);
  const { targets, settings } = sensitivitySettings(open, opts.includeFixed ?? false);
  const opens = [open, ...settings.map((s) => s())];
  const finish = (totals: JobTotal[]) => {
    const outcomes = opens.map((o, i) => outcomeOf(o.model, (totals[0] as Aggregate[])[i]));
    return sensitivityReport(open, targets, seed, runs, outcomes[0], outcomes.slice(1));
  };
  return { jobs: [simulateJob(opens, seed, runs)], finish };
}
