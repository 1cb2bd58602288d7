import type { Rng } from './stream.js';

/**
 * Baagøe's Alea generator, keyed by a string: the same numbers, bit for bit,
 * as seedrandom's `alea(key)` (same Mash hash, same seeding, same 2^-32
 * rounding), without its per-stream objects and helper closures. Every
 * operation below is the reference's, in the same order: floating-point
 * results depend on it.
 */
const TWO_M32 = 2.3283064365386963e-10; // 2^-32

/** One pass of Mash over `data`, from hash state `n`; returns the new state. */
function mash(n: number, data: string): number {
  // The reference truncates with `>>> 0`; here both truncated values lie in [0, 2^32) (n < 2^33 + 2^16
  // on entry to a step, so h < 2^28), where `>>> 0` is Math.floor, which V8 compiles to one
  // instruction instead of a slow path for doubles above 2^31.
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = Math.floor(h);
    h -= n;
    h *= n;
    n = Math.floor(h);
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  return n;
}

// Seeding starts from three hashes of ' ' (the same for every key): computed once.
const N_SPACES = mash(mash(mash(0xefc8249d, ' '), ' '), ' ');
const SPACE0 = (mash(0xefc8249d, ' ') >>> 0) * TWO_M32;
const SPACE1 = (mash(mash(0xefc8249d, ' '), ' ') >>> 0) * TWO_M32;
const SPACE2 = (N_SPACES >>> 0) * TWO_M32;

/** A uniform stream in [0, 1) for `key`, equal to seedrandom's `alea(key)`. */
export function alea(key: string): Rng {
  let n = mash(N_SPACES, key);
  let s0 = SPACE0 - (n >>> 0) * TWO_M32;
  if (s0 < 0) s0 += 1;
  n = mash(n, key);
  let s1 = SPACE1 - (n >>> 0) * TWO_M32;
  if (s1 < 0) s1 += 1;
  n = mash(n, key);
  let s2 = SPACE2 - (n >>> 0) * TWO_M32;
  if (s2 < 0) s2 += 1;
  let c = 1;
  return () => {
    const t = 2091639 * s0 + c * TWO_M32;
    s0 = s1;
    s1 = s2;
    return (s2 = t - (c = t | 0));
  };
}
