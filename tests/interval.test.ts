import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainScenario, ledger, openScenarioText } from '../src/api.js';
import { intervalShape, sample, type Distribution } from '../src/rng/distributions.js';
import { streamFor } from '../src/rng/stream.js';
import { readWritten } from '../src/scenario/written.js';
import { problemsOf } from './helpers.js';

// Uncertainty written naturally (issue 17, item 2): "a to b" is a 90% interval, Squiggle's
// `a to b` (a lognormal when both ends are > 0, else a normal, 5th/95th percentiles at a, b),
// and "35%" reads 0.35 where the field is a share in [0, 1].
const VALID = readFileSync('tests/bad-input/_valid.yaml', 'utf8');
const open = (text: string, sets: string[] = []) => openScenarioText('s.yaml', text, sets);
const problems = (text: string, sets: string[] = []) => problemsOf(() => open(text, sets));
const withA = (line: string) => VALID.replace('    discount: 0.9\n    veto: true\n  b:', `    discount: 0.9\n    ${line}\n    veto: true\n  b:`);

/** The empirical q-quantile of n draws. */
function quantile(d: Distribution, q: number, n = 20_000): number {
  const rng = streamFor(7, 0, 'draw:test');
  const xs = Array.from({ length: n }, () => sample(rng, d)).sort((x, y) => x - y);
  return xs[Math.floor(q * n)];
}

describe('"a to b" draws with its 5th and 95th percentiles at a and b', () => {
  // With 20,000 draws the 5% quantile's standard error is sqrt(0.05·0.95/20000)/f(q5) ≈ 0.0015/f;
  // for the normal [-1, 3] (sd 4/3.29 = 1.216, f(q5) = 0.085) that is ≈ 0.018, so a tolerance of 0.06 is > 3 se.
  it('a normal when an end is <= 0', () => {
    const d: Distribution = { interval: [-1, 3] };
    expect(intervalShape(-1, 3)).toMatchObject({ family: 'normal', mu: 1 });
    expect(Math.abs(quantile(d, 0.05) - -1)).toBeLessThan(0.06);
    expect(Math.abs(quantile(d, 0.95) - 3)).toBeLessThan(0.06);
    expect(Math.abs(quantile(d, 0.5) - 1)).toBeLessThan(0.04);
  });

  it('a lognormal when both ends are > 0, with median sqrt(a·b)', () => {
    // 0.2 to 0.8: log X ~ normal(ln 0.4, (ln 4)/(2·1.645) = 0.4214); median sqrt(0.16) = 0.4.
    const d: Distribution = { interval: [0.2, 0.8] };
    const s = intervalShape(0.2, 0.8);
    expect(s.family).toBe('lognormal');
    expect(s.sigma).toBeCloseTo(Math.log(4) / (2 * 1.6448536), 6);
    expect(Math.abs(quantile(d, 0.05) - 0.2)).toBeLessThan(0.005);
    expect(Math.abs(quantile(d, 0.95) - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(quantile(d, 0.5) - 0.4)).toBeLessThan(0.006);
  });
});

describe('reading the written forms', () => {
  const share = { min: 0, max: 1 };
  it('intervals and percentages', () => {
    expect(readWritten('0.5 to 0.8', share)).toEqual({ interval: [0.5, 0.8], written: '0.5 to 0.8' });
    expect(readWritten('35%', share)).toBe(0.35);
    expect(readWritten('5% to 15%', share)).toEqual({ interval: [0.05, 0.15], written: '5% to 15%' });
    expect(readWritten('-2 TO 5', {})).toEqual({ interval: [-2, 5], written: '-2 TO 5' });
  });

  it('malformed forms are refused at their line:col with what is wrong', () => {
    expect(problems(withA('reservation: 0.8 to 0.5'))).toEqual(['s.yaml:12:18 parties.a.reservation: expected a 90% interval "a to b" with a < b, got "0.8 to 0.5"']);
    expect(problems(withA('reservation: a to'))).toEqual(['s.yaml:12:18 parties.a.reservation: expected a 90% interval "a to b" with two numbers, got "a to" ("a" is not a number)']);
    expect(problems(withA('power: 5 to 10 to 20'))).toEqual(['s.yaml:12:12 parties.a.power: expected one "a to b" interval, got "5 to 10 to 20" (2 "to"s)']);
    expect(problems(withA('reservation: 120%'))).toEqual(['s.yaml:12:18 parties.a.reservation: expected a percentage from 0% to 100%, got "120%"']);
  });

  it('a percentage where the field is not a share is refused', () => {
    // A discount factor is in (0, 1) but is not a share of anything; a power is any number >= 0.
    expect(problems(withA('power: 5% to 15%'))[0]).toMatch(/^s\.yaml:12:12 parties\.a\.power: a percentage is accepted only where a share in \[0, 1\] is meant; this field is a number >= 0/);
    expect(problems(VALID.replace('discount: 0.9\n    veto: true\n  b:', 'discount: 95%\n    veto: true\n  b:'))).toEqual([
      's.yaml:11:15 parties.a.discount: a percentage is accepted only where a share in [0, 1] is meant; this field is a number in (0, 1): write 0.95 if "95%" meant 0.95, else the number itself',
    ]);
  });

  it('an interval whose draws mostly leave the domain is refused (draws outside are redrawn, as for a normal)', () => {
    // 2 to 5 as a reservation: median sqrt(10) = 3.16 is outside [0, 1].
    expect(problems(withA('reservation: 2 to 5'))[0]).toMatch(/^s\.yaml:12:18 parties\.a\.reservation: expected a 90% interval whose median and mean are a number in \[0, 1\], but "2 to 5" has median 3\.162/);
  });
});

describe('round trip through --set, the ledger and explain', () => {
  it('--set takes the written form; the ledger shows it as written with its kind', () => {
    const s = open(VALID, ['parties.a.reservation="0.5 to 0.8"', 'parties.b.reservation="5% to 15%"', 'parties.b.power="-1 to 3"']);
    expect(s.model.parties[0].reservation.dist).toEqual({ interval: [0.5, 0.8], written: '0.5 to 0.8' });
    const rows = ledger(s).rows;
    const row = (path: string) => rows.find((r) => r.path === path)?.value;
    expect(row('parties.a.reservation')).toBe('0.5 to 0.8 (90% interval, lognormal)');
    expect(row('parties.b.reservation')).toBe('5% to 15% (90% interval, lognormal)');
    // power >= 0 with a normal -1 to 3: the negative draws are redrawn.
    expect(row('parties.b.power')).toBe('-1 to 3 (90% interval, normal)');
    const t = explainScenario(s, 0);
    expect(t.draws['parties.a.reservation']).toBeGreaterThan(0.3);
    expect(t.draws['parties.a.reservation']).toBeLessThan(1);
    expect(t.draws['parties.b.power']).toBeGreaterThanOrEqual(0);
  });

  it('a percentage share in --set reads as the number', () => {
    const s = open(VALID, ['parties.a.reservation=35%']);
    expect(s.model.parties[0].reservation.fixed).toBe(0.35);
    expect(ledger(s).rows.find((r) => r.path === 'parties.a.reservation')?.value).toBe('0.35');
  });
});
