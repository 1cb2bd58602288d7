import type { Model } from '../model/types.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { emptyCompare, mergeCompare, type CompareResult } from './compare.js';
import { computeUnit, enginesFor, unitAt, unitCount, type JobKind, type JobResults, type JobSpec } from './jobs.js';

/** A Monte Carlo job with its scenarios compiled: what a shard, a queue worker or a merge works on. */
export interface PlannedJob {
  spec: JobSpec;
  models: Model[];
}

/** One job's totals: each scenario's aggregate (`simulate`) or the comparison (`compare`). */
export type JobTotal = Aggregate[] | CompareResult;

/**
 * The result of a span of units [from, to) of a list of jobs, numbered one job
 * after another (every unit of job 0, then of job 1...), in a form that merges
 * exactly whatever machine computed it:
 * - `exact`: per job, the sum of the span's units with every floating-point
 *   sum set to zero (null for a job the span does not touch). What is left
 *   (counts, histogram bins, minima and maxima) adds up exactly in any order.
 * - `sums`: per unit, its floating-point sums (sumsOf), which a merge adds
 *   in unit order, as one thread does: floating-point addition is not
 *   associative, so sums of spans would differ from the one-machine bytes in
 *   the last digits.
 */
export interface Span {
  from: number;
  to: number;
  exact: (JobTotal | null)[];
  sums: number[][];
}

type Sums = { owner: Record<string, number>; key: string }[];

/**
 * The floating-point sums inside an aggregate or a comparison (the `sum` and
 * `sumSq` of its histograms and paired differences), in a fixed order: every
 * other number in them is a count, a bin, a minimum or a maximum, which merge
 * exactly in any order.
 */
export function sumsOf(x: object, out: Sums = []): Sums {
  for (const [key, v] of Object.entries(x)) {
    if (key === 'sum' || key === 'sumSq') out.push({ owner: x as Record<string, number>, key });
    else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) sumsOf(v as object, out);
  }
  return out;
}

/** How many units each job has, and where each starts in the numbering of all of them. */
export function jobOffsets(jobs: { spec: JobSpec }[]): { starts: number[]; units: number } {
  const starts: number[] = [];
  let units = 0;
  for (const j of jobs) starts.push(units), (units += unitCount(j.spec));
  return { starts, units };
}

/** The job and its own unit number of unit `unit` of all the jobs. */
function locate(starts: number[], unit: number): { job: number; local: number } {
  let job = starts.length - 1;
  while (starts[job] > unit) job--;
  return { job, local: unit - starts[job] };
}

const emptyTotal = (job: PlannedJob): JobTotal => (job.spec.kind === 'compare' ? emptyCompare(job.models) : job.models.map(emptyAggregate));

/** The shape of one unit's result of a job (what its sums are read from). */
export function emptyUnit(job: PlannedJob, local: number): JobResults[JobKind] {
  return job.spec.kind === 'compare' ? emptyCompare(job.models) : emptyAggregate(job.models[unitAt(job.spec, local).scenario]);
}

/** An empty total for each job: what a merge fills. */
export const emptyTotals = (jobs: PlannedJob[]): JobTotal[] => jobs.map(emptyTotal);

/** Adds unit `local`'s result (sums set to zero) into its job's total. */
function mergeUnit(job: PlannedJob, total: JobTotal, local: number, r: JobResults[JobKind]): void {
  if (job.spec.kind === 'compare') mergeCompare(total as CompareResult, r as CompareResult);
  else mergeAggregates((total as Aggregate[])[unitAt(job.spec, local).scenario], r as Aggregate);
}

/** Computes units [from, to) of the jobs (`onUnit` after each, for progress). */
export function computeSpan(jobs: PlannedJob[], from: number, to: number, onUnit?: (done: number, of: number) => void): Span {
  const { starts } = jobOffsets(jobs);
  const exact: (JobTotal | null)[] = jobs.map(() => null);
  const sums: number[][] = [];
  // Each job's engines, held across its units (jobs.ts `enginesFor`).
  const engines = jobs.map((j) => enginesFor((i) => j.models[i]));
  for (let u = from; u < to; u++) {
    const { job, local } = locate(starts, u);
    const r = computeUnit(jobs[job].spec, (i) => jobs[job].models[i], local, engines[job]);
    const leaves = sumsOf(r);
    sums.push(leaves.map((l) => l.owner[l.key]));
    for (const l of leaves) l.owner[l.key] = 0;
    mergeUnit(jobs[job], (exact[job] ??= emptyTotal(jobs[job])), local, r);
    onUnit?.(u + 1 - from, to - from);
  }
  return { from, to, exact, sums };
}

/** Span b (units b.from to b.to) appended to span a, which ends where b starts: one span over both. */
export function joinSpans(jobs: PlannedJob[], a: Span, b: Span): Span {
  if (a.to !== b.from) throw new Error(`spans ${a.from}-${a.to} and ${b.from}-${b.to} do not meet`);
  const exact = a.exact.map((e, j) => {
    const f = b.exact[j];
    if (!f) return e;
    const total = e ?? emptyTotal(jobs[j]);
    if (jobs[j].spec.kind === 'compare') mergeCompare(total as CompareResult, f as CompareResult);
    else (total as Aggregate[]).forEach((x, i) => mergeAggregates(x, (f as Aggregate[])[i]));
    return total;
  });
  return { from: a.from, to: b.to, exact, sums: [...a.sums, ...b.sums] };
}

/**
 * Spans added one after another, in unit order (a shard's or a queue's), into the jobs' totals:
 * the exact parts added up, then every unit's sums added in unit order, so the totals equal, byte
 * for byte, those of one machine.
 */
export function spanMerger(jobs: PlannedJob[]) {
  const { starts, units } = jobOffsets(jobs);
  const totals = emptyTotals(jobs);
  let next = 0;
  return {
    /** The next span: it must start where the last one ended. */
    add(s: Span): void {
      if (s.from !== next || s.sums.length !== s.to - s.from) throw new Error(`spans do not cover the units in order: ${s.from} after ${next}`);
      s.exact.forEach((e, j) => {
        if (!e) return;
        if (jobs[j].spec.kind === 'compare') mergeCompare(totals[j] as CompareResult, e as CompareResult);
        else (totals[j] as Aggregate[]).forEach((a, i) => mergeAggregates(a, (e as Aggregate[])[i]));
      });
      s.sums.forEach((unitSums, k) => {
        const { job, local } = locate(starts, s.from + k);
        const target = jobs[job].spec.kind === 'compare' ? totals[job] : (totals[job] as Aggregate[])[unitAt(jobs[job].spec, local).scenario];
        sumsOf(target as object).forEach((l, i) => (l.owner[l.key] += unitSums[i]));
      });
      next = s.to;
    },
    /** The totals, once every unit is in. */
    totals(): JobTotal[] {
      if (next !== units) throw new Error(`spans cover ${next} of ${units} units`);
      return totals;
    },
  };
}

/** The jobs' totals from spans that cover all their units once, in order (the caller checks that). */
export function mergeSpans(jobs: PlannedJob[], spans: Span[]): JobTotal[] {
  const m = spanMerger(jobs);
  for (const s of spans) m.add(s);
  return m.totals();
}
