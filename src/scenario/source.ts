import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { NOT_FINITE, show, type DocPath, type Problem } from './problems.js';
import { documentProblems } from './yamlChecks.js';

/**
 * A scenario's text as parsed, kept so that any problem found later (by the
 * schema, the semantic checks or the compiler) can be pointed at a line and column.
 */
export interface ScenarioSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Override paths applied with `--set`, dotted, in the order given. */
  overrides: string[];
}

/**
 * Parses YAML (JSON is YAML too); syntax errors come back as located problems.
 * Only the first syntax error is reported: the ones after it are usually echoes.
 * A syntactically good document is then checked for what JavaScript cannot
 * hold (yamlChecks.ts: `__proto__` keys, aliases without an anchor, cyclic or
 * exploding aliases).
 */
export function parseSource(file: string, text: string): { source: ScenarioSource; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source = { file, text, doc, lines, overrides: [] };
  const at = (offset: number) => lines.linePos(offset);
  if (/\.json$/i.test(file)) {
    const json = jsonSyntaxProblem(file, text, at);
    if (json) return { source, problems: [json] };
  }
  const e = doc.errors[0];
  if (e) {
    // An unclosed { or [ is reported by the parser where it gives up; point at the opening bracket instead.
    const open = e.code === 'BAD_INDENT' || /flow (map|sequence|collection)/i.test(e.message) ? unclosedBracket(text, e.pos[0]) : -1;
    const pos = at(open >= 0 ? open : e.pos[0]);
    const message =
      open >= 0 ? `YAML syntax: this ${text[open]} is never closed` : e.code === 'DUPLICATE_KEY' ? 'YAML syntax: the same key appears twice in this mapping' : `YAML syntax: ${e.message.split('\n')[0]}`;
    return { source, problems: [{ path: [], message, file, line: pos.line, col: pos.col }] };
  }
  if (doc.contents === null) return { source, problems: [{ path: [], message: 'the file is empty: expected a scenario (a mapping with name, issues, parties, ...)', file, line: 1, col: 1 }] };
  return { source, problems: documentProblems(doc, lines, file) };
}

/** JSON files get JSON's own syntax errors, located from the parser's position. */
function jsonSyntaxProblem(file: string, text: string, at: (o: number) => { line: number; col: number }): Problem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const msg = (e as Error).message;
    const m = /at position (\d+)/.exec(msg);
    let offset = m ? Number(m[1]) : 0;
    // "Expected ',' after property value": the comma is missing at the end of the value, not at the next token.
    if (/^Expected ','/.test(msg)) while (offset > 0 && /\s/.test(text[offset - 1])) offset--;
    const pos = at(offset);
    return { path: [], message: `JSON syntax: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, file, line: pos.line, col: pos.col };
  }
}

/** The offset of the last { or [ before `end` that is still open there (outside quotes and comments), or -1. */
function unclosedBracket(text: string, end: number): number {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) while (i < end && text[i] !== '\n') i++;
    else if (c === '{' || c === '[') stack.push(i);
    else if ((c === '}' || c === ']') && stack.length) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : -1;
}

/** The deepest node on the path that exists, and whether the key itself was found. */
function deepestNode(doc: Document.Parsed, path: DocPath): { node: Node | null; exact: boolean; keyNode?: Node } {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(k));
      if (!pair) return { node: node as Node, exact: false };
      keyNode = isNode(pair.key) ? pair.key : undefined;
      next = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof k === 'number') {
      next = node.items[k];
      keyNode = undefined;
    }
    if (!isNode(next)) return { node: (node as Node) ?? null, exact: false };
    node = next;
  }
  return { node: (node as Node) ?? null, exact: true, keyNode };
}

/**
 * A number is quoted in messages as it was written when YAML could not hold
 * it: `1e400` and `.inf` (infinite), or a whole number past 2^53 (rounded).
 */
function asWritten(source: ScenarioSource, target: Node | null | undefined, message: string): string {
  if (!isScalar(target) || typeof target.value !== 'number' || !target.range) return message;
  const full = source.text.slice(target.range[0], target.range[1]).trim();
  const text = full.length > 40 ? `${full.slice(0, 20)}... (${full.length} characters)` : full;
  const shown = show(target.value);
  if (!message.includes(`got ${shown}`)) return message;
  if (!Number.isFinite(target.value)) return message.replace(`got ${shown}`, `got ${text} (${NOT_FINITE})`);
  const rounded = /^[-+]?\d+$/.test(full) && !Number.isSafeInteger(target.value) && BigInt(full) !== BigInt(target.value);
  return rounded ? message.replace(`got ${shown}`, `got ${text} (held as ${shown}: past 2^53 a number is not exact)`) : message;
}

/** Adds file, line and column (or the override that caused it) to a problem. */
export function locate(source: ScenarioSource, p: Problem): Problem {
  const dotted = p.path.join('.');
  const override = source.overrides.find((o) => dotted === o || dotted.startsWith(`${o}.`));
  if (override) return { ...p, file: source.file, override };
  if (p.line) return { ...p, file: p.file ?? source.file };
  const { node, exact, keyNode } = deepestNode(source.doc, p.path);
  // An unknown field is best pointed at by its key; anything else by its value.
  const target = (p.atKey || p.message.startsWith('unknown field')) && keyNode ? keyNode : node;
  const offset = target?.range?.[0];
  if (offset === undefined) return { ...p, file: source.file, line: 1, col: 1 };
  const pos = source.lines.linePos(offset);
  const quoted = isScalar(target) && (target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE');
  const extra = exact && p.offset !== undefined ? p.offset + (quoted ? 1 : 0) : 0;
  return { ...p, message: asWritten(source, target, p.message), file: source.file, line: pos.line, col: pos.col + extra };
}
