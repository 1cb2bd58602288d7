import type { Distribution } from '../rng/distributions.js';
import { describeDomain, isShare, type Domain } from './domain.js';

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const END = new RegExp(String.raw`^(${NUMBER})\s*(%?)$`, 'i');

/**
 * A number field written as text: `"0.5 to 0.8"`, a 90% interval, or, where
 * the field is a share, `"35%"` (0.35) and `"5% to 15%"`. The value, or the
 * message saying what is wrong (a percentage where the field is not a share,
 * ends in the wrong order, a missing end).
 */
export function readWritten(text: string, domain: Domain): number | Distribution | string {
  const t = text.trim();
  const parts = t.split(/\s+to\s+|\s+to$|^to\s+/i);
  if (parts.length > 2) return `expected one "a to b" interval, got "${text}" (${parts.length - 1} "to"s)`;
  const ends: number[] = [];
  for (const part of parts) {
    const m = END.exec(part.trim());
    if (m === null) {
      const form = parts.length === 2 ? `a 90% interval "a to b" with two numbers` : `${describeDomain(domain)}`;
      return `expected ${form}, got "${text}" ("${part.trim()}" is not a number)`;
    }
    const x = Number(m[1]);
    if (m[2] === '%') {
      if (!isShare(domain)) return `a percentage is accepted only where a share in [0, 1] is meant; this field is ${describeDomain(domain)}: write ${Number((x / 100).toPrecision(12))} if "${m[1]}%" meant ${x / 100}, else the number itself`;
      ends.push(Number((x / 100).toPrecision(12)));
    } else ends.push(x);
  }
  if (parts.length === 1) {
    if (!/%$/.test(t)) return `expected ${describeDomain(domain)}, got "${text}" (write the number without quotes: ${ends[0]})`;
    const x = ends[0];
    return x >= 0 && x <= 1 ? x : `expected a percentage from 0% to 100%, got "${text}"`;
  }
  const [a, b] = ends;
  if (!(a < b)) return `expected a 90% interval "a to b" with a < b, got "${text}"`;
  return { interval: [a, b], written: t };
}
