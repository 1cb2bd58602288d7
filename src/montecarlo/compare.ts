import type { RunOutcome } from '../core/outcome.js';
import { RunEngine } from '../engine/engine.js';
import type { Model } from '../model/types.js';
import { addPair, mergePaired, paired, type Paired } from '../stats/paired.js';
import { addRatioPair, mergeRatioPaired, ratioPaired, type RatioPaired } from '../stats/ratioPaired.js';
import { addRun, emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { CHUNK } from './simulate.js';

/** Paired differences of one variant against the baseline (variant 0), run by run. */
export interface PairedDiffs {
  agreement: Paired;
  /** A deal in force at the window's end (over all runs; a deal that cannot break down always is). */
  holding: Paired;
  /** Round of agreement: each variant's mean over its own deals, paired (ratioPaired). */
  round: RatioPaired;
  /** Per party, over all runs. */
  values: Paired[];
  /** Per numeric issue (options issues: null): each variant's mean term over its own deals, paired. */
  terms: (RatioPaired | null)[];
  /** Per options issue of the baseline (numeric: null), per baseline option: its share of each variant's deals, paired. */
  shares: (RatioPaired[] | null)[];
}

function emptyDiffs(base: Model): PairedDiffs {
  return {
    shares: base.issues.map((i) => (i.kind === 'options' ? i.options.map(() => ratioPaired()) : null)),
    agreement: paired(),
    holding: paired(),
    round: ratioPaired(),
    values: base.parties.map(() => paired()),
    terms: base.issues.map((i) => (i.kind === 'numeric' ? ratioPaired() : null)),
  };
}

function mergeDiffs(a: PairedDiffs, b: PairedDiffs): void {
  mergePaired(a.agreement, b.agreement);
  mergePaired(a.holding, b.holding);
  mergeRatioPaired(a.round, b.round);
  a.values.forEach((p, i) => mergePaired(p, b.values[i]));
  a.terms.forEach((p, k) => p && mergeRatioPaired(p, b.terms[k] as RatioPaired));
  a.shares.forEach((ps, k) => ps?.forEach((p, o) => mergeRatioPaired(p, (b.shares[k] as RatioPaired[])[o])));
}

/**
 * For each options issue of the baseline, where the variant holds it: the
 * variant's issue index and, per baseline option, the variant's position of
 * the option of the same name (-1 if it has none). Options are matched by name.
 */
function optionMaps(base: Model, variant: Model): ({ issue: number; positions: number[] } | null)[] {
  return base.issues.map((i) => {
    if (i.kind !== 'options') return null;
    const k = variant.issues.findIndex((v) => v.id === i.id);
    const v = variant.issues[k];
    return v && v.kind === 'options' ? { issue: k, positions: i.options.map((o) => v.options.indexOf(o)) } : null;
  });
}

/** Each variant's aggregate and each variant's paired differences from variant 0: of a chunk of runs, or of all runs. */
export interface CompareResult {
  aggregates: Aggregate[];
  diffs: PairedDiffs[];
}

export function emptyCompare(models: Model[]): CompareResult {
  return { aggregates: models.map(emptyAggregate), diffs: models.slice(1).map(() => emptyDiffs(models[0])) };
}

/** Adds b into a (the same variants); chunks merged in chunk order give the same sums on any number of threads. */
export function mergeCompare(a: CompareResult, b: CompareResult): void {
  a.aggregates.forEach((agg, v) => mergeAggregates(agg, b.aggregates[v]));
  a.diffs.forEach((d, v) => mergeDiffs(d, b.diffs[v]));
}

/** Every run's outcome in each variant, in run order (per-run export). */
export type OnVariantRun = (variant: number, runIndex: number, outcome: RunOutcome) => void;

/** Whether a run ends with a deal in force: a deal that cannot break down always is. */
const holds = (o: RunOutcome): boolean => o.agreed && (o.breakdown?.holding ?? true);

/** Runs [from, to) in every variant, with the paired differences from variant 0 run by run. */
export function compareRange(models: Model[], seed: number, from: number, to: number, onRun?: OnVariantRun, engines = models.map((m) => new RunEngine(m))): CompareResult {
  const { aggregates, diffs } = emptyCompare(models);
  const maps = models.slice(1).map((m) => optionMaps(models[0], m));
  for (let r = from; r < to; r++) {
    const outs = engines.map((e) => e.play(seed, r));
    outs.forEach((o, v) => addRun(aggregates[v], o));
    if (onRun) outs.forEach((o, v) => onRun(v, r, o));
    const a = outs[0];
    outs.slice(1).forEach((b, v) => {
      const d = diffs[v];
      addPair(d.agreement, Number(b.agreed) - Number(a.agreed));
      addPair(d.holding, Number(holds(b)) - Number(holds(a)));
      b.values.forEach((x, i) => addPair(d.values[i], x - a.values[i]));
      addRatioPair(d.round, a.agreed ? a.round : null, b.agreed ? b.round : null);
      d.terms.forEach((p, k) => p && addRatioPair(p, a.agreed ? (a.terms as Float64Array)[k] : null, b.agreed ? (b.terms as Float64Array)[k] : null));
      d.shares.forEach((ps, k) => {
        const map = maps[v][k];
        ps?.forEach((p, o) => {
          const xa = a.agreed ? Number((a.terms as Float64Array)[k] === o) : null;
          const xb = b.agreed && map ? Number((b.terms as Float64Array)[map.issue] === map.positions[o]) : null;
          addRatioPair(p, xa, map ? xb : null);
        });
      });
    });
  }
  return { aggregates, diffs };
}

/**
 * Plays every run index in every variant with the same seed: each drawn
 * parameter has its own stream, so the variants share their random numbers
 * wherever they share a parameter (common random numbers), and differences
 * measure the change, not noise. Variants must have the same parties and
 * issues as the baseline for the paired differences. Chunks of CHUNK runs are
 * merged in chunk order, as a worker pool does (pool.ts `compare`).
 */
export function simulateCompare(
  models: Model[],
  seed: number,
  runs: number,
  onProgress?: (done: number, total: number) => void,
  onRun?: OnVariantRun,
): CompareResult {
  const total = emptyCompare(models);
  for (let from = 0; from < runs; from += CHUNK) {
    const to = Math.min(runs, from + CHUNK);
    mergeCompare(total, compareRange(models, seed, from, to, onRun));
    onProgress?.(to, runs);
  }
  return total;
}
