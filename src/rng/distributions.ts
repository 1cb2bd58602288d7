import type { Rng } from './stream.js';

/** A distribution over numbers, as a scenario file writes it. */
export type Distribution = (
  | { uniform: [number, number] }
  | { normal: [number, number] }
  | { triangular: [number, number, number] }
  | { beta: [number, number] }
  | { gamma: [number, number] }
  | { choice: number[]; p?: number[] }
  | { interval: [number, number]; written?: string }
) & { private?: boolean };

/** The standard normal's 95th percentile: a 90% interval spans ±Z90 standard deviations. */
export const Z90 = 1.6448536269514722;

/**
 * A 90% interval `a to b` (Squiggle's `a to b`) as the distribution it stands
 * for: a lognormal when both ends are > 0, else a normal, with its 5th and
 * 95th percentiles at a and b. For the lognormal, mu and sigma are those of
 * log X, so its median is exp(mu) = sqrt(a·b).
 */
export function intervalShape(a: number, b: number): { family: 'lognormal' | 'normal'; mu: number; sigma: number } {
  if (a > 0 && b > 0) return { family: 'lognormal', mu: (Math.log(a) + Math.log(b)) / 2, sigma: (Math.log(b) - Math.log(a)) / (2 * Z90) };
  return { family: 'normal', mu: (a + b) / 2, sigma: (b - a) / (2 * Z90) };
}

/** The probability that a draw of the interval's distribution lands in [lo, hi]. */
export function intervalMass(a: number, b: number, lo: number, hi: number): number {
  const { family, mu, sigma } = intervalShape(a, b);
  if (family === 'normal') return normalMass(mu, sigma, lo, hi);
  return hi <= 0 ? 0 : normalMass(mu, sigma, lo <= 0 ? -Infinity : Math.log(lo), Math.log(hi));
}

/** The interval's median: sqrt(a·b) for a lognormal, (a + b) / 2 for a normal. */
export function intervalMedian(a: number, b: number): number {
  const { family, mu } = intervalShape(a, b);
  return family === 'lognormal' ? Math.exp(mu) : mu;
}

/** Uniform on [a, b]. */
export function sampleUniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng();
}

/** Normal(mean, sd) by the Box–Muller transform (one of the pair is used). */
export function sampleNormal(rng: Rng, mean: number, sd: number): number {
  const u1 = 1 - rng(); // in (0, 1]: log is finite
  const u2 = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Triangular(lo, mode, hi) by inverting its CDF. */
export function sampleTriangular(rng: Rng, lo: number, mode: number, hi: number): number {
  if (hi === lo) return lo;
  const u = rng();
  const f = (mode - lo) / (hi - lo);
  return u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = sampleNormal(rng, 0, 1);
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}

/**
 * One of `values`, value i with probability p[i] (equal probabilities when `p` is
 * left out), by one uniform draw against the cumulative probabilities; the
 * last value with p > 0 takes what rounding leaves above their sum.
 */
export function sampleChoice(rng: Rng, values: number[], p?: number[]): number {
  const u = rng();
  if (!p) return values[Math.min(values.length - 1, Math.floor(u * values.length))];
  let last = 0;
  let below = 0;
  for (let i = 0; i < values.length; i++) {
    if (p[i] <= 0) continue;
    below += p[i];
    last = i;
    if (u < below) return values[i];
  }
  return values[last];
}

/** One draw from a distribution. */
export function sample(rng: Rng, d: Distribution): number {
  if ('uniform' in d) return sampleUniform(rng, d.uniform[0], d.uniform[1]);
  if ('choice' in d) return sampleChoice(rng, d.choice, d.p);
  if ('gamma' in d) return sampleGamma(rng, d.gamma[0]) * d.gamma[1];
  if ('normal' in d) return sampleNormal(rng, d.normal[0], d.normal[1]);
  if ('triangular' in d) return sampleTriangular(rng, d.triangular[0], d.triangular[1], d.triangular[2]);
  if ('interval' in d) {
    const { family, mu, sigma } = intervalShape(d.interval[0], d.interval[1]);
    const x = sampleNormal(rng, mu, sigma);
    return family === 'lognormal' ? Math.exp(x) : x;
  }
  return sampleBeta(rng, d.beta[0], d.beta[1]);
}

/** The distribution's mean (used for `solve` at mean parameters and for docs). */
export function meanOf(d: Distribution): number {
  if ('uniform' in d) return (d.uniform[0] + d.uniform[1]) / 2;
  if ('normal' in d) return d.normal[0];
  if ('triangular' in d) return (d.triangular[0] + d.triangular[1] + d.triangular[2]) / 3;
  if ('choice' in d) return d.choice.reduce((sum, v, i) => sum + v * (d.p ? d.p[i] : 1 / d.choice.length), 0);
  if ('gamma' in d) return d.gamma[0] * d.gamma[1];
  if ('interval' in d) {
    const { family, mu, sigma } = intervalShape(d.interval[0], d.interval[1]);
    return family === 'lognormal' ? Math.exp(mu + (sigma * sigma) / 2) : mu;
  }
  return d.beta[0] / (d.beta[0] + d.beta[1]);
}

/** The smallest and largest value the distribution can give (normal: infinite). */
export function supportOf(d: Distribution): [number, number] {
  if ('uniform' in d) return [Math.min(...d.uniform), Math.max(...d.uniform)];
  if ('normal' in d) return d.normal[1] === 0 ? [d.normal[0], d.normal[0]] : [-Infinity, Infinity];
  if ('triangular' in d) return [d.triangular[0], d.triangular[2]];
  if ('choice' in d) {
    const drawn = d.choice.filter((_, i) => !d.p || d.p[i] > 0);
    return [Math.min(...drawn), Math.max(...drawn)];
  }
  if ('gamma' in d) return [0, Infinity];
  if ('interval' in d) return [intervalShape(d.interval[0], d.interval[1]).family === 'lognormal' ? 0 : -Infinity, Infinity];
  return [0, 1];
}

/** erfc(x), with fractional error below 1.2e-7 everywhere (Numerical Recipes' `erfcc`, a Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** erf(x): its Taylor series below 1 (exact to rounding, and accurate near 0 where 1 - erfc is not), else 1 - erfc(x). */
export function erf(x: number): number {
  if (Math.abs(x) >= 1) return 1 - erfc(x);
  // erf(x) = 2/√π · Σ (-1)^n x^(2n+1) / (n! (2n+1)); at |x| < 1 the terms fall below 1e-17 by n = 20.
  let term = x;
  let sum = x;
  for (let n = 1; n <= 20; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** The probability that a normal(mean, sd) draw lands in [lo, hi] (either end may be infinite). */
export function normalMass(mean: number, sd: number, lo: number, hi: number): number {
  if (sd === 0) return lo <= mean && mean <= hi ? 1 : 0;
  if (!(lo < hi)) return 0;
  const a = (lo - mean) / (sd * Math.SQRT2);
  const b = (hi - mean) / (sd * Math.SQRT2);
  // One tail's difference when the interval lies to one side of the mean (precise far out);
  // erf's sum when it straddles the mean (precise for narrow intervals).
  if (a >= 0) return (erfc(a) - erfc(b)) / 2;
  if (b <= 0) return (erfc(-b) - erfc(-a)) / 2;
  return (erf(b) - erf(a)) / 2;
}
