/**
 * Turns a checked syntax tree into nested JavaScript closures over an
 * array of numbers: no eval, no per-call scope objects, ~100x faster than
 * mathjs' own evaluate in the solver's inner loops. Comparisons follow mathjs'
 * tolerance (relTol 1e-12, absTol 1e-15), so both agree on `a + b + c <= 1`.
 * The tree is a plain copy of a checked mathjs tree (`plainTree` in expr.ts),
 * so a worker thread can be handed it and build the same closures without
 * loading mathjs.
 */
export type Closure = (v: ArrayLike<number>) => number | boolean;

const REL = 1e-12;
const ABS = 1e-15;
const near = (a: number, b: number) => a === b || Math.abs(a - b) <= Math.max(REL * Math.max(Math.abs(a), Math.abs(b)), ABS);

const BINARY: Record<string, (a: number, b: number) => number | boolean> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  mod: (a, b) => a - b * Math.floor(a / b),
  equal: (a, b) => near(a, b),
  unequal: (a, b) => !near(a, b),
  smaller: (a, b) => a < b && !near(a, b),
  smallerEq: (a, b) => a < b || near(a, b),
  larger: (a, b) => a > b && !near(a, b),
  largerEq: (a, b) => a > b || near(a, b),
  and: (a, b) => Boolean(a) && Boolean(b),
  or: (a, b) => Boolean(a) || Boolean(b),
  xor: (a, b) => Boolean(a) !== Boolean(b),
};

const FUNCTIONS: Record<string, (...xs: number[]) => number> = {
  abs: Math.abs, sqrt: Math.sqrt, cbrt: Math.cbrt, exp: Math.exp, expm1: Math.expm1, log: (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)),
  log10: Math.log10, log2: Math.log2, log1p: Math.log1p, pow: Math.pow, min: Math.min, max: Math.max, floor: Math.floor, ceil: Math.ceil,
  round: Math.round, sign: Math.sign, sin: Math.sin, cos: Math.cos, tan: Math.tan, atan: Math.atan, tanh: Math.tanh,
  mod: (a, b) => a - b * Math.floor(a / b), nthRoot: (x, n = 2) => (x < 0 && n % 2 === 1 ? -Math.pow(-x, 1 / n) : Math.pow(x, 1 / n)), square: (x) => x * x, cube: (x) => x * x * x,
};

const CONSTANTS: Record<string, number | boolean> = { pi: Math.PI, e: Math.E, true: true, false: false };

/** The fields of a syntax tree node that this compiler reads (mathjs' names). */
export interface ExprTree {
  type: string;
  [field: string]: unknown;
}

/** The closure for a tree, or null when it uses something this compiler does not cover (then mathjs evaluates it). */
export function toClosure(n: ExprTree, slots: Record<string, number>): Closure | null {
  switch (n.type) {
    case 'ConstantNode': {
      const v = n.value;
      return typeof v === 'number' || typeof v === 'boolean' ? () => v : null;
    }
    case 'SymbolNode': {
      const name = n.name as string;
      // Own keys only: a name such as `constructor` is not Object.prototype's.
      if (Object.hasOwn(slots, name)) { const i = slots[name]; return (v) => v[i]; }
      return Object.hasOwn(CONSTANTS, name) ? () => CONSTANTS[name] : null;
    }
    case 'ParenthesisNode':
      return toClosure(n.content as ExprTree, slots);
    case 'ConditionalNode': {
      const [c, t, f] = [n.condition, n.trueExpr, n.falseExpr].map((x) => toClosure(x as ExprTree, slots));
      return c && t && f ? (v) => (c(v) ? t(v) : f(v)) : null;
    }
    case 'OperatorNode':
      return operator(n, slots);
    case 'FunctionNode': {
      const name = (n.fn as { name: string }).name;
      const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      const args = (n.args as ExprTree[]).map((a) => toClosure(a, slots));
      if (!f || args.some((a) => a === null)) return null;
      const as = args as Closure[];
      return (v) => f(...as.map((a) => Number(a(v))));
    }
    default:
      return null;
  }
}

function operator(n: ExprTree, slots: Record<string, number>): Closure | null {
  const args = (n.args as ExprTree[]).map((a) => toClosure(a, slots));
  if (args.some((a) => a === null)) return null;
  const [a, b] = args as Closure[];
  const fn = n.fn as string;
  if (args.length === 1) {
    if (fn === 'unaryMinus') return (v) => -Number(a(v));
    if (fn === 'unaryPlus') return (v) => Number(a(v));
    if (fn === 'not') return (v) => !a(v);
    return null;
  }
  const op = Object.hasOwn(BINARY, fn) ? BINARY[fn] : undefined;
  if (!op || args.length !== 2) return null;
  return (v) => op(Number(a(v)), Number(b(v)));
}
