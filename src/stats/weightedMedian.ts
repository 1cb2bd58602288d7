import { shares } from './shares.js';

/**
 * The lower weighted median of `xs` with weights `ws`: the smallest x whose
 * cumulative weight (over values sorted ascending) reaches half the total.
 * With all weights 0 every value counts equally. It minimises Σ w·|x_k − x|
 * over the values (https://en.wikipedia.org/wiki/Weighted_median).
 *
 * @example weightedMedian([0, 0.4, 1], [0.2, 0.2, 0.3]) // 0.4
 */
export function weightedMedian(xs: ArrayLike<number>, weights: ArrayLike<number>): number {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  let ws = weights;
  let total = sumOf(ws);
  // Weights whose sum overflows (near 1e308) are taken as shares of it instead: the same median.
  if (!Number.isFinite(total)) total = sumOf((ws = shares(weights)));
  const w = (i: number) => (total > 0 ? ws[i] : 1);
  const half = (total > 0 ? total : n) / 2;
  // A relative tolerance, so that a cumulative weight equal to half up to rounding counts as reaching it.
  const tol = 1e-12 * half;
  let cum = 0;
  for (const i of order) if ((cum += w(i)) >= half - tol) return xs[i];
  return xs[order[n - 1]];
}

function sumOf(ws: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < ws.length; i++) total += ws[i];
  return total;
}
