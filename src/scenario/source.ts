import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { DocPath, Problem } from './problems.js';

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

/** Parses YAML (JSON is YAML too); syntax errors come back as located problems. */
export function parseSource(file: string, text: string): { source: ScenarioSource; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { path: [], message: `YAML syntax: ${e.message.split('\n')[0]}`, file, line: pos.line, col: pos.col };
  });
  return { source: { file, text, doc, lines, overrides: [] }, problems };
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

/** Adds file, line and column (or the override that caused it) to a problem. */
export function locate(source: ScenarioSource, p: Problem): Problem {
  const dotted = p.path.join('.');
  const override = source.overrides.find((o) => dotted === o || dotted.startsWith(`${o}.`));
  if (override) return { ...p, file: source.file, override };
  if (p.line) return { ...p, file: p.file ?? source.file };
  const { node, exact, keyNode } = deepestNode(source.doc, p.path);
  // An unknown field is best pointed at by its key; anything else by its value.
  const target = p.message.startsWith('unknown field') && keyNode ? keyNode : node;
  const offset = target?.range?.[0];
  if (offset === undefined) return { ...p, file: source.file, line: 1, col: 1 };
  const pos = source.lines.linePos(offset);
  const quoted = isScalar(target) && (target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE');
  const extra = exact && p.offset !== undefined ? p.offset + (quoted ? 1 : 0) : 0;
  return { ...p, file: source.file, line: pos.line, col: pos.col + extra };
}
