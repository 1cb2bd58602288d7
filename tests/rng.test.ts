import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { alea } from '../src/rng/alea.js';
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
