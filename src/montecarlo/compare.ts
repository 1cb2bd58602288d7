import { playMechanism } from '../mechanisms/index.js';
import type { Model } from '../model/types.js';
import { addPair, mergePaired, paired, type Paired } from '../stats/paired.js';
import { addRun, emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { CHUNK } from './simulate.js';

/** Paired differences of one variant against the baseline (variant 0), run by run. */
export interface PairedDiffs {
  agreement: Paired;
  /** Over runs where both reached a deal. */
  round: Paired;
  /** Per party, over all runs. */
  values: Paired[];
  /** Per numeric issue (options issues: null), over runs where both reached a deal. */
  terms: (Paired | null)[];
}

function emptyDiffs(base: Model): PairedDiffs {
  return {
    agreement: paired(),
    round: paired(),
    values: base.parties.map(() => paired()),
    terms: base.issues.map((i) => (i.kind === 'numeric' ? paired() : null)),
  };
}

function mergeDiffs(a: PairedDiffs, b: PairedDiffs): void {
  mergePaired(a.agreement, b.agreement);
  mergePaired(a.round, b.round);
  a.values.forEach((p, i) => mergePaired(p, b.values[i]));
  a.terms.forEach((p, k) => p && mergePaired(p, b.terms[k] as Paired));
}

/**
 * Plays every run index in every variant with the same seed: each drawn
 * parameter has its own stream, so the variants share their random numbers
 * wherever they share a parameter (common random numbers), and differences
 * measure the change, not noise. Variants must have the same parties and
 * issues as the baseline for the paired differences.
 */
export function simulateCompare(
  models: Model[],
  seed: number,
  runs: number,
  onProgress?: (done: number, total: number) => void,
): { aggregates: Aggregate[]; diffs: PairedDiffs[] } {
  const aggregates = models.map(emptyAggregate);
  const diffs = models.slice(1).map(() => emptyDiffs(models[0]));
  for (let from = 0; from < runs; from += CHUNK) {
    const chunkAggs = models.map(emptyAggregate);
    const chunkDiffs = models.slice(1).map(() => emptyDiffs(models[0]));
    for (let r = from; r < Math.min(runs, from + CHUNK); r++) {
      const outs = models.map((m) => playMechanism(m, seed, r));
      outs.forEach((o, v) => addRun(chunkAggs[v], o));
      const a = outs[0];
      outs.slice(1).forEach((b, v) => {
        const d = chunkDiffs[v];
        addPair(d.agreement, Number(b.agreed) - Number(a.agreed));
        b.values.forEach((x, i) => addPair(d.values[i], x - a.values[i]));
        if (a.agreed && b.agreed) {
          addPair(d.round, b.round - a.round);
          d.terms.forEach((p, k) => p && addPair(p, (b.terms as Float64Array)[k] - (a.terms as Float64Array)[k]));
        }
      });
    }
    aggregates.forEach((agg, v) => mergeAggregates(agg, chunkAggs[v]));
    diffs.forEach((d, v) => mergeDiffs(d, chunkDiffs[v]));
    onProgress?.(Math.min(runs, from + CHUNK), runs);
  }
  return { aggregates, diffs };
}
