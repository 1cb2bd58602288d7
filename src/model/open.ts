import { compileModel } from './compile.js';
import type { Model } from './types.js';
import { loadScenarioFile, loadScenarioText, type LoadedScenario } from '../scenario/load.js';
import { overrideSets, type Overrides } from '../scenario/overrides.js';
import { InputError, type Result } from '../scenario/problems.js';
import { locate } from '../scenario/source.js';

/** A scenario loaded, validated and compiled: ready to run. */
export interface OpenScenario {
  loaded: LoadedScenario;
  model: Model;
}

function compile(loaded: Result<LoadedScenario>): Result<OpenScenario> {
  if (!loaded.ok) return loaded;
  const model = compileModel(loaded.value.scenario);
  if (!model.ok) return { ok: false, problems: model.problems.map((p) => locate(loaded.value.source, p)) };
  return { ok: true, value: { loaded: loaded.value, model: model.value } };
}

/** Loads, validates (schema, cross-field rules, expressions, feasible set) and compiles a scenario file: every problem, or the scenario. */
export function openFile(file: string, overrides: Overrides = []): Result<OpenScenario> {
  const { sets, problems } = overrideSets(overrides, file);
  return problems.length > 0 ? { ok: false, problems } : compile(loadScenarioFile(file, sets));
}

/** The same from text (`file` only names it in messages). */
export function openText(file: string, text: string, overrides: Overrides = []): Result<OpenScenario> {
  const { sets, problems } = overrideSets(overrides, file);
  return problems.length > 0 ? { ok: false, problems } : compile(loadScenarioText(file, text, sets));
}

/** The same scenario with more overrides, applied after its own. */
export function reopen(open: OpenScenario, overrides: Overrides): Result<OpenScenario> {
  const { sets, problems } = overrideSets(overrides, open.loaded.source.file);
  if (problems.length > 0) return { ok: false, problems };
  const { file, text } = open.loaded.source;
  return openText(file, text, [...open.loaded.sets, ...sets]);
}

/** The value of a result, or its problems thrown as one InputError (`message` names what was being opened). */
export function valueOrThrow<T>(r: Result<T>, message: string): T {
  if (!r.ok) throw new InputError(message, r.problems);
  return r.value;
}

/** Whether the scenario uses the expected-utility model, which forecasts positions rather than bargains. */
export const isExpectedUtility = (open: OpenScenario): boolean => open.model.scenario.mechanism.kind === 'expected-utility';

/**
 * Throws an InputError when the scenario's mechanism yields no agreements:
 * the expected-utility model forecasts positions, and only `run` reports it.
 */
export function assertBargaining(open: OpenScenario, what: string): void {
  const kind = open.model.scenario.mechanism.kind;
  if (kind === 'expected-utility')
    throw new InputError(
      `${what} works on bargaining scenarios (agreement rates, deal terms); ${open.loaded.source.file} uses mechanism ${kind}, which forecasts where positions move: use \`parley run\` (runExpectedUtility) on it`,
    );
}
