/** parley's library API: everything the CLI does, as typed functions. Re-exports only. */
export {
  assertBargaining, assertComparable, compareScenarios, compareScenariosAsync, isExpectedUtility, ledger, openScenario, openScenarioText, runExpectedUtility, runScenario, runScenarioAsync,
  sensitivity, sensitivityAsync, sweepScenario, type CompareOptions, type OpenScenario, type RunOptions, type SensitivityOptions, type Variant,
} from './api.js';
export { solveReport, type SolveReport } from './report/solve.js';
export type { CompareReport } from './report/compare.js';
export type { SweepReport } from './report/sweep.js';
export type { SensitivityReport } from './report/sensitivity.js';
export type { LedgerReport, LedgerRow, LedgerBasis, LedgerSource } from './report/ledger.js';
export { renderLedgerTable, renderLedgerMarkdown, renderLedgerCsv } from './report/ledgerFormat.js';
export { explainRun, type Transcript } from './montecarlo/explain.js';
export { simulate, simulateRange } from './montecarlo/simulate.js';
export { startPool, withPool, type JobOptions, type WorkerPool } from './montecarlo/pool.js';
export { simulateCompare, type CompareResult, type PairedDiffs } from './montecarlo/compare.js';
export type { Aggregate } from './montecarlo/aggregate.js';
export { compileModel } from './model/compile.js';
export type { Model } from './model/types.js';
export { drawRunParams, meanRunParams } from './model/runParams.js';
export { RunEngine, type RunHooks } from './engine/engine.js';
export { solveEquilibrium, type Equilibrium } from './solvers/equilibrium.js';
export { MECHANISMS } from './mechanisms/registry.js';
export { STRATEGIES } from './strategies/registry.js';
export { playMechanism } from './engine/mechanism.js';
export { renderReports, FORMATS, type Format } from './report/format.js';
export { renderTranscript } from './report/transcript.js';
export type { RunReport } from './report/summary.js';
export type { EuReport } from './report/expectedUtility.js';
export { expectedUtilityModel, playEu, playExpectedUtility, type EuModel, type EuRun } from './forecast/expected-utility/index.js';
export { simulateExpectedUtility, type EuAggregate } from './montecarlo/expectedUtility.js';
export { loadScenarioFile, loadScenarioText, type LoadedScenario } from './scenario/load.js';
export { formatProblem, type Problem, type Result } from './scenario/problems.js';
export { scenarioJsonSchema, scenarioSchema, type Scenario } from './scenario/schema.js';
export { VERSION } from './version.js';
export {
  renderPlot, renderHtml, renderSpec, renderChart, renderCharts, plotKind, runDoc, sensitivityDoc, sweepDoc, compareDoc, chartLabels,
  runCharts, tornadoChart, sweepCharts, compareCharts, type Chart, type PlotDoc, type ChartLabels,
} from './plot/index.js';
