import { all, create, type MathNode } from 'mathjs';
import { toClosure } from './closure.js';

/**
 * Scenario expressions are untrusted text: they are parsed by a mathjs instance
 * whose dangerous functions are disabled, checked node by node against an
 * allow-list, and compiled once, to JavaScript closures where possible
 * (`closure.ts`), else by mathjs. Nothing is ever handed to eval.
 */
const math = create(all);
const parse = math.parse;
const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'compile', 'resolve', 'reviver', 'replacer', 'chain', 'help', 'config'];
math.import(
  Object.fromEntries(DISABLED.map((f) => [f, () => { throw new Error(`function ${f} is disabled`); }])),
  { override: true },
);

const FUNCTIONS = new Set([
  'abs', 'sqrt', 'cbrt', 'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'pow', 'min', 'max',
  'floor', 'ceil', 'round', 'sign', 'sin', 'cos', 'tan', 'atan', 'tanh', 'mod', 'nthRoot', 'square', 'cube',
]);
const CONSTANTS = new Set(['pi', 'e', 'true', 'false']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'mod', 'unaryMinus', 'unaryPlus',
  'equal', 'unequal', 'smaller', 'smallerEq', 'larger', 'largerEq', 'and', 'or', 'xor', 'not',
]);
const ALLOWED_NODES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'ConditionalNode', 'FunctionNode']);

/** A compiled expression: call it with the values of its slots (see ExprEnv.slots). */
export type CompiledExpr = (values: ArrayLike<number>) => unknown;

/** What an expression may refer to: numeric symbols, and option issues (compared with option names). */
export interface ExprEnv {
  symbols: string[];
  /** Where each name's value sits in the array the compiled expression is called with. */
  slots: Record<string, number>;
  /** Option issues: their symbol is bound to the option's position, so "a" == "b" comparisons work by name. */
  options?: Record<string, readonly string[]>;
}

export type ExprResult = { ok: true; fn: CompiledExpr; symbols: string[] } | { ok: false; message: string; offset?: number };

/** Parses, checks and compiles an expression once. */
export function compileExpression(text: string, env: ExprEnv): ExprResult {
  let node: MathNode;
  try {
    node = parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /\(char (\d+)\)/.exec(msg);
    return { ok: false, message: `cannot parse ${JSON.stringify(text)}: ${msg.replace(/\s*\(char \d+\)/, '')}`, offset: at ? Number(at[1]) - 1 : undefined };
  }
  const problem = findProblem(node, env);
  if (problem) return { ok: false, message: problem };
  const options = env.options ?? {};
  let mapped: MathNode;
  try {
    mapped = node.transform((n) => mapOptionComparison(n, options));
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const closure = toClosure(mapped, env.slots);
  const code = mapped.compile();
  const names = Object.entries(env.slots);
  const fn: CompiledExpr = closure ?? ((v) => code.evaluate(Object.fromEntries(names.map(([k, i]) => [k, v[i]]))));
  const used = new Set<string>();
  mapped.traverse((n) => { if (n.type === 'SymbolNode' && !CONSTANTS.has((n as unknown as { name: string }).name)) used.add((n as unknown as { name: string }).name); });
  return { ok: true, fn, symbols: [...used] };
}

function findProblem(root: MathNode, env: ExprEnv): string | undefined {
  const known = new Set([...env.symbols, ...Object.keys(env.options ?? {})]);
  let problem: string | undefined;
  root.traverse((n, _path, parent) => {
    if (problem) return;
    if (!ALLOWED_NODES.has(n.type)) problem = `expressions may not contain ${n.type.replace('Node', '').toLowerCase()}s (${n.toString()})`;
    else if (n.type === 'OperatorNode' && !OPERATORS.has((n as unknown as { fn: string }).fn))
      problem = `operator ${(n as unknown as { op: string }).op} is not allowed (use + - * / ^ mod, comparisons, and, or, not)`;
    else if (n.type === 'FunctionNode') {
      const name = (n as unknown as { fn: { name?: string } }).fn.name ?? '';
      if (DISABLED.includes(name)) problem = `calls disabled function ${name}()`;
      else if (!FUNCTIONS.has(name)) problem = `calls unknown function ${name}() (allowed: ${[...FUNCTIONS].join(', ')})`;
    } else if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
      if (!isCallee && !known.has(name) && !CONSTANTS.has(name))
        problem = `unknown name "${name}" (expected one of: ${[...known].join(', ')})`;
    }
  });
  return problem;
}

/** `security == "nato"` → `security == 4`: option names become their positions. */
function mapOptionComparison(n: MathNode, options: Record<string, readonly string[]>): MathNode {
  if (n.type === 'ConstantNode' && typeof (n as unknown as { value: unknown }).value === 'string')
    throw new Error(`text ${n.toString()} can only be compared with an options issue (e.g. security == "nato")`);
  if (n.type !== 'OperatorNode' || !COMPARISONS.has((n as unknown as { op: string }).op)) return n;
  const op = n as unknown as { op: string; fn: string; args: MathNode[] };
  const [a, b] = op.args;
  const sym = (x: MathNode) => (x.type === 'SymbolNode' ? (x as unknown as { name: string }).name : undefined);
  const str = (x: MathNode) => (x.type === 'ConstantNode' ? (x as unknown as { value: unknown }).value : undefined);
  const rank = (issue: string, value: unknown) => {
    const list = options[issue];
    if (!list) throw new Error(`${issue} is not an options issue, so it cannot be compared with text ${JSON.stringify(value)}`);
    const i = list.indexOf(String(value));
    if (i < 0) throw new Error(`unknown option ${JSON.stringify(value)} for ${issue} (options are: ${list.join(', ')})`);
    return new math.ConstantNode(i);
  };
  if (sym(a) && typeof str(b) === 'string') return new math.OperatorNode(op.op as '==', op.fn as 'equal', [a, rank(sym(a)!, str(b))]);
  if (sym(b) && typeof str(a) === 'string') return new math.OperatorNode(op.op as '==', op.fn as 'equal', [rank(sym(b)!, str(a)), b]);
  return n;
}
