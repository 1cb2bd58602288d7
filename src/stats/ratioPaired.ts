/**
 * The paired difference of two conditional means, each over its own subset of
 * the same runs (B's mean over the runs where B reached a deal, minus A's over
 * A's deals): the difference shown is exactly the difference of the two means
 * shown, and its interval is paired, by the delta method for ratio estimators
 * (Cochran, Sampling Techniques, 3rd ed., §6.3; Deng, Knoblich & Lu, "Applying
 * the Delta Method in Metric Analytics", KDD 2018). With each mean m = Σ d·x / Σ d
 * (d = 1 where the run counts), the estimate's error is, to first order,
 * (1/n) Σ z_i with z_i = d_Bi (x_Bi − m_B)/p_B − d_Ai (x_Ai − m_A)/p_A
 * (p = Σ d / n), so its variance is estimated as Σ z² / (n(n − 1)), which
 * expands into the sums kept here. When every run counts in both, it is the
 * plain paired interval (stats/paired.ts) exactly.
 * Sums merge by addition.
 */
export interface RatioPaired {
  n: number;
  a: ConditionalSums;
  b: ConditionalSums;
  /** Over runs counted in both: Σ 1, Σ x_A, Σ x_B, Σ x_A·x_B. */
  both: { n: number; xa: number; xb: number; xab: number };
}

/** Σ d, Σ d·x, Σ d·x² of one side. */
interface ConditionalSums {
  n: number;
  sum: number;
  sumSq: number;
}

export const ratioPaired = (): RatioPaired => ({ n: 0, a: { n: 0, sum: 0, sumSq: 0 }, b: { n: 0, sum: 0, sumSq: 0 }, both: { n: 0, xa: 0, xb: 0, xab: 0 } });

/** One run: A's value when it counts (else null), B's likewise. */
export function addRatioPair(p: RatioPaired, xa: number | null, xb: number | null): void {
  p.n++;
  if (xa !== null) [p.a.n, p.a.sum, p.a.sumSq] = [p.a.n + 1, p.a.sum + xa, p.a.sumSq + xa * xa];
  if (xb !== null) [p.b.n, p.b.sum, p.b.sumSq] = [p.b.n + 1, p.b.sum + xb, p.b.sumSq + xb * xb];
  if (xa !== null && xb !== null) [p.both.n, p.both.xa, p.both.xb, p.both.xab] = [p.both.n + 1, p.both.xa + xa, p.both.xb + xb, p.both.xab + xa * xb];
}

export function mergeRatioPaired(p: RatioPaired, q: RatioPaired): void {
  p.n += q.n;
  for (const k of ['a', 'b'] as const) [p[k].n, p[k].sum, p[k].sumSq] = [p[k].n + q[k].n, p[k].sum + q[k].sum, p[k].sumSq + q[k].sumSq];
  [p.both.n, p.both.xa, p.both.xb, p.both.xab] = [p.both.n + q.both.n, p.both.xa + q.both.xa, p.both.xb + q.both.xb, p.both.xab + q.both.xab];
}

/** m_B − m_A with its normal-approximation 95% interval; null when either side has no counted run. */
export function ratioPairedInterval(p: RatioPaired, z = 1.959963984540054): { delta: number; ci95: [number, number]; a: number; b: number } | null {
  const { n, a, b, both } = p;
  if (a.n === 0 || b.n === 0) return null;
  const [ma, mb] = [a.sum / a.n, b.sum / b.n];
  const [pa, pb] = [a.n / n, b.n / n];
  const ssa = Math.max(0, a.sumSq - 2 * ma * a.sum + ma * ma * a.n);
  const ssb = Math.max(0, b.sumSq - 2 * mb * b.sum + mb * mb * b.n);
  const cross = both.xab - mb * both.xa - ma * both.xb + ma * mb * both.n;
  const sumZ2 = Math.max(0, ssb / (pb * pb) + ssa / (pa * pa) - (2 * cross) / (pa * pb));
  const half = n > 1 ? z * Math.sqrt(sumZ2 / (n * (n - 1))) : 0;
  const delta = mb - ma;
  return { delta, ci95: [delta - half, delta + half], a: ma, b: mb };
}
