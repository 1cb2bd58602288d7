import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openScenario } from '../src/api.js';
import { checkedByMathjs, mathjsLoaded } from '../src/model/expr.js';
import { fastCheck } from '../src/model/exprFast.js';

const OPTIONS = { security: ['none', 'monitoring', 'article5_like'] };
const SYMBOLS = ['x', 'round', 'a_1', 'b2'];
const ENV = { symbols: SYMBOLS, slots: { x: 0, round: 1, a_1: 2, b2: 3, security: 4 }, options: OPTIONS };
const fast = (text: string) =>
  fastCheck(text, { known: new Set([...SYMBOLS, 'security']), options: OPTIONS, constants: new Set(['pi', 'e', 'true', 'false']), maxDepth: 100 });

describe('expressions parsed without mathjs', () => {
  // First in the file: nothing before it has loaded mathjs in this worker.
  it("opening every shipped scenario never loads mathjs' parser (their expressions are all plain)", () => {
    for (const f of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) openScenario(`scenarios/${f}`);
    expect(mathjsLoaded()).toBe(false);
  });

  it("give mathjs' tree and names, or leave the expression to mathjs (generated expressions)", () => {
    const sep = fc.constantFrom(' ', '', '  ', '\t');
    const grammar = (withOthers: boolean) => {
      const leaf = fc.oneof(
        fc.constantFrom('0', '2', '0.25', '.5', '1e-3', '2E+2', '10', '3.75e1'),
        fc.constantFrom(...SYMBOLS, 'pi', 'e', ...(withOthers ? ['zz', 'true', 'NaN', 'security', '"monitoring"', "'none'"] : [])),
      );
      const ops = ['+', '-', '*', '/', '^', 'and', 'or', 'xor', '==', '!=', '<', '<=', '>', '>=', ...(withOthers ? ['mod', '%', '<<', '&'] : [])];
      return fc.letrec<{ expr: string }>((tie) => ({
        expr: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          leaf,
          fc.tuple(fc.constantFrom('-', '+', 'not ', ...(withOthers ? ['~'] : [])), tie('expr')).map(([op, e]) => op + e),
          fc
            .tuple(tie('expr'), sep, fc.constantFrom(...ops), sep, tie('expr'))
            // Word operators need a space around them.
            .map(([a, s1, op, s2, b]) => (/^[a-z]/.test(op) ? `${a} ${op} ${b}` : `${a}${s1}${op}${s2}${b}`)),
          tie('expr').map((e) => `(${e})`),
          fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, f]) => `${c} ? ${t} : ${f}`),
          fc.constantFrom('security == "monitoring"', '"none" != security', "security == 'article5_like'"),
          ...(withOthers
            ? [
                fc.tuple(fc.constantFrom('max', 'round', 'sqrt'), tie('expr')).map(([f, e]) => `${f}(${e})`),
                fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} ${b}`),
                fc.constantFrom('security == "nope"', 'x == "none"', '"a" == "b"', 'x < round < 3', '2x', 'x!', "x'"),
              ]
            : []),
        ),
      })).expr;
    };
    // Plain expressions (most are covered: the comparison is not vacuous), then with what is left to mathjs mixed in.
    for (const [withOthers, runs, least] of [[false, 400, 250], [true, 400, 40]] as const) {
      let covered = 0;
      fc.assert(
        fc.property(grammar(withOthers), (text) => {
          const f = fast(text);
          if (f === null) return;
          covered++;
          expect(checkedByMathjs(text, ENV)).toEqual(f);
        }),
        { numRuns: runs },
      );
      expect(covered).toBeGreaterThan(least);
    }
  });

  it('read precedence and associativity as mathjs does (hand-picked cases)', () => {
    for (const text of [
      '-2^2', '2^-3', '2^3^2', 'a_1 - b2 - x', 'x / a_1 / b2', 'not x and b2 or a_1', 'x or b2 xor a_1 and round',
      'x ? a_1 : b2 ? 1 : 2', '(x ? a_1 : b2) ? 1 : 2', 'x ? (a_1 ? 1 : 2) : 3', '-(x + 1) * 2', 'x >= 0.5 and security == "article5_like"',
      "security == 'none' ? 0.03 : (security == \"monitoring\" ? 0.015 : 0.002)", '((x + 0.25) / 1.25)^0.7', '(1 - (x + 0.25) / 1.25)^1.5', 'round > 8',
      'pi * e', '+x', 'not not x', '1e3 * .5',
    ]) {
      const f = fast(text);
      expect(f, text).not.toBeNull();
      expect(checkedByMathjs(text, ENV), text).toEqual(f);
    }
  });

  it('leave to mathjs what they do not cover, so its messages stand', () => {
    for (const text of ['x ? a_1 ? 1 : 2 : 3', 'max(x, 1)', 'x mod 2', 'x % 2', '2x', 'x < round < 3', 'zz + 1', 'x == "none"', '"a"', 'x = 1', 'x!', 'true', 'x ?? 1', 'x\n+ 1', '', '(x', 'x)', 'a..b', 'x.y', '0x1F'])
      expect(fast(text), text).toBeNull();
  });
});
