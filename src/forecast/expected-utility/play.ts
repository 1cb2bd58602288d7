import { drawParam } from '../../model/params.js';
import { weightedMedian } from '../../stats/weightedMedian.js';
import { shares } from '../../stats/shares.js';
import type { EuState } from './equations.js';
import type { EuModel } from './model.js';
import { playRound } from './round.js';

/** The numbers of one run: positions, capabilities, saliences. */
export interface EuDraw {
  x: Float64Array;
  c: Float64Array;
  s: Float64Array;
}

/** Run `runIndex`'s draws (each parameter on its own stream, as in the bargaining game). */
export function drawEu(m: EuModel, seed: number, runIndex: number): EuDraw {
  const v = (p: Parameters<typeof drawParam>[0]) => drawParam(p, seed, runIndex);
  const salience = (p: EuModel['parties'][number]) => {
    if (p.salience.kind === 'explicit') return v(p.salience.value);
    return shares(p.salience.weights.map(v))[p.salience.issue];
  };
  return {
    x: Float64Array.from(m.parties, (p) => v(p.position)),
    c: Float64Array.from(m.parties, (p) => v(p.capability)),
    s: Float64Array.from(m.parties, salience),
  };
}

/** One run of the model: positions after each round (index 0 = the ideals), and the forecast. */
export interface EuRun {
  draw: EuDraw;
  /** positions[t][i]: party i after round t. */
  positions: Float64Array[];
  /** The capability × salience-weighted median after each round (index 0: of the ideals). */
  medians: Float64Array;
  /** Risk exponents used in each round (index t − 1 for round t). */
  risk: Float64Array[];
  /** The weighted median of the final positions. */
  forecast: number;
}

/** Plays the rounds on a draw: depends only on (model, draw). */
export function playEu(m: EuModel, draw: EuDraw): EuRun {
  // Capability × salience. The model reads only ratios of these, so when their sum would overflow
  // (capabilities near 1e308) they are taken relative to the largest (stats/shares.ts).
  const w = sumsToFinite(Float64Array.from(draw.c, (c, i) => c * draw.s[i]));
  let st: EuState = { x: draw.x, w, s: draw.s, range: m.issue.hi - m.issue.lo };
  const positions = [draw.x];
  const risk: Float64Array[] = [];
  for (let t = 1; t <= m.rounds; t++) {
    const step = playRound(st, m.risk, m.q, m.t);
    st = { ...st, x: step.x };
    positions.push(step.x);
    risk.push(step.r);
  }
  const medians = Float64Array.from(positions, (x) => weightedMedian(x, w));
  return { draw, positions, medians, risk, forecast: medians[m.rounds] };
}

/** Run `runIndex` under `seed`. */
export function playExpectedUtility(m: EuModel, seed: number, runIndex: number): EuRun {
  return playEu(m, drawEu(m, seed, runIndex));
}

/** The weights as they are when their sum is finite, else their shares (the same ratios). */
function sumsToFinite(w: Float64Array): Float64Array {
  let sum = 0;
  for (const x of w) sum += x;
  return Number.isFinite(sum) ? w : shares(w);
}
