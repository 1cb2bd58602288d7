import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { InputError, openScenarioText, type OpenScenario } from '../src/api.js';
import { formatProblem } from '../src/scenario/problems.js';

/** Opens a scenario from YAML text, failing the test with the problems if it is invalid. */
export function scenario(yaml: string, sets: string[] = []): OpenScenario {
  try {
    return openScenarioText('inline.yaml', yaml, sets);
  } catch (e) {
    if (e instanceof InputError) throw new Error(e.problems.map(formatProblem).join('\n'));
    throw e;
  }
}

/** The problems an InputError thrown by `f` carries, as `file:line:col path: message` lines; [] when `f` does not throw. */
export function problemsOf(f: () => unknown): string[] {
  try {
    f();
    return [];
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
}

/**
 * Rubinstein (1982), "Perfect equilibrium in a bargaining model", Econometrica 50(1): two parties
 * split one unit (party a's share), linear utilities, nothing while disagreeing, a proposes first.
 */
export const rubinsteinSplit = (d1: number, d2: number, rounds = 24) => `
name: rubinstein
rounds: ${rounds}
issues:
  share: {range: [0, 1], description: "party a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: ${d1}, veto: true, reservation: 0}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: ${d2}, veto: true, reservation: 0}
mechanism: {order: [a, b]}
`;

/**
 * Runs an ES module body in a fresh node process on the built library (`npm test` builds first),
 * with `api` bound to dist/index.js, `json` to a JSON.stringify that writes typed arrays as lists,
 * and `openUndrawable` from tests/fixtures/undrawable.mjs. Returns the process's result and its
 * stdout's lines; `error` is set when the process did not end by itself within two minutes.
 */
export function runOnLibrary(body: string) {
  const code = `
    const api = await import(${JSON.stringify(`${process.cwd()}/dist/index.js`)});
    const { openUndrawable } = await import(${JSON.stringify(`${process.cwd()}/tests/fixtures/undrawable.mjs`)});
    const json = (a) => JSON.stringify(a, (k, v) => (ArrayBuffer.isView(v) ? [...v] : v));
    ${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 120_000 });
  return { ...r, lines: r.stdout.trim().split('\n') };
}

/**
 * A proposer's problem in a run of a four-party scenario, for fast-check: a run index up to
 * `maxRun`, the proposer j, and the parties' continuation values (below what most offers give).
 */
export const proposerProblem = (maxRun: number) =>
  [fc.integer({ min: 0, max: maxRun }), fc.integer({ min: 0, max: 3 }), fc.array(fc.double({ min: 0, max: 0.7, noNaN: true }), { minLength: 4, maxLength: 4 })] as const;
