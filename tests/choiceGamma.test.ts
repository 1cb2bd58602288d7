import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanOf, sample, sampleChoice, sampleGamma, supportOf, type Distribution } from '../src/rng/distributions.js';
import { streamFor } from '../src/rng/stream.js';
import { showNumber } from '../src/report/ledger.js';
import { openScenario, runScenario } from '../src/api.js';

const N = 20_000;
const draws = (d: Distribution, key = 'test') => {
  const rng = streamFor(1, 0, key);
  return Array.from({ length: N }, () => sample(rng, d));
};
const share = (xs: number[], f: (x: number) => boolean) => xs.filter(f).length / xs.length;
/** Four standard deviations of a share estimated from N draws: a bound a correct sampler misses about once in 15,000 checks. */
const tol = (p: number) => 4 * Math.sqrt((p * (1 - p)) / N);

describe('choice: one of a list of values', () => {
  it('draws each value with its probability (binomial shares, hand-set p)', () => {
    const xs = draws({ choice: [0, 10, 20], p: [0.2, 0.5, 0.3] });
    expect(Math.abs(share(xs, (x) => x === 0) - 0.2)).toBeLessThan(tol(0.2));
    expect(Math.abs(share(xs, (x) => x === 10) - 0.5)).toBeLessThan(tol(0.5));
    expect(Math.abs(share(xs, (x) => x === 20) - 0.3)).toBeLessThan(tol(0.3));
  });
  it('without p, the values are equally likely', () => {
    const xs = draws({ choice: [1, 2, 3, 4] });
    for (const v of [1, 2, 3, 4]) expect(Math.abs(share(xs, (x) => x === v) - 0.25)).toBeLessThan(tol(0.25));
  });
  it('only ever gives a listed value with p > 0, and its mean and support are those of the listed values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat(4)), { minLength: 1, maxLength: 6 }), fc.nat(), (pairs, seed) => {
        const weights = pairs.map(([, w]) => w);
        fc.pre(weights.some((w) => w > 0));
        const total = weights.reduce((a, b) => a + b, 0);
        const d = { choice: pairs.map(([v]) => v), p: weights.map((w) => w / total) };
        const allowed = new Set(pairs.filter(([, w]) => w > 0).map(([v]) => v));
        const rng = streamFor(seed, 0, 'choice');
        for (let i = 0; i < 50; i++) expect(allowed.has(sampleChoice(rng, d.choice, d.p))).toBe(true);
        expect(supportOf(d)).toEqual([Math.min(...allowed), Math.max(...allowed)]);
        // Σ v·p, by hand.
        expect(meanOf(d)).toBeCloseTo(pairs.reduce((a, [v, w]) => a + (v * w) / total, 0), 12);
      }),
      { numRuns: 100 },
    );
  });
  it('the ledger shows it as written', () => {
    expect(showNumber({ choice: [0, 10] })).toBe('choice [0, 10]');
    expect(showNumber({ choice: [0.1, 0.2], p: [0.25, 0.75] })).toBe('choice [0.1, 0.2] with p [0.25, 0.75]');
  });
});

describe('gamma: [shape, scale]', () => {
  it('has mean shape × scale and variance shape × scale² (Gamma(2, 3): 6 and 18)', () => {
    const xs = draws({ gamma: [2, 3] });
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1);
    // The mean's standard error is sqrt(18 / N) = 0.03.
    expect(Math.abs(mean - 6)).toBeLessThan(4 * 0.03);
    expect(Math.abs(variance - 18) / 18).toBeLessThan(0.08);
    expect(meanOf({ gamma: [2, 3] })).toBe(6);
    expect(supportOf({ gamma: [2, 3] })).toEqual([0, Infinity]);
  });
  it('three gamma(1, 1) weights divided by their sum are Dirichlet(1, 1, 1): each is Beta(1, 2), P(w < 1/2) = 1 − (1/2)² = 3/4', () => {
    const rng = streamFor(2, 0, 'dirichlet');
    const w1 = Array.from({ length: N }, () => {
      const [a, b, c] = [sampleGamma(rng, 1), sampleGamma(rng, 1), sampleGamma(rng, 1)];
      return a / (a + b + c);
    });
    expect(Math.abs(share(w1, (w) => w < 0.5) - 0.75)).toBeLessThan(tol(0.75));
    // Beta(1, 2)'s mean is 1/3.
    expect(Math.abs(w1.reduce((a, b) => a + b, 0) / N - 1 / 3)).toBeLessThan(4 * Math.sqrt(1 / 18 / N));
  });
});

describe('the NegMAS-equivalent session (bench/negmas-sao.yaml) uses them', () => {
  it('opens, with an ideal at 0 or 10 for every party and issue and gamma(1, 1) weights', () => {
    const s = openScenario('bench/negmas-sao.yaml');
    const parties = s.model.scenario.parties;
    expect(Object.keys(parties)).toEqual(['boulware1', 'conceder1', 'boulware2', 'conceder2']);
    const text = s.loaded.source.text;
    expect(text.match(/\{choice: \[0, 10\]\}/g)).toHaveLength(12);
    expect(text.match(/\{gamma: \[1, 1\]\}/g)).toHaveLength(12);
  });
  it("agrees within two points of NegMAS's 98.6% on the same protocol (issue 20; 400 runs, seed 1)", () => {
    const r = runScenario(openScenario('bench/negmas-sao.yaml'), { runs: 400, seed: 1 });
    expect(Math.abs(r.agreement.rate - 0.986)).toBeLessThanOrEqual(0.02);
  });
});
