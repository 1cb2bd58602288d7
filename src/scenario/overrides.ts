import { isMap, isScalar, isSeq, parse as parseYaml } from 'yaml';
import { show, type Problem } from './problems.js';
import type { ScenarioSource } from './source.js';
import { unknownName } from './suggest.js';
import { hasReservedKey, RESERVED_KEY, reservedKeyMessage } from './yamlChecks.js';

/** One `--set path=value`: the value is read as YAML, so numbers, lists and distributions all work. */
export interface Override {
  path: string;
  value: unknown;
}

/** Splits `parties.russia.discount={uniform: [0.9, 0.95]}` into path and value. */
export function parseOverride(text: string): Override | Problem {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || path === '' || path.split('.').some((s) => s === ''))
    return { path: [], message: `--set expects path=value (e.g. parties.russia.discount=0.95), got ${show(text)}` };
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    return { path: path.split('.'), override: path, message: `the value ${show(raw)} is not valid YAML (${why})` };
  }
  return { path, value: value === null && raw.trim() === '' ? '' : value };
}

const segments = (path: string) => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const KINDS = { parties: 'party', issues: 'issue' } as const;

/**
 * Why `--set` may not write at this path, or null: an override changes the
 * model, it never adds a party or an issue (`parties.usa.power` with no party
 * usa is a misspelling), nor an item past the end of a list (an issue's options).
 */
function addsName(source: ScenarioSource, path: (string | number)[]): string | null {
  const top = path[0];
  if ((top === 'parties' || top === 'issues') && path.length >= 2) {
    const names = source.doc.get(top);
    const known = isMap(names) ? names.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)) : [];
    if (!known.includes(String(path[1])))
      return `--set changes the scenario's fields and does not add a ${KINDS[top]} (write a new one in the file): ${unknownName(KINDS[top], String(path[1]), known)}`;
  }
  for (let k = 1; k < path.length; k++) {
    const index = path[k];
    if (typeof index !== 'number') continue;
    const list = source.doc.getIn(path.slice(0, k));
    if (isSeq(list) && index >= list.items.length)
      return `the list ${path.slice(0, k).join('.')} has ${list.items.length} items (0 to ${list.items.length - 1}): --set changes an item; it does not add one (write the list whole, e.g. ${path.slice(0, k).join('.')}=[a, b, c])`;
  }
  return null;
}

/** Applies overrides to the parsed document, in order; later ones win. */
export function applyOverrides(source: ScenarioSource, overrides: Override[]): Problem[] {
  const problems: Problem[] = [];
  for (const o of overrides) {
    const path = segments(o.path);
    if (path.includes(RESERVED_KEY) || hasReservedKey(o.value)) {
      problems.push({ path, override: o.path, file: source.file, message: reservedKeyMessage });
      continue;
    }
    const adds = addsName(source, path);
    if (adds) {
      problems.push({ path, override: o.path, file: source.file, message: adds });
      continue;
    }
    try {
      // No aliases in what --set adds: a value is written out in full (YAML has already bounded its size).
      source.doc.setIn(path, source.doc.createNode(o.value, { aliasDuplicateObjects: false }));
      source.overrides.push(o.path);
    } catch (e) {
      problems.push({ path: segments(o.path), override: o.path, file: source.file, message: `cannot set this path: ${(e as Error).message}` });
    }
  }
  return problems;
}

/**
 * Overrides as the library takes them: `--set` strings
 * (`['parties.russia.discount=0.95']`, each value read as YAML), or an object
 * from dotted paths to values (`{'parties.russia.discount': 0.95}`, each value
 * taken as it is). Both record the same `overrides` in every output.
 */
export type Overrides = readonly string[] | Readonly<Record<string, unknown>>;

/** Whether a value survives JSON (finite numbers, strings, booleans, null, arrays and plain objects of them). */
function isJsonValue(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonValue);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(isJsonValue);
  return false;
}

/**
 * Overrides as `--set` strings: strings as given; an object's entries as
 * `path=<the value as JSON>` (JSON is YAML, so each reads back as the same
 * value). A value JSON cannot hold (NaN, undefined, a function) is a problem.
 */
export function overrideSets(overrides: Overrides = [], file?: string): { sets: string[]; problems: Problem[] } {
  if (Array.isArray(overrides)) return { sets: [...(overrides as readonly string[])], problems: [] };
  const sets: string[] = [];
  const problems: Problem[] = [];
  for (const [path, value] of Object.entries(overrides)) {
    if (path.includes('=')) problems.push({ path: [], file, message: `an override's path cannot contain "=", got ${JSON.stringify(path)}` });
    else if (isJsonValue(value)) sets.push(`${path}=${JSON.stringify(value)}`);
    else problems.push({ path: segments(path), override: path, file, message: `an override's value must be a number, string, boolean, null, list or mapping, got ${String(value)}` });
  }
  return { sets, problems };
}
