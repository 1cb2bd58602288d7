import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MathJsInstance, MathNode } from 'mathjs';
import { count, howToRaise, limit } from '../scenario/limits.js';
import { toClosure, type ExprTree } from './closure.js';
import { arityProblem } from './exprArity.js';
import { fastCheck } from './exprFast.js';

/**
 * Scenario expressions are untrusted text: they are parsed by mathjs' parser
 * (an instance with no functions at all), checked node by node against an
 * allow-list, and compiled once, to JavaScript closures over numbers
 * (`closure.ts`). Nothing is ever handed to eval, nor evaluated by mathjs.
 * Calls to mathjs' dangerous functions are refused by name, with a message that says so.
 */
const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'compile', 'resolve', 'reviver', 'replacer', 'chain', 'help', 'config'];

/**
 * mathjs takes seconds and ~100 MB to load, and a scenario without expressions
 * (no string utility, event or constraint) never needs it: the parser is
 * built on the first expression, and never in a worker thread (see
 * useCheckedExpressions). It is loaded with a synchronous require so that
 * opening a scenario stays synchronous. Expressions are parsed by mathjs but
 * run as closures over numbers (closure.ts), so the parser and its syntax-tree
 * classes are all this needs: `parse` and the factories it depends on
 * (PARSE_FACTORIES, the list mathjs generates for it in its numbers-only build,
 * dependenciesParse.generated.js), each loaded from its own file with `create`.
 * They are loaded by path because the package's entries, that generated list
 * included, load every factory mathjs has (~480 files, its embedded docs among
 * them: 0.1–0.2 s of every command's start-up on a scenario with expressions,
 * against ~60 files here); if the files are not where this mathjs version keeps
 * them, the whole numbers-only build is used.
 * No mathjs function ever runs on an expression: nothing is evaluated by mathjs.
 */
export type Parser = Pick<MathJsInstance, 'parse' | 'ConstantNode' | 'OperatorNode'>;
let parser: Parser | undefined;
function mathjs(): Parser {
  if (!parser) {
    try {
      parser = buildParser();
    } catch {
      parser = buildParser(true);
    }
  }
  return parser;
}

/** `parse` and what it depends on in mathjs' numbers-only build: factory name → its file under lib/cjs. */
const PARSE_FACTORIES: Record<string, string> = {
  createParse: 'expression/parse.js',
  createNode: 'expression/node/Node.js',
  createAccessorNode: 'expression/node/AccessorNode.js',
  createArrayNode: 'expression/node/ArrayNode.js',
  createAssignmentNode: 'expression/node/AssignmentNode.js',
  createBlockNode: 'expression/node/BlockNode.js',
  createConditionalNode: 'expression/node/ConditionalNode.js',
  createConstantNode: 'expression/node/ConstantNode.js',
  createFunctionAssignmentNode: 'expression/node/FunctionAssignmentNode.js',
  createFunctionNode: 'expression/node/FunctionNode.js',
  createIndexNode: 'expression/node/IndexNode.js',
  createObjectNode: 'expression/node/ObjectNode.js',
  createOperatorNode: 'expression/node/OperatorNode.js',
  createParenthesisNode: 'expression/node/ParenthesisNode.js',
  createRangeNode: 'expression/node/RangeNode.js',
  createRelationalNode: 'expression/node/RelationalNode.js',
  createSymbolNode: 'expression/node/SymbolNode.js',
  createResultSet: 'type/resultset/ResultSet.js',
  createTyped: 'core/function/typed.js',
  createIsBounded: 'function/utils/isBounded.js',
  createSize: 'function/matrix/size.js',
  createNumber: 'type/number.js',
  createNumeric: 'function/utils/numeric.js',
};

/** mathjs' parser and syntax-tree classes alone, loaded by path; or, with `wholeBuild`, the numbers-only build. */
export function buildParser(wholeBuild = false): Parser {
  const require = createRequire(import.meta.url);
  if (wholeBuild) {
    const { all, create } = require('mathjs/number') as typeof import('mathjs');
    return create(all);
  }
  const lib = join(dirname(require.resolve('mathjs/package.json')), 'lib/cjs');
  const factories: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(PARSE_FACTORIES)) factories[name] = require(join(lib, file))[name];
  // The numbers-only build has no matrices: it stands these two in for them, as here (they throw if called; parsing never calls them).
  const { factory } = require(join(lib, 'utils/factory.js'));
  const { noMatrix, noSubset } = require(join(lib, 'utils/noop.js'));
  factories.createMatrix = factory('matrix', [], () => noMatrix);
  factories.createSubset = factory('subset', [], () => noSubset);
  const { create } = require(join(lib, 'core/create.js'));
  const math = create(factories) as Parser;
  // A factory missing from the list fails only when first needed: build the parser and every node class now, so the fallback catches it.
  math.parse('f(a ? [b][1] : {c: 1}.c, d = 1:2)');
  return math;
}

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

/** A checked expression: its plain tree (option names already mapped to positions) and the names it uses. */
interface CheckedExpr {
  tree: ExprTree;
  symbols: string[];
}

/** What this thread has checked, by text and environment: compiling it again needs no parsing, nor mathjs. */
const checked = new Map<string, CheckedExpr>();
const keyOf = (text: string, env: ExprEnv) => JSON.stringify([text, env.symbols, env.slots, env.options ?? null]);

/** Expressions checked in this thread, to hand to a worker thread (`useCheckedExpressions`). */
export type CheckedExpressions = [string, CheckedExpr][];

export function checkedExpressions(): CheckedExpressions {
  return [...checked];
}

/**
 * A worker thread compiling a scenario that the main thread has compiled
 * already: its expressions become closures from these trees, so the worker
 * never loads mathjs (and the closures are the main thread's, node for node).
 */
export function useCheckedExpressions(list: CheckedExpressions): void {
  for (const [key, expr] of list) checked.set(key, expr);
}

/** Parses, checks and compiles an expression once. */
export function compileExpression(text: string, env: ExprEnv): ExprResult {
  const known = checked.get(keyOf(text, env));
  const fn = known && toClosure(known.tree, env.slots);
  if (known && fn) return { ok: true, fn, symbols: known.symbols };
  return parseAndCompile(text, env);
}

/** The fix for a slip from other languages that mathjs does not parse: `**` for a power. */
function exprSlipHint(text: string): string {
  if (text.includes('**')) return ` (a power is written ^ here: ${JSON.stringify(text.replaceAll('**', '^'))})`;
  return '';
}

function parseAndCompile(text: string, env: ExprEnv): ExprResult {
  const tooBig = sizeProblem(text);
  if (tooBig) return { ok: false, message: tooBig };
  // The plain expressions scenario files use are parsed without mathjs (exprFast.ts), to the same tree.
  const options = env.options ?? {};
  const fast = fastCheck(text, { known: new Set([...env.symbols, ...Object.keys(options)]), options, constants: CONSTANTS, maxDepth: limit('exprDepth') });
  const closure = fast && toClosure(fast.tree, env.slots);
  if (fast && closure) {
    checked.set(keyOf(text, env), fast);
    return { ok: true, fn: closure, symbols: fast.symbols };
  }
  return parseWithMathjs(text, env);
}

/** The tree and names of an expression as mathjs' parser and the checks make them (or the problem found): what `fastCheck` must equal (tests). */
export function checkedByMathjs(text: string, env: ExprEnv): CheckedExpr | { message: string } {
  const r = parseWithMathjs(text, env);
  return r.ok ? (checked.get(keyOf(text, env)) as CheckedExpr) : { message: r.message };
}

/** Whether this thread has loaded mathjs' parser (tests: opening the shipped scenarios does not). */
export const mathjsLoaded = (): boolean => parser !== undefined;

function parseWithMathjs(text: string, env: ExprEnv): ExprResult {
  const tooBig = sizeProblem(text);
  if (tooBig) return { ok: false, message: tooBig };
  const math = mathjs();
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, message: tooDeep('nests too deeply to be parsed') };
    const msg = (e as Error).message;
    const at = /\(char (\d+)\)/.exec(msg);
    return { ok: false, message: `cannot parse ${JSON.stringify(text)}: ${msg.replace(/\s*\(char \d+\)/, '')}${exprSlipHint(text)}`, offset: at ? Number(at[1]) - 1 : undefined };
  }
  const depth = treeDepth(node, limit('exprDepth'));
  if (depth > limit('exprDepth')) return { ok: false, message: tooDeep(`nests more than ${count(limit('exprDepth'))} levels deep (each operator, function call and bracket is a level: 150 terms joined by + are 150 levels)`) };
  try {
    return checkAndCompile(text, env, math, node);
  } catch (e) {
    // The checks and the compiler recurse: only a depth limit raised far past its default gets here.
    if (e instanceof RangeError) return { ok: false, message: tooDeep('nests too deeply to be compiled') };
    throw e;
  }
}

/** The allow-list checks, option names mapped to positions, and the closure (a tree within the depth limit). */
function checkAndCompile(text: string, env: ExprEnv, math: Parser, node: MathNode): ExprResult {
  const problem = findProblem(node, env) ?? arityProblem(node);
  if (problem) return { ok: false, message: problem };
  const options = env.options ?? {};
  let mapped: MathNode;
  try {
    mapped = node.transform((n) => mapOptionComparison(math, n, options));
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const used = new Set<string>();
  mapped.traverse((n) => { if (n.type === 'SymbolNode' && !CONSTANTS.has((n as unknown as { name: string }).name)) used.add((n as unknown as { name: string }).name); });
  const symbols = [...used];
  const tree = plainTree(mapped);
  const closure = tree && toClosure(tree, env.slots);
  // Every node the checks allow compiles to a closure but a constant that is not a number or a boolean (null, undefined).
  if (!tree || !closure) return { ok: false, message: `${JSON.stringify(text)}: constants must be numbers, true or false` };
  checked.set(keyOf(text, env), { tree, symbols });
  return { ok: true, fn: closure, symbols };
}

/**
 * Whether an expression is too long, or its brackets nest too deeply, to be parsed (Limits.exprChars,
 * Limits.exprDepth): checked on the text, before mathjs' recursive-descent parser sees it. The
 * message does not echo the text.
 */
function sizeProblem(text: string): string | undefined {
  const maxChars = limit('exprChars');
  if (text.length > maxChars)
    return `the expression has ${count(text.length)} characters, more than the limit of ${count(maxChars)}; ${howToRaise('exprChars', text.length)}`;
  const maxDepth = limit('exprDepth');
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > maxDepth) return tooDeep(`has more than ${count(maxDepth)} brackets inside each other`);
    } else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return undefined;
}

const tooDeep = (what: string) => `the expression ${what}; ${howToRaise('exprDepth')}`;

/**
 * The depth of a syntax tree, counted without recursion (an explicit stack), and only up to
 * `cap + 1`: the checks and the compiler after it recurse, so they see only trees within the limit.
 */
function treeDepth(root: MathNode, cap: number): number {
  const stack: [MathNode, number][] = [[root, 1]];
  let deepest = 0;
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > deepest) deepest = d;
    if (deepest > cap) return deepest;
    n.forEach((child) => stack.push([child, d + 1]));
  }
  return deepest;
}

/** A plain (structured-clonable) copy of a checked tree, or null if it holds a node the closures do not cover. */
function plainTree(node: MathNode): ExprTree | null {
  const n = node as unknown as ExprTree;
  const all = (xs: unknown[]) => {
    const out = xs.map((x) => plainTree(x as MathNode));
    return out.every((x): x is ExprTree => x !== null) ? out : null;
  };
  switch (n.type) {
    case 'ConstantNode':
      return { type: n.type, value: n.value };
    case 'SymbolNode':
      return { type: n.type, name: n.name };
    case 'ParenthesisNode': {
      const content = plainTree(n.content as MathNode);
      return content && { type: n.type, content };
    }
    case 'ConditionalNode': {
      const parts = all([n.condition, n.trueExpr, n.falseExpr]);
      return parts && { type: n.type, condition: parts[0], trueExpr: parts[1], falseExpr: parts[2] };
    }
    case 'OperatorNode': {
      const args = all(n.args as unknown[]);
      return args && { type: n.type, op: n.op, fn: n.fn, args };
    }
    case 'FunctionNode': {
      const args = all(n.args as unknown[]);
      return args && { type: n.type, fn: { name: (n.fn as { name?: string }).name }, args };
    }
    default:
      return null;
  }
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
function mapOptionComparison(math: Parser, n: MathNode, options: Record<string, readonly string[]>): MathNode {
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
