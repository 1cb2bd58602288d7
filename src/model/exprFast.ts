import type { ExprTree } from './closure.js';

/**
 * A parser for the plain expressions scenario files use (arithmetic, comparisons, and/or/xor/not,
 * `? :`, brackets, numbers, names and option names in quotes), so that opening a scenario does not
 * load mathjs' parser (a third of a command's start-up). It builds, for those expressions, exactly the
 * tree mathjs' parser builds and expr.ts then checks and maps (the same nodes, operators, precedence
 * and associativity, option names as their positions, names in the order mathjs' traversal meets
 * them), and returns null for anything else: function calls, implicit multiplication, `mod`, `%`,
 * chained comparisons, unknown names, text compared with something other than an options issue, any
 * syntax error. Those go to mathjs, whose tree and messages stay the reference (tests/exprFast.test.ts
 * holds the two side by side on generated expressions).
 *
 * Precedence, lowest first, as mathjs' parse.js: `? :` (right-associative), or, xor, and, comparisons
 * (one per level: a second is a chain), + and −, * and /, unary − + not, ^ (right-associative, its
 * right operand unary again: 2^-3).
 */
export interface FastChecked {
  tree: ExprTree;
  symbols: string[];
}

interface Env {
  /** Names an expression may use (parameters, numeric issues, the round...) and the options issues. */
  known: Set<string>;
  options: Record<string, readonly string[]>;
  constants: Set<string>;
  maxDepth: number;
}

const COMPARISON_FN: Record<string, string> = { '==': 'equal', '!=': 'unequal', '<': 'smaller', '>': 'larger', '<=': 'smallerEq', '>=': 'largerEq' };
/** Names mathjs' parser turns into constants or operators, or treats specially: left to it. */
const LEFT_TO_MATHJS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'mod', 'to', 'in']);

/** Thrown inside the parser when the expression is not one it covers; caught in `fastCheck`. */
class NotCovered extends Error {}
const notCovered = (): never => {
  throw new NotCovered();
};

type Token = { kind: 'num'; value: number } | { kind: 'str'; value: string } | { kind: 'name'; value: string } | { kind: 'op'; value: string } | { kind: 'end' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && text[i + 1] >= '0' && text[i + 1] <= '9')) {
      const m = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i)) ?? notCovered();
      i += m[0].length;
      // A letter, digit, point or underscore right after a number (2x, 0x1F, 1.5.2, 2e): mathjs' business.
      if (i < n && /[\w.$]/.test(text[i])) notCovered();
      out.push({ kind: 'num', value: Number(m[0]) });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      i += m[0].length;
      if (i < n && /[$\u0080-\uffff]/.test(text[i])) notCovered();
      const name = m[0];
      if (LEFT_TO_MATHJS.has(name)) notCovered();
      out.push(name === 'and' || name === 'or' || name === 'xor' || name === 'not' ? { kind: 'op', value: name } : { kind: 'name', value: name });
      continue;
    }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) notCovered();
      const value = text.slice(i + 1, close);
      // Escapes, control characters and the other quote are read by mathjs' string rules.
      if (/[\\\u0000-\u001f"']/.test(value)) notCovered();
      out.push({ kind: 'str', value });
      i = close + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      // <<=, >>=, ==, =>... : a third character that continues an operator is left to mathjs.
      if (/[=<>]/.test(text[i + 2] ?? '')) notCovered();
      out.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if (c === '<' || c === '>') {
      if (text[i + 1] === '<' || text[i + 1] === '>') notCovered();
      out.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    if (c === '?') {
      // ?? and ?. are other operators.
      if (text[i + 1] === '?' || text[i + 1] === '.') notCovered();
      out.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    if (c === '^') {
      if (text[i + 1] === '|') notCovered();
      out.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    if ('+-*/():'.includes(c)) {
      out.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    notCovered();
  }
  out.push({ kind: 'end' });
  return out;
}

class Parser {
  private at = 0;
  /**
   * Whether the parser is inside a conditional's true part at the same bracket depth. There mathjs reads a
   * second `? :` differently (after its `:` a range may follow, `a ? b ? c : d : e` does not parse): left to it.
   */
  private inTrue = false;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  private isOp(value: string): boolean {
    const t = this.tokens[this.at];
    return t.kind === 'op' && t.value === value;
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  parse(): ExprTree {
    const tree = this.conditional();
    if (this.peek().kind !== 'end') notCovered();
    return tree;
  }

  private conditional(): ExprTree {
    let node = this.binary(0);
    while (this.isOp('?')) {
      if (this.inTrue) notCovered();
      this.next();
      this.inTrue = true;
      const trueExpr = this.conditional();
      this.inTrue = false;
      if (!this.isOp(':')) notCovered();
      this.next();
      const falseExpr = this.conditional();
      node = { type: 'ConditionalNode', condition: node, trueExpr, falseExpr };
    }
    return node;
  }

  /** or, xor, and: left-associative, each level above the last. */
  private binary(level: number): ExprTree {
    if (level === 3) return this.relational();
    const op = (['or', 'xor', 'and'] as const)[level];
    let node = this.binary(level + 1);
    while (this.isOp(op)) {
      this.next();
      node = { type: 'OperatorNode', op, fn: op, args: [node, this.binary(level + 1)] };
    }
    return node;
  }

  private relational(): ExprTree {
    const left = this.additive();
    const t = this.peek();
    if (t.kind !== 'op' || !Object.hasOwn(COMPARISON_FN, t.value)) return left;
    this.next();
    const right = this.additive();
    // A second comparison makes mathjs' chained comparison (a RelationalNode).
    const after = this.peek();
    if (after.kind === 'op' && Object.hasOwn(COMPARISON_FN, after.value)) notCovered();
    return { type: 'OperatorNode', op: t.value, fn: COMPARISON_FN[t.value], args: [left, right] };
  }

  private additive(): ExprTree {
    let node = this.multiplicative();
    for (;;) {
      const op = this.isOp('+') ? '+' : this.isOp('-') ? '-' : null;
      if (!op) return node;
      this.next();
      node = { type: 'OperatorNode', op, fn: op === '+' ? 'add' : 'subtract', args: [node, this.multiplicative()] };
    }
  }

  private multiplicative(): ExprTree {
    let node = this.unary();
    for (;;) {
      const op = this.isOp('*') ? '*' : this.isOp('/') ? '/' : null;
      if (!op) return node;
      this.next();
      node = { type: 'OperatorNode', op, fn: op === '*' ? 'multiply' : 'divide', args: [node, this.unary()] };
    }
  }

  private unary(): ExprTree {
    const t = this.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === 'not')) {
      this.next();
      const fn = t.value === '-' ? 'unaryMinus' : t.value === '+' ? 'unaryPlus' : 'not';
      return { type: 'OperatorNode', op: t.value, fn, args: [this.unary()] };
    }
    return this.power();
  }

  private power(): ExprTree {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    this.next();
    return { type: 'OperatorNode', op: '^', fn: 'pow', args: [base, this.unary()] };
  }

  private primary(): ExprTree {
    const t = this.next();
    if (t.kind === 'num') return { type: 'ConstantNode', value: t.value };
    if (t.kind === 'str') return { type: 'ConstantNode', value: t.value };
    if (t.kind === 'name') {
      // A call (or an index, a property) is left to mathjs.
      if (this.isOp('(')) notCovered();
      return { type: 'SymbolNode', name: t.value };
    }
    if (t.kind === 'op' && t.value === '(') {
      const outer = this.inTrue;
      this.inTrue = false;
      const content = this.conditional();
      this.inTrue = outer;
      if (!this.isOp(')')) notCovered();
      this.next();
      return { type: 'ParenthesisNode', content };
    }
    return notCovered();
  }
}

/** Option names compared with an options issue become positions; text anywhere else, or an unknown option, is left to mathjs. */
function mapOptions(n: ExprTree, env: Env): ExprTree {
  if (n.type === 'ConstantNode') return typeof n.value === 'string' ? notCovered() : n;
  if (n.type === 'OperatorNode' && Object.hasOwn(COMPARISON_FN, n.op as string)) {
    const [a, b] = n.args as ExprTree[];
    const str = (x: ExprTree) => (x.type === 'ConstantNode' && typeof x.value === 'string' ? x.value : undefined);
    const rank = (issue: string, value: string): ExprTree => {
      const list = Object.hasOwn(env.options, issue) ? env.options[issue] : undefined;
      const i = Array.isArray(list) ? list.indexOf(value) : -1;
      return i < 0 ? notCovered() : { type: 'ConstantNode', value: i };
    };
    if (a.type === 'SymbolNode' && str(b) !== undefined) return { type: 'OperatorNode', op: n.op, fn: n.fn, args: [a, rank(a.name as string, str(b) as string)] };
    if (b.type === 'SymbolNode' && str(a) !== undefined) return { type: 'OperatorNode', op: n.op, fn: n.fn, args: [rank(b.name as string, str(a) as string), b] };
  }
  switch (n.type) {
    case 'OperatorNode':
      return { type: n.type, op: n.op, fn: n.fn, args: (n.args as ExprTree[]).map((x) => mapOptions(x, env)) };
    case 'ParenthesisNode':
      return { type: n.type, content: mapOptions(n.content as ExprTree, env) };
    case 'ConditionalNode':
      return { type: n.type, condition: mapOptions(n.condition as ExprTree, env), trueExpr: mapOptions(n.trueExpr as ExprTree, env), falseExpr: mapOptions(n.falseExpr as ExprTree, env) };
    default:
      return n;
  }
}

/** The names a tree uses, in the order mathjs' traversal meets them (pre-order), each once; unknown names are left to mathjs. Also the depth. */
function namesAndDepth(root: ExprTree, env: Env): { names: string[]; depth: number } {
  const names = new Set<string>();
  let depth = 0;
  const visit = (n: ExprTree, d: number) => {
    if (d > depth) depth = d;
    if (n.type === 'SymbolNode') {
      const name = n.name as string;
      if (!env.known.has(name) && !env.constants.has(name)) notCovered();
      if (!env.constants.has(name)) names.add(name);
    }
    const children = n.type === 'OperatorNode' ? (n.args as ExprTree[]) : n.type === 'ParenthesisNode' ? [n.content as ExprTree] : n.type === 'ConditionalNode' ? [n.condition, n.trueExpr, n.falseExpr].map((x) => x as ExprTree) : [];
    for (const c of children) visit(c, d + 1);
  };
  visit(root, 1);
  return { names: [...names], depth };
}

/**
 * The checked, option-mapped tree of `text` and the names it uses, as expr.ts would make them with mathjs;
 * null when the expression is not one this parser covers (or is too deep for it): then mathjs decides.
 */
export function fastCheck(text: string, env: Env): FastChecked | null {
  try {
    const parsed = new Parser(tokenize(text)).parse();
    const { names, depth } = namesAndDepth(parsed, env);
    if (depth > env.maxDepth) return null;
    return { tree: mapOptions(parsed, env), symbols: names };
  } catch (e) {
    // Deep nesting overflows this recursive parser as it would mathjs': mathjs then gives the message.
    if (e instanceof NotCovered || e instanceof RangeError) return null;
    throw e;
  }
}
