/**
 * Mutations of a scenario file's text, one kind at a time (issue 19, item 6):
 * what an attacker or a careless user would write. Each takes the text and a
 * seeded generator and returns the mutant's text, or undefined when the kind
 * does not apply to this file (no numbers, no ids, not YAML...).
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Rand } from './random.js';

/** Every kind of mutation, in the order the fuzzer cycles through them. */
export const KINDS = [
  'delete-key',
  'swap-type',
  'extreme-huge',
  'extreme-tiny',
  'extreme-nan',
  'nan-expression',
  'rename-benign',
  'reserved-party',
  'reserved-issue',
  'reserved-option',
  'truncate',
  'alias-reuse',
  'alias-bomb',
  'alias-self',
  'alias-undefined',
  'long-expression',
  'deep-expression',
] as const;
export type Kind = (typeof KINDS)[number];

/** Kinds that rename an id consistently through the file: the run must equal the original's, renamed back (or be refused, exit 2). */
export const RENAMES: readonly Kind[] = ['rename-benign', 'reserved-party', 'reserved-issue', 'reserved-option'];

/** Names that are JavaScript's own on every object (and so hit `obj[id]` on a plain object). */
export const RESERVED = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

const HUGE = ['1e308', '-1e308', '1.7976931348623157e308', '1e400', '-1e400', '.inf', '-.inf', '123456789012345678901234567890', '9007199254740993', '1e22'];
const TINY = ['1e-320', '-1e-320', '5e-324', '-0', '0', '1e-300', '2.2250738585072014e-308'];
const NAN = ['.nan', '.NaN', '-.nan'];
const NAN_EXPRESSIONS = ['0/0', 'sqrt(-1)', 'log(0)', '-log(0)', 'x^1e308', '1e308 * 1e308', 'x / 0', '(x - x) / (x - x)', 'round(x, 1)', 'max(x, 0, 1, 2, 3)', 'nthRoot(-1, 2)', 'exp(1000)', '1e400', 'x ^ -1', 'log(x - 2)'];

/** One mutant: its text, and what was done (for a report). For renames, the id and the name it became. */
export interface Mutant {
  text: string;
  note: string;
  rename?: { from: string; to: string };
}

export function mutate(kind: Kind, text: string, r: Rand): Mutant | undefined {
  if (kind === 'truncate') {
    if (text.length < 2) return undefined;
    const at = 1 + r.int(text.length - 1);
    return { text: text.slice(0, at), note: `cut at character ${at} of ${text.length}` };
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  try {
    return mutateDocument(kind, doc, text, r);
  } catch {
    // A base text the yaml library parses but cannot write back (an alias to an anchor it never
    // saw, as in found/alias-undefined.yaml): no structural mutant of it; truncations still cover it.
    return undefined;
  }
}

function mutateDocument(kind: Kind, doc: Document, text: string, r: Rand): Mutant | undefined {
  switch (kind) {
    case 'delete-key':
      return deleteKey(doc, r);
    case 'swap-type':
      return swapType(doc, text, r);
    case 'extreme-huge':
      return replaceNumber(doc, text, r, HUGE);
    case 'extreme-tiny':
      return replaceNumber(doc, text, r, TINY);
    case 'extreme-nan':
      return replaceNumber(doc, text, r, NAN);
    case 'nan-expression':
      return replaceExpression(doc, text, r, () => r.pick(NAN_EXPRESSIONS));
    case 'rename-benign':
      return rename(doc, text, r, ['parties', 'issues'], () => `zz${r.int(1000)}_renamed`);
    case 'reserved-party':
      return rename(doc, text, r, ['parties'], () => r.pick(RESERVED));
    case 'reserved-issue':
      return rename(doc, text, r, ['issues'], () => r.pick(RESERVED));
    case 'reserved-option':
      return renameOption(doc, text, r);
    case 'alias-reuse':
      return aliasReuse(doc, r);
    case 'alias-bomb':
      return { text: `${bomb(3 + r.int(7))}\n${text}`, note: 'a billion-laughs alias chain added at the top' };
    case 'alias-self':
      return { text: `selfref: &loop [1, *loop]\n${text}`, note: 'a self-referencing alias' };
    case 'alias-undefined':
      return { text: text.replace(/^(description|title):.*$/m, '$1: *nowhere') + (/^(description|title):/m.test(text) ? '' : '\ndescription: *nowhere\n'), note: 'an alias to an undefined anchor' };
    case 'long-expression':
      return expression(doc, text, r, 'long');
    case 'deep-expression':
      return expression(doc, text, r, 'deep');
  }
}

/** Every node of the document with its path. */
function nodes(doc: Document): { node: Node; path: (string | number)[] }[] {
  const out: ReturnType<typeof nodes> = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node))
      for (const p of node.items) {
        const key = isScalar(p.key) ? String(p.key.value) : '?';
        if (p.value && typeof p.value === 'object') {
          out.push({ node: p.value as Node, path: [...path, key] });
          walk(p.value, [...path, key]);
        }
      }
    else if (isSeq(node))
      node.items.forEach((x, i) => {
        if (x && typeof x === 'object') {
          out.push({ node: x as Node, path: [...path, i] });
          walk(x, [...path, i]);
        }
      });
  };
  walk(doc.contents, []);
  return out;
}

const splice = (text: string, node: Node, by: string) => (node.range ? text.slice(0, node.range[0]) + by + text.slice(node.range[1]) : undefined);

function deleteKey(doc: Document, r: Rand): Mutant | undefined {
  const all: { map: YAMLMap; pair: Pair }[] = [];
  visit(doc, {
    Map: (_, map) => {
      for (const p of (map as YAMLMap).items) if (isPair(p)) all.push({ map: map as YAMLMap, pair: p as Pair });
    },
  });
  if (all.length === 0) return undefined;
  const { map, pair } = r.pick(all);
  map.items.splice(map.items.indexOf(pair), 1);
  return { text: String(doc), note: `deleted key "${isScalar(pair.key) ? pair.key.value : '?'}"` };
}

const OTHER_TYPES = ['"a string"', '7', '-3', 'true', 'null', '~', '[]', '{}', '[1, 2]', '{a: 1}', "''", '"1"', '[[[]]]'];

function swapType(doc: Document, text: string, r: Rand): Mutant | undefined {
  const candidates = nodes(doc).filter((n) => n.node.range);
  if (candidates.length === 0) return undefined;
  const { node, path } = r.pick(candidates);
  const by = r.pick(OTHER_TYPES);
  const out = splice(text, node, by);
  return out === undefined ? undefined : { text: out, note: `${path.join('.')} became ${by}` };
}

function replaceNumber(doc: Document, text: string, r: Rand, values: string[]): Mutant | undefined {
  const numbers = nodes(doc).filter((n) => isScalar(n.node) && typeof n.node.value === 'number');
  if (numbers.length === 0) return undefined;
  const { node, path } = r.pick(numbers);
  const by = r.pick(values);
  const out = splice(text, node, by);
  return out === undefined ? undefined : { text: out, note: `${path.join('.')} became ${by}` };
}

/** String scalars that are expressions: utilities, constraints, conditions, probabilities. */
const isExpression = (path: (string | number)[]) => path.some((k) => k === 'utility' || k === 'constraints' || k === 'when' || k === 'probability');

function replaceExpression(doc: Document, text: string, r: Rand, make: () => string): Mutant | undefined {
  const exprs = nodes(doc).filter((n) => isScalar(n.node) && typeof n.node.value === 'string' && isExpression(n.path));
  if (exprs.length === 0) return undefined;
  const { node, path } = r.pick(exprs);
  const by = make();
  const out = splice(text, node, JSON.stringify(by));
  return out === undefined ? undefined : { text: out, note: `${path.join('.')} became ${JSON.stringify(by)}` };
}

const idsUnder = (doc: Document, key: string): string[] => {
  const m = doc.get(key);
  return isMap(m) ? m.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter((k) => /^[A-Za-z][\w-]*$/.test(k)) : [];
};

/** Renames an id everywhere it appears as a word (keys, references, expressions, provenance paths). */
function renameEverywhere(text: string, from: string, to: string): string {
  const re = new RegExp(`(?<![\\w-])${from.replace(/[-]/g, '\\-')}(?![\\w-])`, 'g');
  return text.replace(re, to);
}

function rename(doc: Document, text: string, r: Rand, where: string[], name: () => string): Mutant | undefined {
  const ids = where.flatMap((w) => idsUnder(doc, w));
  if (ids.length === 0) return undefined;
  const from = r.pick(ids);
  const to = name();
  if (new RegExp(`(?<![\\w-])${to}(?![\\w-])`).test(text)) return undefined;
  return { text: renameEverywhere(text, from, to), note: `id "${from}" renamed "${to}" throughout`, rename: { from, to } };
}

function renameOption(doc: Document, text: string, r: Rand): Mutant | undefined {
  const issues = doc.get('issues');
  if (!isMap(issues)) return undefined;
  const options = issues.items.flatMap((p) => {
    const o = isMap(p.value) ? p.value.get('options') : undefined;
    return isSeq(o) ? o.items.map((x) => (isScalar(x) ? String(x.value) : '')).filter((x) => /^[A-Za-z][\w-]*$/.test(x)) : [];
  });
  if (options.length === 0) return undefined;
  const from = r.pick(options);
  const to = r.pick(RESERVED);
  // An option name shared with a party or issue id would rename that too: skip those.
  if ([...idsUnder(doc, 'parties'), ...idsUnder(doc, 'issues')].includes(from) || new RegExp(`(?<![\\w-])${to}(?![\\w-])`).test(text)) return undefined;
  return { text: renameEverywhere(text, from, to), note: `option "${from}" renamed "${to}" throughout`, rename: { from, to } };
}

/** The first party's weights given an anchor, and a second party's weights made an alias of it (valid YAML, same meaning when the weights were equal). */
function aliasReuse(doc: Document, r: Rand): Mutant | undefined {
  const parties = doc.get('parties');
  if (!isMap(parties) || parties.items.length < 2) return undefined;
  const key = r.pick(['weights', 'ideal', 'discount', 'reservation']);
  const [a, b] = [parties.items[0].value, parties.items[1 + r.int(parties.items.length - 1)].value];
  if (!isMap(a) || !isMap(b)) return undefined;
  const target = a.get(key, true);
  if (!target || !b.has(key)) return undefined;
  (target as Node).anchor = 'shared';
  b.set(key, doc.createAlias(target as Node, 'shared'));
  return { text: String(doc), note: `a second party's ${key} is an alias of the first's` };
}

/** A billion-laughs chain of `depth` levels of nine aliases each (9^depth strings when expanded). */
function bomb(depth: number): string {
  const lines = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < depth; i++) lines.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

/** A constraint that always holds, written as a long sum or a deep nest over a numeric issue. */
function expression(doc: Document, text: string, r: Rand, shape: 'long' | 'deep'): Mutant | undefined {
  const issues = doc.get('issues');
  if (!isMap(issues)) return undefined;
  const numeric = issues.items.filter((p) => isMap(p.value) && p.value.has('range')).map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  if (numeric.length === 0) return undefined;
  const x = r.pick(numeric);
  const n = r.pick([50, 200, 800, 1500, 3000, 6000]);
  const expr = shape === 'long' ? `(${Array(n).fill(x).join(' + ')}) / ${n} >= -1` : `${'('.repeat(n)}${x}${')'.repeat(n)} >= -1`;
  const constraints = doc.get('constraints');
  if (isSeq(constraints)) constraints.add(expr);
  else doc.set('constraints', [expr]);
  return { text: String(doc), note: `a constraint of ${n} ${shape === 'long' ? 'terms' : 'nested parentheses'} over ${x}` };
}
