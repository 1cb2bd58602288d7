import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { alea } from '../src/rng/alea.js';
import { erf, erfc, normalMass, sampleNormal } from '../src/rng/distributions.js';
import { streamFor } from '../src/rng/stream.js';

// The reference: seedrandom's Alea (a dev dependency, kept for this test).
const reference = (key: string, n: number) => {
  const r = seedrandom.alea(key);
  return Array.from({ length: n }, () => r());
};
const ours = (key: string, n: number) => {
  const r = alea(key);
  return Array.from({ length: n }, () => r());
};

describe('alea: the same numbers as seedrandom.alea, bit for bit', () => {
  it('for the keys parley uses', () => {
    for (const seed of [0, 1, 42, 2 ** 31 - 1])
      for (const run of [0, 1, 999_999])
        for (const purpose of ['recognition', 'play', 'events', 'draw:parties.ukraine.reservation', 'belief:russia'] as const) {
          const key = `parley:${seed}:${run}:${purpose}`;
          expect(ours(key, 1000)).toEqual(reference(key, 1000));
          const s = streamFor(seed, run, purpose);
          expect(Array.from({ length: 50 }, () => s())).toEqual(reference(key, 50));
        }
  });

  it('for any string, ASCII or not (including the empty one and lone surrogates)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ maxLength: 2000 })), (key) => {
        expect(ours(key, 1000)).toEqual(reference(key, 1000));
      }),
      { numRuns: 300 },
    );
  });

  it('streams of nearby keys differ', () => {
    expect(ours('parley:1:0:play', 5)).not.toEqual(ours('parley:1:1:play', 5));
  });
});

describe('normal mass in an interval (the check that a truncated normal lands in its domain often enough)', () => {
  it('matches tabulated erfc and normal probabilities', () => {
    // Abramowitz & Stegun, table 7.1: erfc(0.5) = 0.4795001222, erfc(1) = 0.1572992070, erfc(2) = 0.004677734981.
    for (const [x, v] of [[0, 1], [0.5, 0.4795001222], [1, 0.157299207], [2, 0.004677734981], [-1, 1.842700793]])
      expect(Math.abs(erfc(x) - v) / v).toBeLessThan(1.2e-7);
    // erf near 0, where 1 - erfc would keep only absolute precision: erf(0.5) = 0.5204998778, erf(1e-9) = 2e-9/√π.
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 10);
    expect(erf(1e-9) / (2e-9 / Math.sqrt(Math.PI))).toBeCloseTo(1, 14);
    expect(normalMass(0, 1, -1.959964, 1.959964)).toBeCloseTo(0.95, 6);
    expect(normalMass(0.9, 0.05, -Infinity, 1)).toBeCloseTo(0.9772499, 6);
    expect(normalMass(0.5, 1e6, 0, 1)).toBeCloseTo(1 / (1e6 * Math.sqrt(2 * Math.PI)), 12);
    expect(normalMass(0.5, 0, 0, 1)).toBe(1);
    expect(normalMass(2, 0, 0, 1)).toBe(0);
  });

  it('agrees with the share of draws that land in the interval', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true }), (mean, sd) => {
        const rng = streamFor(1, 0, `mass:${mean}:${sd}`);
        let hits = 0;
        const n = 4000;
        for (let i = 0; i < n; i++) {
          const x = sampleNormal(rng, mean, sd);
          if (x >= 0 && x <= 1) hits++;
        }
        const p = normalMass(mean, sd, 0, 1);
        // Five binomial standard errors, plus a floor for p near 0 or 1.
        expect(Math.abs(hits / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 2e-3);
      }),
      { numRuns: 30 },
    );
  });
});
