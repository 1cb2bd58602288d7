/**
 * The building blocks beneath parley's public API, for tests, benchmarks and
 * the curious: reached as `internals` from the package (`import { internals }
 * from 'parley'`). Not a stable API: any of these may change without notice.
 */
export { assertBargaining, openFile, openText, reopen } from './model/open.js';
export { assertComparable } from './api/compare.js';
export { onPool, type JobOptions } from './montecarlo/pool.js';
export { loadScenarioFile, loadScenarioText, type LoadedScenario } from './scenario/load.js';
export type { Result } from './scenario/problems.js';
export { compileModel } from './model/compile.js';
export type { Model } from './model/types.js';
export { drawRunParams, meanRunParams } from './model/runParams.js';
export { termsOf, type Terms } from './model/terms.js';
export { simulate, simulateRange } from './montecarlo/simulate.js';
export { simulateCompare, type CompareResult, type PairedDiffs } from './montecarlo/compare.js';
export type { Aggregate } from './montecarlo/aggregate.js';
export { explainRun } from './api/explain.js';
export { recordRun, type RunRecording } from './montecarlo/explain.js';
export { solveModel, solveAtMean, type SolveResult } from './montecarlo/solve.js';
export { runRecords } from './montecarlo/runRecord.js';
export { RunEngine, playMechanism, type RunHooks } from './engine/engine.js';
export type { RunOutcome, RoundRecord, MechanismOutcome } from './core/outcome.js';
export { solveEquilibrium, type Equilibrium } from './solvers/equilibrium.js';
export { MECHANISMS } from './mechanisms/registry.js';
export { STRATEGIES } from './strategies/registry.js';
export { expectedUtilityModel, playEu, playExpectedUtility, type EuModel, type EuRun } from './forecast/expected-utility/index.js';
export { simulateExpectedUtility, type EuAggregate } from './montecarlo/expectedUtility.js';
export { buildRunReport } from './report/summary.js';
export { renderHtml, renderSpec, renderChart, renderCharts, plotKind, chartLabels, runCharts, tornadoChart, sweepCharts, compareCharts, type Chart, type ChartLabels } from './plot/index.js';
