import type { DocPath, Problem } from './problems.js';
import { scenarioJsonSchema } from './schema.js';
import { didYouMean } from './suggest.js';

type SchemaNode = { properties?: Record<string, SchemaNode>; additionalProperties?: unknown; items?: unknown; prefixItems?: SchemaNode[]; anyOf?: SchemaNode[]; oneOf?: SchemaNode[]; allOf?: SchemaNode[] };

let root: SchemaNode | undefined;

/** A node and every branch of its unions. */
const branches = (n: SchemaNode): SchemaNode[] => [n, ...[...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])].flatMap(branches)];

function child(n: SchemaNode, k: string | number): SchemaNode[] {
  if (typeof k === 'number') return [n.prefixItems?.[k], n.items].filter((x): x is SchemaNode => !!x && typeof x === 'object');
  const named = n.properties && Object.hasOwn(n.properties, k) ? n.properties[k] : undefined;
  if (named) return [named];
  return n.additionalProperties && typeof n.additionalProperties === 'object' ? [n.additionalProperties as SchemaNode] : [];
}

/** The field names the format allows in the mapping at `path` (in any branch of a union), from the JSON Schema. */
export function fieldsAt(path: DocPath): string[] {
  root ??= scenarioJsonSchema() as SchemaNode;
  let nodes = [root];
  for (const k of path) nodes = nodes.flatMap(branches).flatMap((n) => child(n, k));
  return [...new Set(nodes.flatMap(branches).flatMap((n) => Object.keys(n.properties ?? {})))];
}

/**
 * Adds "did you mean" to each unknown field, from the fields allowed where it
 * stands; a field reported missing beside its own misspelling (`unifrom` for
 * `uniform`) is then not reported again.
 */
export function suggestFields(problems: Problem[]): Problem[] {
  const meant = new Set<string>();
  const out = problems.map((p) => {
    const m = /^unknown field "(.*)"$/.exec(p.message);
    if (!m) return p;
    const parent = p.path.slice(0, -1);
    const hint = didYouMean(m[1], fieldsAt(parent));
    if (hint) meant.add(JSON.stringify([...parent, /"(.*)"/.exec(hint)![1]]));
    return { ...p, message: `${p.message}${hint}` };
  });
  return out.filter((p) => !(meant.has(JSON.stringify(p.path)) && p.message.endsWith('it is missing')));
}
