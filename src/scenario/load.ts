import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { applyOverrides, parseOverride, type Override } from './overrides.js';
import type { Problem, Result } from './problems.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { semanticProblems } from './semantic.js';
import { locate, parseSource, type ScenarioSource } from './source.js';
import { wordIssues } from './words.js';

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
  const found: Problem[] = parsed.success ? semanticProblems(parsed.data) : wordIssues(parsed.error.issues);
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

/** Loads a scenario file; a file that cannot be read is a problem, not an exception. */
export function loadScenarioFile(file: string, sets: string[] = []): Result<LoadedScenario> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    return { ok: false, problems: [{ path: [], file, message: `cannot read the scenario: ${why}` }] };
  }
  return loadScenarioText(file, text, sets);
}
