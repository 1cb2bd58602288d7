/**
 * Non-negative weights as shares of their sum, w_i / Σ w (all equal when the
 * sum is 0). The plain sum, in index order, when it is finite: the usual
 * arithmetic, bit for bit. When it overflows (weights near 1e308), the weights
 * are first divided by the largest, which leaves the shares as they are
 * mathematically and the sum finite; an infinite weight (a sum that overflowed
 * upstream) takes the whole share, split equally among the infinite ones.
 *
 * @example shares([2, 1, 1]) // [0.5, 0.25, 0.25]
 * @example shares([1e308, 1e308]) // [0.5, 0.5] (the plain sum is Infinity)
 */
export function shares(ws: ArrayLike<number>): Float64Array {
  const n = ws.length;
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ws[i];
  let scale = 1;
  if (!Number.isFinite(sum)) {
    let max = 0;
    for (let i = 0; i < n; i++) if (ws[i] > max) max = ws[i];
    if (max === Infinity) {
      for (let i = 0; i < n; i++) out[i] = ws[i] === Infinity ? 1 : 0;
      return shares(out);
    }
    scale = max;
    sum = 0;
    for (let i = 0; i < n; i++) sum += ws[i] / scale;
  }
  for (let i = 0; i < n; i++) out[i] = sum > 0 ? ws[i] / scale / sum : 1 / n;
  return out;
}
