import { describe, expect, it } from 'vitest';
import {
  compareScenarios, explainScenario, InputError, openScenario, resolveSeed, runOuter, runScenario, sensitivity, solveReport, sweepScenario, withOverrides,
} from '../src/index.js';

// The public API's conventions (src/index.ts header): one error class for bad input, overrides
// as strings or as an object, the seed defaulting to the scenario's. Expected values are the
// string form's own results (the CLI's `--set`, pinned by the golden files).

const DEFAULT = 'scenarios/default.yaml';
const FORECAST = 'scenarios/forecasts/territory-positions.yaml';

describe('overrides as an object', () => {
  it('give the same scenario, report and recorded overrides as the same --set strings', () => {
    const viaStrings = openScenario(DEFAULT, ['parties.russia.discount=0.95', 'parties.russia.reservation={uniform: [0.5, 0.7]}', 'mechanism.proposers.ukraine=0.6']);
    const viaObject = openScenario(DEFAULT, { 'parties.russia.discount': 0.95, 'parties.russia.reservation': { uniform: [0.5, 0.7] }, 'mechanism.proposers.ukraine': 0.6 });
    expect(viaObject.loaded.overrides).toEqual({ 'parties.russia.discount': 0.95, 'parties.russia.reservation': { uniform: [0.5, 0.7] }, 'mechanism.proposers.ukraine': 0.6 });
    expect(viaObject.loaded.overrides).toEqual(viaStrings.loaded.overrides);
    expect(runScenario(viaObject, { runs: 200, seed: 1 })).toEqual(runScenario(viaStrings, { runs: 200, seed: 1 }));
  });

  it('a string value stays a string (an option name), and withOverrides adds to the scenario\'s own', () => {
    const base = openScenario(DEFAULT, { 'parties.russia.discount': 0.95 });
    const more = withOverrides(base, { name: 'renamed' });
    expect(more.loaded.overrides).toEqual({ 'parties.russia.discount': 0.95, name: 'renamed' });
    expect(more.model.scenario.name).toBe('renamed');
  });

  it('a value JSON cannot hold is a problem at its path, not a silent null', () => {
    const e = catchError(() => openScenario(DEFAULT, { 'parties.russia.discount': Number.NaN }));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problems).toMatchObject([{ override: 'parties.russia.discount', path: ['parties', 'russia', 'discount'] }]);
  });
});

describe('bad input throws one InputError, carrying every problem', () => {
  it('an invalid scenario: the problems with file and line', () => {
    const e = catchError(() => openScenario(DEFAULT, ['parties.russia.discount=2', 'parties.us.power=-1']));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problems.length).toBe(2);
    expect(catchError(() => openScenario('scenarios/no-such-file.yaml'))).toBeInstanceOf(InputError);
  });

  it('a forecast scenario given to a bargaining analysis', async () => {
    const eu = openScenario(FORECAST);
    const calls: [string, () => unknown][] = [
      ['runScenario', () => runScenario(eu)],
      ['runOuter', () => runOuter(eu, { outer: 2 })],
      ['compareScenarios', () => compareScenarios([{ label: 'a', open: eu }, { label: 'b', open: eu }])],
      ['sensitivity', () => sensitivity(eu)],
      ['solveReport', () => solveReport(eu)],
      ['explainScenario', () => explainScenario(eu, 0)],
    ];
    for (const [name, call] of calls) expect(catchError(call), name).toBeInstanceOf(InputError);
    await expect(sweepScenario(eu, [{ path: 'parties.us.power', values: [0.1] }])).rejects.toBeInstanceOf(InputError);
  });

  it('a sweep point that does not validate, before anything runs', async () => {
    const s = openScenario(DEFAULT);
    await expect(sweepScenario(s, [{ path: 'parties.us.power', values: [0.2, -1] }], { runs: 10 })).rejects.toMatchObject({ message: 'invalid sweep point', problems: [{ override: 'parties.us.power' }] });
  });
});

describe('the seed', () => {
  it("defaults to the scenario's own seed, and every report says which it used", () => {
    const s = openScenario(DEFAULT);
    expect(resolveSeed(s.model)).toBe(s.model.scenario.seed);
    expect(resolveSeed(s.model, 7)).toBe(7);
    expect(runScenario(s, { runs: 50 }).seed).toBe(s.model.scenario.seed);
    expect(runScenario(s, { runs: 50 })).toEqual(runScenario(s, { runs: 50, seed: s.model.scenario.seed }));
    expect(explainScenario(s, 3).seed).toBe(s.model.scenario.seed);
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
