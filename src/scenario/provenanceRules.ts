import type { DocPath, Problem } from './problems.js';
import { claimText, type Scenario } from './schema.js';

/**
 * Provenance rules: source dates that make sense, and a `provenance` block
 * whose paths exist, whose sources exist and whose claims are the sources'
 * own claims, verbatim (a paraphrase would let a claim drift from its report).
 */
export function provenanceProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const say = (path: DocPath, message: string, atKey = false) => out.push({ path, message, ...(atKey ? { atKey } : {}) });

  const byId = new Map<string, Scenario['sources'][number]>();
  s.sources.forEach((src, i) => {
    if (src.id !== undefined) {
      if (byId.has(src.id)) say(['sources', i, 'id'], `source id "${src.id}" is used twice`);
      else byId.set(src.id, src);
    }
    const ev = src.events;
    if (Array.isArray(ev) && ev[0] !== 'unknown' && ev[1] !== 'unknown' && ev[0] > ev[1])
      say(['sources', i, 'events'], `expected [from, to] with from <= to, got [${ev[0]}, ${ev[1]}]`);
    const from = Array.isArray(ev) ? ev[0] : ev;
    // A report cannot report events that began after it was published (a plan is reported when it is made).
    if (from !== undefined && from !== 'unknown' && src.date !== undefined && src.date !== 'unknown' && from > src.date)
      say(['sources', i, 'events'], `the events start (${from}) after the publication date (${src.date})`);
  });

  const ids = [...byId.keys()];
  for (const [key, entry] of Object.entries(s.provenance)) {
    const pathProblem = missingPath(s, key);
    if (pathProblem) say(['provenance', key], pathProblem, true);
    const list = Array.isArray(entry) ? entry : [entry];
    list.forEach((b, i) => {
      if (!('source' in b)) return;
      const at: DocPath = Array.isArray(entry) ? ['provenance', key, i] : ['provenance', key];
      const src = byId.get(b.source);
      if (!src) return say([...at, 'source'], `unknown source "${b.source}" (${ids.length ? `sources with an id: ${ids.join(', ')}` : 'no source has an id'})`);
      if (!src.claims.some((c) => claimText(c) === b.claim)) {
        const listed = src.claims.length ? `its claims are: ${src.claims.map((c) => JSON.stringify(claimText(c))).join('; ')}` : 'it lists no claims';
        say([...at, 'claim'], `not one of source "${b.source}"'s claims, verbatim (${listed})`);
      }
    });
  }
  return out;
}

/** Splits a dotted path as `--set` does: numeric segments index lists. */
export const pathSegments = (path: string): (string | number)[] => path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));

/** Why a dotted path names no field of the scenario (with its defaults), or null when it does. */
export function missingPath(s: Scenario, path: string): string | null {
  if (path.split('.').some((x) => x === '')) return `"${path}" is not a dotted path (e.g. parties.russia.reservation)`;
  let node: unknown = s;
  let where = '(the document)';
  for (const seg of pathSegments(path)) {
    if (Array.isArray(node)) {
      if (typeof seg !== 'number' || seg >= node.length) return `no field "${path}": ${where} is a list of ${node.length} (use an index 0 to ${node.length - 1})`;
      node = node[seg];
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      if (!keys.includes(String(seg))) return `no field "${path}": ${where} has no "${seg}" (it has: ${keys.join(', ')})`;
      node = (node as Record<string, unknown>)[String(seg)];
    } else return `no field "${path}": ${where} is a value, not a mapping`;
    where = where === '(the document)' ? String(seg) : `${where}.${seg}`;
  }
  return null;
}
