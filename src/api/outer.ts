import { resolveRuns, resolveSeed } from '../model/defaults.js';
import { assertBargaining, reopen, valueOrThrow, type OpenScenario } from '../model/open.js';
import { emptyAggregate, mergeAggregates } from '../montecarlo/aggregate.js';
import { assumptionDraw, simulateInner } from '../montecarlo/outer.js';
import { buildRunReport, outerSpread, type RunReport } from '../report/summary.js';
import { mean, type Histogram } from '../stats/histogram.js';

/**
 * `run --outer K`: K draws of the analyst's uncertain parameters, each
 * followed by `runs` runs of play with those parameters fixed. The pooled
 * report covers all K·runs runs; `outer` gives the spread of the agreement
 * rate and of each numeric issue's mean term across the K draws — how much
 * of the answer is assumption rather than simulation noise.
 * @throws InputError on an expected-utility scenario, or when a draw cannot be fixed as overrides.
 * @example
 * const r = runOuter(s, { outer: 20, runs: 200 });
 * r.outer?.agreementRate; // { p5, p50, p95 } across the 20 draws
 */
export function runOuter(open: OpenScenario, opts: { outer: number; seed?: number; runs?: number; onProgress?: (done: number, total: number) => void }): RunReport {
  assertBargaining(open, '`parley run --outer`');
  const { model, loaded } = open;
  const seed = resolveSeed(model, opts.seed);
  const inner = resolveRuns(model, opts.runs, opts.outer);
  const pooled = emptyAggregate(model);
  const rates: number[] = [];
  const terms = new Map<string, number[]>();
  for (let k = 0; k < opts.outer; k++) {
    const fixed = valueOrThrow(reopen(open, assumptionDraw(model, seed, k)), 'invalid assumption draw');
    const agg = simulateInner(fixed.model, seed, k, inner);
    mergeAggregates(pooled, agg);
    rates.push(agg.agreements / agg.runs);
    model.issues.forEach((issue, i) => {
      if (issue.kind !== 'numeric' || agg.agreements === 0) return;
      terms.set(issue.id, [...(terms.get(issue.id) ?? []), mean(agg.terms[i] as Histogram)]);
    });
    opts.onProgress?.(k + 1, opts.outer);
  }
  const report = buildRunReport(loaded, model, pooled, seed);
  return { ...report, outer: outerSpread(opts.outer, inner, rates, terms) };
}
