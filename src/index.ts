/**
 * parley's library: everything the CLI does, as typed functions. Re-exports only.
 *
 * **The public API** is what this module exports by name: open a scenario,
 * run it (or compare, sweep, sensitivity, explain, solve, ledger), and render
 * the report. Each report is plain data (the CLI's `-f json` output is
 * `JSON.stringify` of it).
 *
 * **Bad input** (an invalid scenario or override, a forecast scenario given
 * to a bargaining analysis, variants that cannot be paired) throws one error
 * class, `InputError`: its `problems` lists every problem found, as data —
 * `{path, message, file, line, col}`, worded by `formatProblem` — or is empty
 * when its `message` says all. Anything else thrown is a bug. The CLI prints
 * the problems and exits with code 2.
 *
 * **Overrides** (the CLI's `--set`) are either strings, `['parties.russia.discount=0.95']`
 * (each value read as YAML), or an object from dotted paths to values,
 * `{'parties.russia.discount': 0.95}`; both record the same `overrides` in
 * every report.
 *
 * **Seeds**: every function taking `seed` defaults to the scenario's own
 * `seed` (`resolveSeed`), and every report carries the seed it used.
 *
 * **`internals`** holds the building blocks beneath (the model compiler, the
 * simulation loop, solvers, chart specs), for tests and benchmarks: they may
 * change without notice.
 *
 * @example
 * import { openScenario, runScenario, renderReports, InputError, formatProblem } from 'parley';
 * try {
 *   const s = openScenario('scenarios/default.yaml', { 'parties.russia.discount': 0.95 });
 *   console.log(renderReports([runScenario(s, { runs: 1000, seed: 1 })], 'table'));
 * } catch (e) {
 *   if (e instanceof InputError) console.error(e.problems.map(formatProblem).join('\n'));
 *   else throw e;
 * }
 * @packageDocumentation
 */

// Opening a scenario
export { openScenario, openScenarioText, withOverrides } from './api/open.js';
export type { OpenScenario } from './model/open.js';
export { isExpectedUtility } from './model/open.js';
export type { Overrides } from './scenario/overrides.js';
export { resolveRuns, resolveSeed } from './model/defaults.js';
export { InputError, formatProblem, type Problem } from './scenario/problems.js';

// Running and analysing
export { runScenario, runScenarioAsync, runExpectedUtility, type RunOptions } from './api/run.js';
export { runOuter } from './api/outer.js';
export { compareScenarios, compareScenariosAsync, type CompareOptions, type Variant } from './api/compare.js';
export { sweepScenario } from './api/sweep.js';
export type { SweepParam } from './montecarlo/grid.js';
export { sensitivity, sensitivityAsync, type SensitivityOptions } from './api/sensitivity.js';
export { explainScenario } from './api/explain.js';
export { solveReport } from './api/solve.js';
export { ledger } from './api/ledger.js';
export { startPool, withPool, type WorkerPool } from './montecarlo/pool.js';

// The reports (plain data)
export type { RunReport, Spread } from './report/summary.js';
export type { EuReport } from './report/expectedUtility.js';
export type { CompareReport, Delta } from './report/compare.js';
export type { SweepReport } from './report/sweep.js';
export type { SensitivityReport } from './report/sensitivity.js';
export type { SolveReport } from './report/solve.js';
export type { LedgerReport, LedgerRow, LedgerBasis, LedgerSource } from './report/ledger.js';
export type { Transcript } from './report/transcriptOf.js';

// Rendering: what the CLI prints (-f table|json|csv|md) and draws (--plot)
export { renderReports, FORMATS, type Format } from './report/format.js';
export { renderCompareTable, renderCompareMarkdown, renderCompareCsv } from './report/compare.js';
export { renderSweepTable, renderSweepMarkdown, renderSweepCsv } from './report/sweep.js';
export { renderSensitivityTable, renderSensitivityMarkdown, renderSensitivityCsv } from './report/sensitivity.js';
export { renderSolveTable, renderSolveMarkdown, renderSolveCsv } from './report/solve.js';
export { renderLedgerTable, renderLedgerMarkdown, renderLedgerCsv } from './report/ledgerFormat.js';
export { renderTranscript } from './report/transcript.js';
export { renderTranscriptCsv, renderTranscriptMarkdown } from './report/transcriptFormats.js';
export { renderPlot, runDoc, sensitivityDoc, sweepDoc, compareDoc, type PlotDoc } from './plot/index.js';

// The scenario format
export { scenarioJsonSchema, scenarioSchema, type Scenario } from './scenario/schema.js';
export { VERSION } from './version.js';

// Everything else: building blocks, not a stable API.
export * as internals from './internals.js';
