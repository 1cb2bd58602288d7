import { parse as parseYaml } from 'yaml';
import type { Problem } from './problems.js';
import type { ScenarioSource } from './source.js';

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
    return { path: [], message: `--set expects path=value (e.g. parties.russia.discount=0.95), got ${JSON.stringify(text)}` };
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    return { path: path.split('.'), override: path, message: `the value ${JSON.stringify(raw)} is not valid YAML (${why})` };
  }
  return { path, value: value === null && raw.trim() === '' ? '' : value };
}

const segments = (path: string) => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** Applies overrides to the parsed document, in order; later ones win. */
export function applyOverrides(source: ScenarioSource, overrides: Override[]): Problem[] {
  const problems: Problem[] = [];
  for (const o of overrides) {
    try {
      source.doc.setIn(segments(o.path), source.doc.createNode(o.value));
      source.overrides.push(o.path);
    } catch (e) {
      problems.push({ path: segments(o.path), override: o.path, file: source.file, message: `cannot set this path: ${(e as Error).message}` });
    }
  }
  return problems;
}
