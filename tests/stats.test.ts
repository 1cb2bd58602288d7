import { describe, expect, it } from 'vitest';
import { andersonFixedPoint } from '../src/solvers/anderson.js';
import { histogram, mergeInto, observe, quantile } from '../src/stats/histogram.js';
import { wilsonInterval } from '../src/stats/wilson.js';
import { shares } from '../src/stats/shares.js';
import { weightedMedian } from '../src/stats/weightedMedian.js';

describe('wilsonInterval', () => {
  it('matches the textbook value for 62 of 100', () => {
    // Hand computation: centre (0.62 + 1.9208/100)/1.038415 = 0.615562,
    // half-width 1.96·sqrt(0.62·0.38/100 + 3.8415/40000)/1.038415 = 0.093466
    // (R: prop.test(62, 100, correct = FALSE)$conf.int gives 0.5221 0.7090).
    const [lo, hi] = wilsonInterval(62, 100);
    expect(lo).toBeCloseTo(0.5221, 4);
    expect(hi).toBeCloseTo(0.709, 4);
  });
  it('stays inside [0, 1] at the ends', () => {
    expect(wilsonInterval(0, 50)[0]).toBe(0);
    expect(wilsonInterval(50, 50)[1]).toBe(1);
    expect(wilsonInterval(50, 50)[0]).toBeCloseTo(0.9287, 4); // 1 / (1 + z²/n)
  });
});

describe('histogram quantiles', () => {
  it('are within one bin width of the exact quantile', () => {
    const h = histogram(0, 1, 1000);
    const xs = Array.from({ length: 10001 }, (_, i) => (i / 10000) ** 2);
    xs.forEach((x) => observe(h, x));
    for (const q of [0.05, 0.5, 0.9]) expect(Math.abs(quantile(h, q) - q * q)).toBeLessThan(1 / 1000 + 1e-4);
  });
  it('report a constant exactly (clamped to the observed min and max)', () => {
    const h = histogram(0, 1);
    for (let i = 0; i < 100; i++) observe(h, 0.7142857);
    expect(quantile(h, 0.05)).toBe(0.7142857);
    expect(quantile(h, 0.95)).toBe(0.7142857);
  });
  it('merge to the same result as one histogram of everything', () => {
    const a = histogram(0, 1), b = histogram(0, 1), all = histogram(0, 1);
    for (let i = 0; i < 500; i++) {
      const x = (i * 0.618) % 1;
      observe(i % 2 ? a : b, x);
      observe(all, x);
    }
    mergeInto(a, b);
    expect(Array.from(a.counts)).toEqual(Array.from(all.counts));
    expect(quantile(a, 0.5)).toBe(quantile(all, 0.5));
  });
});

describe('andersonFixedPoint', () => {
  it('solves a slow linear contraction (rate 0.999) in few iterations', () => {
    // x = 0.999·A·x + b with a rotation-like A: plain iteration would need ~30,000 steps.
    const T = (x: Float64Array) => Float64Array.from([0.999 * (0.6 * x[0] + 0.4 * x[1]) + 0.001, 0.999 * (0.4 * x[0] + 0.6 * x[1]) + 0.002]);
    const r = andersonFixedPoint((x, out) => out.set(T(x)), new Float64Array(2));
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThan(50);
    const tx = T(r.x);
    expect(Math.abs(tx[0] - r.x[0]) + Math.abs(tx[1] - r.x[1])).toBeLessThan(1e-10);
  });
});

describe('shares (weights divided by their sum, without overflow)', () => {
  it('is the plain division when the sum is finite, bit for bit', () => {
    const ws = [0.1, 0.7, 0.2, 3];
    const sum = ws.reduce((a, b) => a + b, 0);
    expect([...shares(ws)]).toEqual(ws.map((w) => w / sum));
  });
  it('keeps the ratios when the sum overflows (1e308 + 1e308 is Infinity)', () => {
    // Hand computation: 1e308 : 1e308 : 5e307 is 2 : 2 : 1.
    expect([...shares([1e308, 1e308, 5e307])]).toEqual([0.4, 0.4, 0.2]);
    expect([...shares([Number.MAX_VALUE, 1])].map((x) => x > 0)).toEqual([true, true]);
  });
  it('gives equal shares for all zeros, and the whole share to infinite weights', () => {
    expect([...shares([0, 0])]).toEqual([0.5, 0.5]);
    expect([...shares([Infinity, 1, Infinity])]).toEqual([0.5, 0, 0.5]);
  });
  it('the weighted median of weights near 1e308 is the median of their ratios', () => {
    expect(weightedMedian([0, 0.4, 1], [2e307, 2e307, 3e307].map((w) => w * 5))).toBe(weightedMedian([0, 0.4, 1], [0.2, 0.2, 0.3]));
  });
});
