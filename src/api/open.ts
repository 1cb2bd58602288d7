import { openFile, openText, reopen, valueOrThrow, type OpenScenario } from '../model/open.js';
import type { Overrides } from '../scenario/overrides.js';

/**
 * Loads, validates (schema, cross-field rules, expressions, feasible set) and
 * compiles a scenario file. `overrides` are `--set` strings or an object from
 * dotted paths to values; both are recorded in every output as `overrides`.
 * @throws InputError with every problem found (file:line:col, path, message).
 * @example
 * const s = openScenario('scenarios/default.yaml', { 'parties.russia.discount': 0.95 });
 * // the same as openScenario('scenarios/default.yaml', ['parties.russia.discount=0.95'])
 */
export function openScenario(file: string, overrides: Overrides = []): OpenScenario {
  return valueOrThrow(openFile(file, overrides), `${file}: invalid scenario`);
}

/**
 * `openScenario` from text (`file` only names it in messages).
 * @throws InputError with every problem found.
 */
export function openScenarioText(file: string, text: string, overrides: Overrides = []): OpenScenario {
  return valueOrThrow(openText(file, text, overrides), `${file}: invalid scenario`);
}

/**
 * The same scenario with more overrides, applied after its own.
 * @throws InputError with every problem found.
 * @example
 * const patient = withOverrides(s, { 'parties.russia.discount': 0.99 });
 */
export function withOverrides(open: OpenScenario, overrides: Overrides): OpenScenario {
  return valueOrThrow(reopen(open, overrides), `${open.loaded.source.file}: invalid overrides`);
}
