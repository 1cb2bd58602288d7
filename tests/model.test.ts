import fc from 'fast-check';
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { buildParser, compileExpression } from '../src/model/expr.js';
import { lookup, tabulate, tabulationError } from '../src/model/tabulate.js';
import { roundDate } from '../src/report/calendar.js';
import { sample } from '../src/rng/distributions.js';
import { streamFor } from '../src/rng/stream.js';

describe('expressions are untrusted input', () => {
  const env = { symbols: ['x'], slots: { x: 0 } };
  for (const [text, why] of [
    ['import({}, {})', 'disabled function import'],
    ['evaluate("1+1")', 'disabled function evaluate'],
    ['parse("x")', 'disabled function parse'],
    ['createUnit("foo")', 'disabled function createUnit'],
    ['x.constructor', 'may not contain accessors'],
    ['f(x) = x', 'may not contain functionassignments'],
    ['y + 1', 'unknown name "y"'],
    ['[1, 2]', 'may not contain arrays'],
    ['x!', 'operator ! is not allowed'],
    ['x > 0.5 ? 1 : null', 'constants must be numbers, true or false'],
    ['undefined', 'constants must be numbers, true or false'],
  ]) {
    it(`refuses ${text}`, () => {
      const r = compileExpression(text, env);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(why);
    });
  }

  it('compiles to closures that agree with mathjs on generated inputs', () => {
    const math = create(all);
    const texts = ['x^0.7', '1 - (x - 0.3)^2', 'min(1, 2*x)', 'x < 0.5 ? 2*x : 1', 'sqrt(x) * exp(-x) + log(1 + x) / 3'];
    for (const text of texts) {
      const r = compileExpression(text, env);
      if (!r.ok) throw new Error(r.message);
      const ref = math.compile(text);
      fc.assert(fc.property(fc.integer({ min: 0, max: 10000 }), (i) => {
        const x = i / 10000;
        expect(Number(r.fn([x]))).toBeCloseTo(Number(ref.evaluate({ x })), 12);
      }));
    }
  });

  it("parses with mathjs' parser alone exactly as with its whole numbers-only build", () => {
    const alone = buildParser(), whole = buildParser(true);
    expect(typeof (alone as unknown as { add?: unknown }).add).toBe('undefined'); // no functions: nothing can run
    for (const text of ['x^0.7', '1 - (x - 0.3)^2 * 2e-1', 'min(1, 2*x)', 'x < 0.5 ? 2*x : 1', 'not (a and b) or c xor d', 'security == "force"', '-x mod 3 >= 1.5', 'f(x) = x', 'x.constructor'])
      expect(JSON.stringify(alone.parse(text))).toBe(JSON.stringify(whole.parse(text)));
    expect(() => alone.parse('1 +')).toThrow(/char 4/);
  });

  it('compares options by name and by order', () => {
    const r = compileExpression('security >= "force" or territory <= 0.5', { symbols: ['territory'], slots: { security: 0, territory: 1 }, options: { security: ['none', 'monitoring', 'force'] } });
    if (!r.ok) throw new Error(r.message);
    expect(r.fn([2, 0.9])).toBe(true);
    expect(r.fn([1, 0.9])).toBe(false);
    expect(r.fn([1, 0.5])).toBe(true);
  });
});

describe('tabulated utilities', () => {
  it('stay within the bound h²/8·max|f\'\'| of the expression (1 − (x − 0.3)², f\'\' = −2)', () => {
    const f = (x: number) => 1 - (x - 0.3) ** 2;
    const t = tabulate(f, 0, 1);
    const h = 1 / (t.values.length - 1);
    expect(tabulationError(t, f)).toBeLessThanOrEqual((h * h * 2) / 8 + 1e-15);
  });
  it('x^0.7 on [0, 1]: the error is largest in the first cell, where f\'\' is unbounded', () => {
    const f = (x: number) => x ** 0.7;
    const t = tabulate(f, 0, 1);
    const h = 1 / (t.values.length - 1);
    // In the first cell the chord from 0 to h^0.7 misses f at h/2 by (h/2)^0.7 − h^0.7/2 ≈ 3.4e-4.
    const firstCell = (h / 2) ** 0.7 - h ** 0.7 / 2;
    expect(tabulationError(t, f)).toBeCloseTo(firstCell, 8);
    expect(firstCell).toBeLessThan(5e-4);
  });
  it('are exact at the grid points and clamp outside the range', () => {
    const t = tabulate((x) => x * x, 0, 2, 5);
    expect(lookup(t, 1.5)).toBe(2.25);
    expect(lookup(t, -1)).toBe(0);
    expect(lookup(t, 3)).toBe(4);
  });
});

describe('random streams and distributions', () => {
  it('the same (seed, run, purpose) gives the same numbers; any change gives others', () => {
    const a = streamFor(1, 5, 'play'), b = streamFor(1, 5, 'play');
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(streamFor(1, 6, 'play')()).not.toBe(xs[0]);
    expect(streamFor(2, 5, 'play')()).not.toBe(xs[0]);
    expect(streamFor(1, 5, 'recognition')()).not.toBe(xs[0]);
  });
  it('sample means match the distributions (20,000 draws; 4 standard errors)', () => {
    const rng = streamFor(3, 0, 'draw:test');
    const mean = (d: Parameters<typeof sample>[1], n = 20000) => Array.from({ length: n }, () => sample(rng, d)).reduce((s, x) => s + x, 0) / n;
    expect(Math.abs(mean({ uniform: [2, 4] }) - 3)).toBeLessThan(4 * Math.sqrt(4 / 12 / 20000));
    expect(Math.abs(mean({ normal: [1, 2] }) - 1)).toBeLessThan(4 * 2 / Math.sqrt(20000));
    expect(Math.abs(mean({ triangular: [0, 1, 5] }) - 2)).toBeLessThan(4 * Math.sqrt((25 + 1 - 5) / 18 / 20000));
    expect(Math.abs(mean({ beta: [2, 5] }) - 2 / 7)).toBeLessThan(4 * Math.sqrt((10 / (49 * 8)) / 20000));
  });
});

describe('calendar', () => {
  it('dates rounds from the start', () => {
    expect(roundDate({ start: '2025-08-18', round: '1 week' }, 1)).toBe('2025-08-18');
    expect(roundDate({ start: '2025-08-18', round: '1 week' }, 3)).toBe('2025-09-01');
    expect(roundDate({ start: '2025-01-31', round: '3 days' }, 2)).toBe('2025-02-03');
    expect(roundDate({ start: '2025-01-15', round: '1 month' }, 3)).toBe('2025-03-15');
  });
});
