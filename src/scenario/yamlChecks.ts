import { isAlias, isCollection, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { DocPath, Problem } from './problems.js';

/**
 * What YAML allows and a scenario cannot hold, found on the parsed document
 * before it becomes JavaScript, each located: a `__proto__` key (JavaScript
 * would take it for the object's prototype), an alias with no anchor before
 * it, an alias inside the node its anchor names (a value that contains
 * itself), and aliases that expand past the yaml package's guard against
 * alias bombs ("billion laughs").
 */

/** The yaml package's `maxAliasCount` (its default, used when the document becomes JavaScript). */
export const MAX_ALIAS_COUNT = 100;

/** The key JavaScript reserves; refused wherever it appears. */
export const RESERVED_KEY = '__proto__';

/** The refusal of a `__proto__` key (in a file or a `--set` path). */
export const reservedKeyMessage = `"${RESERVED_KEY}" cannot be a key: JavaScript reserves it (an id is a letter, then letters, digits or _)`;

type Ancestors = readonly unknown[];

/** The document path of a node from its ancestors (a pair's key, a sequence's index). */
function pathOf(ancestors: Ancestors, node: unknown): DocPath {
  const out: DocPath = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    if (isPair(a) && chain[i + 1] === a.value) out.push(isScalar(a.key) ? String(a.key.value) : String(a.key));
    else if (isSeq(a)) out.push(a.items.indexOf(chain[i + 1] as never));
  }
  return out;
}

/** Every problem above, in document order (at most one per kind of alias problem, since the first one stops conversion). */
export function documentProblems(doc: Document.Parsed, lines: LineCounter, file: string): Problem[] {
  const out: Problem[] = [];
  const at = (node: Node | Pair['key'], path: DocPath, message: string) => {
    const offset = (node as Node | null)?.range?.[0] ?? 0;
    const { line, col } = lines.linePos(offset);
    out.push({ path, message, file, line, col });
  };
  const anchored: Node[] = [];
  // Replays the yaml package's count (Alias.resolve): an anchored node starts at 1 and each alias to it adds 1;
  // aliasCount is 1 for a node without aliases inside, else the largest count * aliasCount of those aliases.
  const counts = new Map<Node, { count: number; aliasCount: number }>();
  const aliasCount = (n: unknown): number => {
    if (isAlias(n)) {
      const d = counts.get(sourceOf(n) as Node);
      return d ? d.count * d.aliasCount : 0;
    }
    if (isCollection(n)) return Math.max(0, ...n.items.map(aliasCount));
    if (isPair(n)) return Math.max(aliasCount(n.key), aliasCount(n.value));
    return 1;
  };
  const sources = new Map<Node, Node | undefined>();
  const sourceOf = (alias: Node) => sources.get(alias);
  let aliasStop = false;
  let aliases = 0;
  visit(doc, {
    Pair: (_k, pair, ancestors) => {
      if (isScalar(pair.key) && pair.key.value === RESERVED_KEY) at(pair.key, [...pathOf(ancestors, pair), RESERVED_KEY], reservedKeyMessage);
    },
    Node: (_k, node, ancestors) => {
      if (!isAlias(node)) {
        if (node.anchor) anchored.push(node);
        return;
      }
      aliases += 1;
      if (aliasStop) return;
      const name = node.source;
      const source = [...anchored].reverse().find((n) => n.anchor === name);
      sources.set(node, source);
      const path = pathOf(ancestors, node);
      if (!source) {
        aliasStop = true;
        return at(node, path, `YAML: the alias *${name} has no anchor &${name} before it (an alias repeats a value marked &${name} earlier in the file)`);
      }
      if (ancestors.includes(source)) {
        aliasStop = true;
        return at(node, path, `YAML: the alias *${name} is inside the value &${name} marks, so that value would contain itself`);
      }
      const d = counts.get(source) ?? { count: 1, aliasCount: 0 };
      counts.set(source, d);
      d.count += 1;
      if (d.aliasCount === 0) d.aliasCount = aliasCount(source);
      if (d.count * d.aliasCount > MAX_ALIAS_COUNT) {
        aliasStop = true;
        at(node, path, `YAML: too many aliases: they would expand the document past the limit of ${MAX_ALIAS_COUNT} (uses of an anchor, multiplied when aliases nest), a guard against alias bombs; write the values out`);
      }
    },
  });
  if (aliases > 0 && !aliasStop) out.push(...conversionProblem(doc, file));
  return out;
}

/** A safety net behind the replay above: converting the document as loading will (same options) must not throw. */
function conversionProblem(doc: Document.Parsed, file: string): Problem[] {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return [];
  } catch (e) {
    return [{ path: [], message: `YAML: ${(e as Error).message.split('\n')[0].slice(0, 200)}`, file, line: 1, col: 1 }];
  }
}

/** Whether a value read from `--set` holds a `__proto__` key at any depth (an iterative walk). */
export function hasReservedKey(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, RESERVED_KEY)) return true;
    stack.push(...Object.values(v as object));
  }
  return false;
}
