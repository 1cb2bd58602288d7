import type { Rng } from '../rng/stream.js';
import { ACCEPT_TOL } from './offer.js';

/**
 * A reply: sharp (accept when the offer is worth at least what is needed) or,
 * with a temperature τ > 0, a quantal response: accept with probability
 * 1 / (1 + exp(−(u − needed) / τ)) (McKelvey & Palfrey 1995).
 */
export function reply(u: number, needed: number, temperature: number, rng: Rng): boolean {
  if (temperature === 0) return u >= needed - ACCEPT_TOL;
  return rng() < 1 / (1 + Math.exp(-(u - needed) / temperature));
}
