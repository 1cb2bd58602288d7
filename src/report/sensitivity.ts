import { drawTable, fitText } from './table.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { SensitivityTarget } from '../montecarlo/sensitivity.js';
import type { Model } from '../model/types.js';
import { mean, type Histogram } from '../stats/histogram.js';
import { VERSION } from '../version.js';

/** Agreement rate and each issue's mean term (options: mean position, 0 = first option) in one run set. */
export interface Outcome {
  agreementRate: number;
  terms: Record<string, number | null>;
}

/** `parley sensitivity`: which parameters move the outcome most (a tornado ranking). */
export interface SensitivityReport {
  parley: string;
  scenario: { name: string; file: string; sha256: string; overrides: Record<string, unknown> };
  seed: number;
  runs: number;
  baseline: Outcome;
  /** Sorted by swing, largest first; a parameter with no effect comes last. */
  rows: (SensitivityTarget & { atLow: Outcome; atHigh: Outcome; swing: number })[];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function outcomeOf(model: Model, agg: Aggregate): Outcome {
  const terms: Record<string, number | null> = {};
  model.issues.forEach((issue, k) => {
    const t = agg.terms[k];
    if (agg.agreements === 0) terms[issue.id] = null;
    else if (t instanceof Float64Array) terms[issue.id] = r6(t.reduce((s, c, i) => s + c * i, 0) / agg.agreements);
    else terms[issue.id] = r6(mean(t as Histogram));
  });
  return { agreementRate: r6(agg.agreements / agg.runs), terms };
}

export function buildSensitivityReport(
  base: { model: Model; file: string; sha256: string; overrides: Record<string, unknown> },
  seed: number,
  runs: number,
  baseline: Outcome,
  results: { target: SensitivityTarget; atLow: Outcome; atHigh: Outcome }[],
): SensitivityReport {
  const rows = results
    .map((r) => ({ ...r.target, low: r6(r.target.low), high: r6(r.target.high), atLow: r.atLow, atHigh: r.atHigh, swing: r6(Math.abs(r.atHigh.agreementRate - r.atLow.agreementRate)) }))
    // Ties (e.g. no effect) keep document order, so the ranking is stable.
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.swing - a.r.swing || a.i - b.i)
    .map(({ r }) => r);
  return { parley: VERSION, scenario: { name: base.model.scenario.name, file: base.file, sha256: base.sha256, overrides: base.overrides }, seed, runs, baseline, rows };
}

const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));

/** The ranking as rows (shared by the table and Markdown renderings). */
export function sensitivityRows(r: SensitivityReport): { head: string[]; rows: string[][] } {
  const issues = Object.keys(r.baseline.terms);
  const head = ['parameter', 'held at', 'low', 'high', 'agreement at low', 'at high', 'swing', ...issues.map((k) => `${k} low → high`)];
  const rows = r.rows.map((row) => [row.path, row.basis, f(row.low), f(row.high), f(row.atLow.agreementRate), f(row.atHigh.agreementRate), f(row.swing), ...issues.map((k) => `${f(row.atLow.terms[k])} → ${f(row.atHigh.terms[k])}`)]);
  return { head, rows };
}

const title = (r: SensitivityReport) =>
  `${r.scenario.name}: sensitivity of the agreement rate (baseline ${r.baseline.agreementRate.toFixed(3)}) · parley ${r.parley} · seed ${r.seed} · ${r.runs} runs per setting, common random numbers`;

/** Markdown: the ranking as a GitHub table. */
export function renderSensitivityMarkdown(r: SensitivityReport): string {
  const { head, rows } = sensitivityRows(r);
  return [title(r), '', `| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n') + '\n';
}

/** The terminal table: the ranking, then a tornado of the top 10 swings in text. */
export function renderSensitivityTable(r: SensitivityReport): string {
  const { head, rows } = sensitivityRows(r);
  const bar = (x: number) => '█'.repeat(Math.round(x * 40));
  const tornado = r.rows.slice(0, 10).map((row) => `  ${row.path.padEnd(Math.max(...r.rows.map((x) => x.path.length)))} ${bar(row.swing)} ${row.swing.toFixed(3)}`);
  return fitText([
    title(r),
    drawTable(head, rows, { compact: true }),
    'Options issues: mean position of the agreed option (0 = first).',
    '',
    'Tornado (swing in agreement rate, top 10):',
    ...tornado,
  ].join('\n') + '\n');
}

/** One row per parameter: its values, the outcomes at each, and the swing. */
export function renderSensitivityCsv(r: SensitivityReport): string {
  const issues = Object.keys(r.baseline.terms);
  const head = ['parameter', 'basis', 'low', 'high', 'agreement_low', 'agreement_high', 'swing', ...issues.flatMap((k) => [`${k}_low`, `${k}_high`])];
  const rows = r.rows.map((x) => [x.path, x.basis, x.low, x.high, x.atLow.agreementRate, x.atHigh.agreementRate, x.swing, ...issues.flatMap((k) => [x.atLow.terms[k], x.atHigh.terms[k]])]);
  return [head, ...rows].map((row) => row.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
}
