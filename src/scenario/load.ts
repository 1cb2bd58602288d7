import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { count, howToRaise, limit } from './limits.js';
import { limitProblems } from './limitRules.js';
import { applyOverrides, parseOverride, type Override } from './overrides.js';
import type { Problem, Result } from './problems.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { semanticProblems } from './semantic.js';
import { locate, parseSource, type ScenarioSource } from './source.js';
import { wordIssues } from './words.js';
import { suggestFields } from './fieldNames.js';

/** A scenario that passed the schema and the cross-field rules, with where it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  source: ScenarioSource;
  /** sha256 of the file's bytes (overrides are reported separately). */
  sha256: string;
  overrides: Record<string, unknown>;
  /** The `--set` arguments as given (so a worker thread can load the same scenario). */
  sets: string[];
}

/** Loads a scenario from text: YAML or JSON, then `--set` overrides, schema and semantic checks. */
export function loadScenarioText(file: string, text: string, sets: string[] = []): Result<LoadedScenario> {
  const max = limit('fileBytes');
  // A character is at most 3 bytes of UTF-8 (4 for a pair of UTF-16 units): count the bytes only when it could matter.
  if (text.length * 3 > max && Buffer.byteLength(text) > max) return { ok: false, problems: [{ path: [], file, message: tooLarge(Buffer.byteLength(text), max) }] };
  const { source, problems } = parseSource(file, text);
  if (problems.length > 0) return { ok: false, problems };
  const overrides: Override[] = [];
  for (const s of sets) {
    const o = parseOverride(s);
    if ('message' in o) return { ok: false, problems: [{ ...o, file }] };
    overrides.push(o);
  }
  const setProblems = applyOverrides(source, overrides);
  if (setProblems.length > 0) return { ok: false, problems: setProblems };
  const parsed = scenarioSchema.safeParse(source.doc.toJS(), { reportInput: true });
  // The resource limits first: the cross-field rules and the compile do work in proportion to what they bound.
  const limited = parsed.success ? limitProblems(parsed.data) : [];
  const found: Problem[] = !parsed.success ? suggestFields(wordIssues(parsed.error.issues)) : limited.length > 0 ? limited : semanticProblems(parsed.data);
  if (!parsed.success || found.length > 0) return { ok: false, problems: found.map((p) => locate(source, p)) };
  return {
    ok: true,
    value: {
      scenario: parsed.data,
      source,
      sha256: createHash('sha256').update(text).digest('hex'),
      overrides: Object.fromEntries(overrides.map((o) => [o.path, o.value])),
      sets,
    },
  };
}

/** Loads a scenario file; a file that cannot be read, or is larger than the limit, is a problem, not an exception. */
export function loadScenarioFile(file: string, sets: string[] = []): Result<LoadedScenario> {
  const text = readScenario(file);
  if (typeof text !== 'string') return { ok: false, problems: [{ path: [], file, message: text.message }] };
  return loadScenarioText(file, text, sets);
}

const tooLarge = (bytes: number, max: number) =>
  `the file is ${count(bytes)} bytes, more than the limit of ${count(max)} (scenarios are a few kilobytes); ${howToRaise('fileBytes', bytes)}`;
const endless = (max: number) => `the input goes on past the limit of ${count(max)} bytes without ending (scenarios are a few kilobytes); ${howToRaise('fileBytes')}`;

/**
 * The file's text, read only if it is within the size limit (Limits.fileBytes): a regular file's
 * size is checked before reading it; anything else (a device such as /dev/zero, a pipe) is read up
 * to one byte past the limit and refused there, so nothing is read forever or held whole in memory.
 */
function readScenario(file: string): string | { message: string } {
  const max = limit('fileBytes');
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return { message: 'cannot read the scenario: is a directory' };
    if (st.isFile() && st.size > max) return { message: tooLarge(st.size, max) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 16, max + 1 - total));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > max) return { message: endless(max) };
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    return { message: `cannot read the scenario: ${why}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
