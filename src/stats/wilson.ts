/**
 * Wilson score interval for a binomial proportion (Wilson 1927; see Agresti &
 * Coull 1998, "Approximate is better than exact"). Unlike the normal
 * approximation it stays inside [0, 1] and behaves at rates of 0 and 1.
 * @example wilsonInterval(62, 100) // ≈ [0.5221, 0.7090]
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959963984540054): [number, number] {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  // At 0 and n successes the bounds are exactly 0 and 1 (rounding would leave ~1e-17).
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === trials ? 1 : Math.min(1, centre + half)];
}
