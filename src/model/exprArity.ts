import type { MathNode } from 'mathjs';

/**
 * How many arguments each allowed function takes, as the closures compute it
 * (closure.ts). mathjs' parser accepts any number, and a closure would
 * silently ignore the extra ones: `round(x, 1)` would mean round(x). An
 * argument list outside these bounds is refused, naming the function.
 */
const ARITY: Record<string, [min: number, max: number, hint?: string]> = {
  abs: [1, 1], sqrt: [1, 1], cbrt: [1, 1], exp: [1, 1], expm1: [1, 1],
  log: [1, 2, 'log(x) or log(x, base)'], log10: [1, 1], log2: [1, 1], log1p: [1, 1],
  pow: [2, 2], min: [1, Infinity], max: [1, Infinity],
  floor: [1, 1, 'to n decimals, write floor(x * 10^n) / 10^n'], ceil: [1, 1, 'to n decimals, write ceil(x * 10^n) / 10^n'],
  round: [1, 1, 'to n decimals, write round(x * 10^n) / 10^n'],
  sign: [1, 1], sin: [1, 1], cos: [1, 1], tan: [1, 1], atan: [1, 1], tanh: [1, 1],
  mod: [2, 2], nthRoot: [1, 2, 'nthRoot(x) or nthRoot(x, n)'], square: [1, 1], cube: [1, 1],
};

const count = (n: number) => (n === 1 ? '1 argument' : `${n} arguments`);

/** The first call with a wrong number of arguments, worded; undefined when every call is right. */
export function arityProblem(root: MathNode): string | undefined {
  let problem: string | undefined;
  root.traverse((n) => {
    if (problem || n.type !== 'FunctionNode') return;
    const { fn, args } = n as unknown as { fn: { name?: string }; args: unknown[] };
    const name = fn.name ?? '';
    if (!Object.hasOwn(ARITY, name)) return;
    const [min, max, hint] = ARITY[name];
    if (args.length >= min && args.length <= max) return;
    const takes = min === max ? count(min) : max === Infinity ? `at least ${count(min)}` : `${min} or ${max} arguments`;
    const text = n.toString();
    problem = `${name}() takes ${takes}, got ${args.length} in ${text.length > 60 ? `${text.slice(0, 57)}...` : text}${hint ? ` (${hint})` : ''}`;
  });
  return problem;
}
