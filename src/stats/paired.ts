/**
 * Streaming mean and variance of paired differences (B − A in the same run),
 * for common-random-numbers comparisons: the interval is that of the mean
 * difference, mean ± z·sd/√n, so shared noise cancels. Sums merge by addition.
 */
export interface Paired {
  n: number;
  sum: number;
  sumSq: number;
}

export const paired = (): Paired => ({ n: 0, sum: 0, sumSq: 0 });

export function addPair(p: Paired, d: number): void {
  p.n++;
  p.sum += d;
  p.sumSq += d * d;
}

export function mergePaired(a: Paired, b: Paired): void {
  a.n += b.n;
  a.sum += b.sum;
  a.sumSq += b.sumSq;
}

/** Mean difference with its normal-approximation 95% interval (null without pairs). */
export function pairedInterval(p: Paired, z = 1.959963984540054): { delta: number; ci95: [number, number] } | null {
  if (p.n === 0) return null;
  const mean = p.sum / p.n;
  const variance = p.n > 1 ? Math.max(0, (p.sumSq - p.n * mean * mean) / (p.n - 1)) : 0;
  const half = z * Math.sqrt(variance / p.n);
  return { delta: mean, ci95: [mean - half, mean + half] };
}
