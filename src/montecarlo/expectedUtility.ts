import { playExpectedUtility, type EuModel, type EuRun } from '../forecast/expected-utility/index.js';
import { histogram, observe, type Histogram } from '../stats/histogram.js';

/** Streaming aggregates of expected-utility runs: memory does not grow with the number of runs. */
export interface EuAggregate {
  runs: number;
  /** positions[t * n + i]: party i after round t (t = 0: the ideals). */
  positions: Histogram[];
  /** The weighted median after each round; the last one is the forecast. */
  medians: Histogram[];
  /** Sums of each party's capability and salience (for their means). */
  capability: Float64Array;
  salience: Float64Array;
  /** Sums of each party's risk exponent in the last round. */
  risk: Float64Array;
}

function emptyAggregate(m: EuModel): EuAggregate {
  const n = m.parties.length;
  const h = () => histogram(m.issue.lo, m.issue.hi);
  return {
    runs: 0,
    positions: Array.from({ length: (m.rounds + 1) * n }, h),
    medians: Array.from({ length: m.rounds + 1 }, h),
    capability: new Float64Array(n),
    salience: new Float64Array(n),
    risk: new Float64Array(n),
  };
}

function addRun(a: EuAggregate, run: EuRun): void {
  const n = run.draw.x.length;
  a.runs++;
  run.positions.forEach((x, t) => x.forEach((xi, i) => observe(a.positions[t * n + i], xi)));
  run.medians.forEach((v, t) => observe(a.medians[t], v));
  for (let i = 0; i < n; i++) {
    a.capability[i] += run.draw.c[i];
    a.salience[i] += run.draw.s[i];
    a.risk[i] += run.risk.length > 0 ? run.risk[run.risk.length - 1][i] : 1;
  }
}

/**
 * Runs 0 … runs − 1 of the model, in order (each depends only on the seed and
 * its index). With nothing drawn every run is the same, so one run is played:
 * it is exact, and `runs` in the result says 1.
 */
export function simulateExpectedUtility(m: EuModel, seed: number, runs: number, onRun?: (runIndex: number, run: EuRun) => void): EuAggregate {
  const agg = emptyAggregate(m);
  const total = m.drawn ? runs : 1;
  for (let r = 0; r < total; r++) {
    const run = playExpectedUtility(m, seed, r);
    addRun(agg, run);
    onRun?.(r, run);
  }
  return agg;
}
