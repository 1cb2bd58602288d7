/**
 * The library's facade: everything the CLI does, as typed functions. It
 * re-exports the entry points from api/ (each composes the layers below:
 * open, simulate, build the report) and computes nothing itself; nothing
 * below it imports it. `src/index.ts` is the public surface.
 */
export { openScenario, openScenarioText, withOverrides } from './api/open.js';
export { runExpectedUtility, runScenario, runScenarioAsync, type RunOptions } from './api/run.js';
export { runOuter } from './api/outer.js';
export { sweepScenario } from './api/sweep.js';
export { assertComparable, compareScenarios, compareScenariosAsync, type CompareOptions, type Variant } from './api/compare.js';
export { sensitivity, sensitivityAsync, type SensitivityOptions } from './api/sensitivity.js';
export { solveReport } from './api/solve.js';
export { ledger } from './api/ledger.js';
export { explainScenario } from './api/explain.js';
export { assertBargaining, isExpectedUtility, type OpenScenario } from './model/open.js';
export { resolveRuns, resolveSeed } from './model/defaults.js';
export { onPool, startPool, withPool, type WorkerPool } from './montecarlo/pool.js';
export { InputError, type Problem } from './scenario/problems.js';
export type { Overrides } from './scenario/overrides.js';
