import type { LoadedScenario } from '../scenario/load.js';
import type { EuModel } from '../forecast/expected-utility/index.js';
import type { EuAggregate } from '../montecarlo/expectedUtility.js';
import { mean } from '../stats/histogram.js';
import { VERSION } from '../version.js';
import { r6, scenarioHeader, spread, type RunReport, type Spread } from './summary.js';

/** The result of `parley run` on an expected-utility scenario: where positions move, and the forecast. */
export interface EuReport {
  parley: string;
  scenario: RunReport['scenario'];
  seed: number;
  runs: number;
  mechanism: 'expected-utility';
  /** The issue that is the dimension, and its range. */
  issue: string;
  range: [number, number];
  /** True when nothing is drawn: the one run is exact. */
  exact: boolean;
  /** Each party's risk exponent (1 = linear), or "endogenous" (computed each round). */
  risk: 'endogenous' | Record<string, number>;
  /** Each party's capability (power) and salience: their means over runs. */
  parties: Record<string, { capability: number | null; salience: number | null }>;
  /** Round 0 is the ideals; each later round the positions after its challenges (means over runs). */
  rounds: { round: number; positions: Record<string, number | null>; median: number | null }[];
  /** The capability × salience-weighted median of the final positions. */
  forecast: Spread;
  /** Each party's final position. */
  positions: Record<string, Spread>;
}

/** Builds the report from the aggregate of the runs. */
export function buildEuReport(loaded: LoadedScenario, m: EuModel, agg: EuAggregate, seed: number): EuReport {
  const n = m.parties.length;
  const ids = m.parties.map((p) => p.id);
  const risk = m.risk === 'endogenous' ? 'endogenous' : Object.fromEntries(ids.map((id, i) => [id, (m.risk as Float64Array)[i]]));
  return {
    parley: VERSION,
    scenario: scenarioHeader(loaded),
    seed,
    runs: agg.runs,
    mechanism: 'expected-utility',
    issue: m.issue.id,
    range: [m.issue.lo, m.issue.hi],
    exact: !m.drawn,
    risk,
    parties: Object.fromEntries(ids.map((id, i) => [id, { capability: r6(agg.capability[i] / agg.runs), salience: r6(agg.salience[i] / agg.runs) }])),
    rounds: agg.medians.map((med, t) => ({
      round: t,
      positions: Object.fromEntries(ids.map((id, i) => [id, r6(mean(agg.positions[t * n + i]))])),
      median: r6(mean(med)),
    })),
    forecast: spread(agg.medians[m.rounds]),
    positions: Object.fromEntries(ids.map((id, i) => [id, spread(agg.positions[m.rounds * n + i])])),
  };
}

/** Whether a report from `parley run` is an expected-utility one. */
export const isEuReport = (r: RunReport | EuReport): r is EuReport => 'mechanism' in r && r.mechanism === 'expected-utility';
