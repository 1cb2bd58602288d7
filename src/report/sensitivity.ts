import { drawTable, fitText } from './table.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { SensitivityTarget } from '../montecarlo/sensitivity.js';
import type { Model } from '../model/types.js';
import { mean, type Histogram } from '../stats/histogram.js';
import { VERSION } from '../version.js';

/** Agreement rate, each numeric issue's mean term and each options issue's shares of deals, in one run set. */
export interface Outcome {
  agreementRate: number;
  /** Numeric issues: mean term over deals (null without deals). */
  terms: Record<string, number | null>;
  /** Options issues: each option's share of the deals (null without deals). */
  shares: Record<string, Record<string, number> | null>;
}

/** `parley sensitivity`: which parameters move the outcome most (a tornado ranking). */
export interface SensitivityReport {
  parley: string;
  scenario: { name: string; file: string; sha256: string; overrides: Record<string, unknown> };
  seed: number;
  runs: number;
  baseline: Outcome;
  /** Sorted by swing, largest first; a parameter with no effect comes last. */
  rows: (SensitivityTarget & {
    atLow: Outcome;
    atHigh: Outcome;
    swing: number;
    /** 95% interval of the swing from simulation noise alone: conservative (the two settings' runs are treated as independent, though they share random numbers). */
    swingCi95: [number, number];
  })[];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function outcomeOf(model: Model, agg: Aggregate): Outcome {
  const terms: Record<string, number | null> = {};
  const shares: Record<string, Record<string, number> | null> = {};
  model.issues.forEach((issue, k) => {
    const t = agg.terms[k];
    if (issue.kind === 'options') shares[issue.id] = agg.agreements === 0 ? null : Object.fromEntries(issue.options.map((o, i) => [o, r6((t as Float64Array)[i] / agg.agreements)]));
    else terms[issue.id] = agg.agreements === 0 ? null : r6(mean(t as Histogram));
  });
  return { agreementRate: r6(agg.agreements / agg.runs), terms, shares };
}

/**
 * The swing |high − low| of the agreement rate with a 95% interval of the
 * difference of two rates over `runs` runs each, by the normal approximation
 * treated as independent samples: conservative, since common random numbers
 * make the two settings' runs positively correlated. An interval of the
 * signed difference that spans 0 gives the swing [0, its larger end].
 */
export function swingInterval(low: number, high: number, runs: number, z = 1.959963984540054): [number, number] {
  const d = high - low;
  const half = z * Math.sqrt((low * (1 - low) + high * (1 - high)) / runs);
  const [a, b] = [d - half, d + half];
  if (a <= 0 && b >= 0) return [0, r6(Math.max(-a, b))];
  return [r6(Math.min(Math.abs(a), Math.abs(b))), r6(Math.max(Math.abs(a), Math.abs(b)))];
}

/** An options issue's option whose share moves most between two outcomes (ties: the first option), with both shares. */
export function largestShareChange(low: Outcome, high: Outcome, issue: string): { option: string; low: number; high: number } | null {
  const [a, b] = [low.shares[issue], high.shares[issue]];
  const options = Object.keys(a ?? b ?? {});
  if (options.length === 0) return null;
  const at = (s: Record<string, number> | null, o: string) => s?.[o] ?? 0;
  const best = options.reduce((x, o) => (Math.abs(at(b, o) - at(a, o)) > Math.abs(at(b, x) - at(a, x)) ? o : x), options[0]);
  return { option: best, low: at(a, best), high: at(b, best) };
}

export function buildSensitivityReport(
  base: { model: Model; file: string; sha256: string; overrides: Record<string, unknown> },
  seed: number,
  runs: number,
  baseline: Outcome,
  results: { target: SensitivityTarget; atLow: Outcome; atHigh: Outcome }[],
): SensitivityReport {
  const rows = results
    .map((r) => ({
      ...r.target,
      low: r6(r.target.low),
      high: r6(r.target.high),
      atLow: r.atLow,
      atHigh: r.atHigh,
      swing: r6(Math.abs(r.atHigh.agreementRate - r.atLow.agreementRate)),
      swingCi95: swingInterval(r.atLow.agreementRate, r.atHigh.agreementRate, runs),
    }))
    // Ties (e.g. no effect) keep document order, so the ranking is stable.
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.swing - a.r.swing || a.i - b.i)
    .map(({ r }) => r);
  return { parley: VERSION, scenario: { name: base.model.scenario.name, file: base.file, sha256: base.sha256, overrides: base.overrides }, seed, runs, baseline, rows };
}

const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The ranking as rows (shared by the table and Markdown renderings): each parameter's values, the agreement rate at each, the swing. */
export function rankingRows(r: SensitivityReport): { head: string[]; rows: string[][] } {
  const head = ['parameter', 'held at low → high', 'agreement at low → high', 'swing [95%]'];
  const rows = r.rows.map((row) => [
    row.path,
    `${row.basis}: ${f(row.low)} → ${f(row.high)}`,
    `${f(row.atLow.agreementRate)} → ${f(row.atHigh.agreementRate)}`,
    `${f(row.swing)} [${f(row.swingCi95[0])}, ${f(row.swingCi95[1])}]`,
  ]);
  return { head, rows };
}

/** The terms at each setting, in ranking order: each numeric issue's mean term, and each options issue's option whose share of deals moves most. */
export function termRows(r: SensitivityReport): { head: string[]; rows: string[][] } {
  const issues = Object.keys(r.baseline.terms);
  const optionIssues = Object.keys(r.baseline.shares);
  const head = ['parameter', ...issues.map((k) => `${k} (mean) low → high`), ...optionIssues.map((k) => `${k}: the share moving most`)];
  const rows = r.rows.map((row) => [
    row.path,
    ...issues.map((k) => `${f(row.atLow.terms[k])} → ${f(row.atHigh.terms[k])}`),
    ...optionIssues.map((k) => {
      const c = largestShareChange(row.atLow, row.atHigh, k);
      return c ? `${c.option} ${pct(c.low)} → ${pct(c.high)}` : '-';
    }),
  ]);
  return { head, rows };
}

/** Both tables side by side in one set of rows (Markdown, the HTML page). */
export function sensitivityRows(r: SensitivityReport): { head: string[]; rows: string[][] } {
  const [a, b] = [rankingRows(r), termRows(r)];
  return { head: [...a.head, ...b.head.slice(1)], rows: a.rows.map((row, i) => [...row, ...b.rows[i].slice(1)]) };
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
  const ranking = rankingRows(r);
  const terms = termRows(r);
  const bar = (x: number) => '█'.repeat(Math.round(x * 30));
  const tornado = r.rows.slice(0, 10).map((row) => `  ${row.path.padEnd(Math.max(...r.rows.map((x) => x.path.length)))} ${bar(row.swing)} ${row.swing.toFixed(3)} [${row.swingCi95[0].toFixed(3)}, ${row.swingCi95[1].toFixed(3)}]`);
  return fitText([
    title(r),
    drawTable(ranking.head, ranking.rows, { compact: true }),
    'swing [95%]: the interval of simulation noise alone (conservative: the settings share random numbers), not of the assumptions.',
    '',
    'Deal terms at each setting (over deals)',
    drawTable(terms.head, terms.rows, { compact: true }),
    '',
    'Tornado (swing in agreement rate, top 10):',
    ...tornado,
  ].join('\n') + '\n');
}

/** One row per parameter: its values, the outcomes at each, and the swing. */
export function renderSensitivityCsv(r: SensitivityReport): string {
  const issues = Object.keys(r.baseline.terms);
  const options = Object.entries(r.baseline.shares).flatMap(([k, s]) => Object.keys(s ?? {}).map((o) => [k, o]));
  const head = ['parameter', 'basis', 'low', 'high', 'agreement_low', 'agreement_high', 'swing', 'swing_ci95_low', 'swing_ci95_high', ...issues.flatMap((k) => [`${k}_low`, `${k}_high`]), ...options.flatMap(([k, o]) => [`${k}_${o}_share_low`, `${k}_${o}_share_high`])];
  const rows = r.rows.map((x) => [
    x.path, x.basis, x.low, x.high, x.atLow.agreementRate, x.atHigh.agreementRate, x.swing, ...x.swingCi95,
    ...issues.flatMap((k) => [x.atLow.terms[k], x.atHigh.terms[k]]),
    ...options.flatMap(([k, o]) => [x.atLow.shares[k]?.[o] ?? null, x.atHigh.shares[k]?.[o] ?? null]),
  ]);
  return [head, ...rows].map((row) => row.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
}
