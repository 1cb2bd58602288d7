import { drawTable, fitText } from './table.js';
import type { OpenScenario } from '../model/open.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { PairedDiffs } from '../montecarlo/compare.js';
import { pairedInterval, type Paired } from '../stats/paired.js';
import { ratioPairedInterval, type RatioPaired } from '../stats/ratioPaired.js';
import { VERSION } from '../version.js';
import { buildRunReport, type RunReport } from './summary.js';

/** A difference against the baseline, with its 95% interval; `marked` when it matters (see CompareReport.threshold). */
export interface Delta {
  delta: number;
  ci95: [number, number];
  marked: boolean;
}

/** `parley compare`: the variants side by side and each one's differences from the first. */
export interface CompareReport {
  parley: string;
  seed: number;
  runs: number;
  /** A delta is marked when its interval excludes 0 and |delta| ≥ threshold (rates, utilities, terms) or ≥ 0.5 (rounds). */
  threshold: number;
  variants: { label: string; report: RunReport }[];
  deltas: {
    label: string;
    agreementRate: Delta | null;
    /** Scenarios whose deals can break down: the share of all runs with a deal in force at the window's end. */
    holding?: Delta | null;
    /** Each variant's mean over its own deals; the delta is their difference. */
    rounds: Delta | null;
    /** Numeric issues: mean terms over each variant's own deals. */
    terms: Record<string, Delta | null>;
    /** Options issues: each option's share of each variant's deals (options matched by name). */
    shares: Record<string, Record<string, Delta | null>>;
    utility: Record<string, Delta | null>;
  }[];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function delta(p: Paired | RatioPaired, threshold: number): Delta | null {
  const d = 'sumSq' in p ? pairedInterval(p) : ratioPairedInterval(p);
  if (!d) return null;
  const excludesZero = d.ci95[0] > 0 || d.ci95[1] < 0;
  return { delta: r6(d.delta), ci95: [r6(d.ci95[0]), r6(d.ci95[1])], marked: excludesZero && Math.abs(d.delta) >= threshold };
}

export function buildCompareReport(
  variants: { label: string; open: OpenScenario }[],
  sim: { aggregates: Aggregate[]; diffs: PairedDiffs[] },
  seed: number,
  threshold: number,
): CompareReport {
  const base = variants[0].open.model;
  const fragile = variants.some((v) => v.open.model.breakdown !== null);
  return {
    parley: VERSION,
    seed,
    runs: sim.aggregates[0].runs,
    threshold,
    variants: variants.map((v, i) => ({ label: v.label, report: buildRunReport(v.open.loaded, v.open.model, sim.aggregates[i], seed) })),
    deltas: sim.diffs.map((d, i) => ({
      label: variants[i + 1].label,
      agreementRate: delta(d.agreement, threshold),
      ...(fragile ? { holding: delta(d.holding, threshold) } : {}),
      rounds: delta(d.round, 0.5),
      terms: Object.fromEntries(base.issues.flatMap((iss, k) => (d.terms[k] ? [[iss.id, delta(d.terms[k] as RatioPaired, threshold)]] : []))),
      shares: Object.fromEntries(
        base.issues.flatMap((iss, k) => (iss.kind === 'options' && d.shares[k] ? [[iss.id, Object.fromEntries(iss.options.map((o, j) => [o, delta((d.shares[k] as RatioPaired[])[j], threshold)]))]] : [])),
      ),
      utility: Object.fromEntries(base.parties.map((p, k) => [p.id, delta(d.values[k], threshold)])),
    })),
  };
}

/** The share of all runs that end with a deal in force (a deal that cannot break down always is). */
const heldShare = (x: RunReport) => r6(x.agreement.rate * (x.breakdown?.held ?? 1));
const f4 = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(4));
const showDelta = (d: Delta | null) => (d ? `${d.delta >= 0 ? '+' : ''}${d.delta.toFixed(4)} [${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}]${d.marked ? ' *' : ''}` : '-');

/** The comparison as rows: header, then one row per measure (levels, then deltas). */
export function compareRows(r: CompareReport): { head: string[]; rows: string[][] } {
  const labels = r.variants.map((v) => v.label);
  const head = ['measure', ...labels, ...r.deltas.map((d) => `Δ ${d.label} − ${labels[0]} [95% CI]`)];
  const t: string[][] = [];
  const reports = r.variants.map((v) => v.report);
  t.push(['agreement rate', ...reports.map((x) => f4(x.agreement.rate)), ...r.deltas.map((d) => showDelta(d.agreementRate))]);
  if (r.deltas.some((d) => d.holding !== undefined)) {
    t.push(['deal in force at the window\'s end (share of runs)', ...reports.map((x) => f4(heldShare(x))), ...r.deltas.map((d) => showDelta(d.holding ?? null))]);
  }
  t.push(['rounds to agreement (mean over deals)', ...reports.map((x) => f4(x.roundsToAgreement.mean)), ...r.deltas.map((d) => showDelta(d.rounds))]);
  for (const issue of Object.keys(r.deltas[0]?.terms ?? {}))
    t.push([`${issue} (mean term over deals)`, ...reports.map((x) => f4((x.terms[issue] as { mean?: number }).mean)), ...r.deltas.map((d) => showDelta(d.terms[issue]))]);
  const share = (x: RunReport, issue: string, option: string) => (x.terms[issue] as { shares?: Record<string, number> } | undefined)?.shares?.[option];
  for (const [issue, options] of Object.entries(r.deltas[0]?.shares ?? {}))
    for (const option of Object.keys(options))
      t.push([`${issue} = ${option} (share of deals)`, ...reports.map((x) => f4(share(x, issue, option))), ...r.deltas.map((d) => showDelta(d.shares[issue]?.[option] ?? null))]);
  for (const party of Object.keys(reports[0].utility))
    t.push([`value: ${party}`, ...reports.map((x) => f4(x.utility[party]?.mean)), ...r.deltas.map((d) => showDelta(d.utility[party]))]);
  // When a variant decides by a rule (mechanism.decision): the rule, and who was in the winning coalitions (no interval: a level per variant).
  if (reports.some((x) => x.decision)) {
    t.push(['decision rule', ...reports.map((x) => x.decision?.rule ?? 'unanimity'), ...r.deltas.map(() => '')]);
    for (const party of Object.keys(reports[0].utility))
      t.push([`in the winning coalition: ${party} (share of deals)`, ...reports.map((x) => (x.decision ? f4(x.decision.inCoalition[party]) : '-')), ...r.deltas.map(() => '')]);
  }
  return { head, rows: t };
}

const legend = (r: CompareReport) =>
  `* the 95% interval excludes 0 and |Δ| ≥ ${r.threshold} (rounds: ≥ 0.5). Intervals are paired (same runs, same random numbers): simulation noise only, not the uncertainty of the assumptions. Rounds, terms and option shares are over each variant's own deals; their Δ is the difference of those numbers (its interval by the delta method).`;

/** One column per variant, one delta column per variant after the first. */
export function renderCompareTable(r: CompareReport): string {
  const { head, rows } = compareRows(r);
  const lines = [
    `parley ${r.parley} · seed ${r.seed} · ${r.runs} runs per variant, common random numbers`,
    ...r.variants.map((v) => `  ${v.label}: ${v.report.scenario.file}${Object.keys(v.report.scenario.overrides).length ? ` with ${Object.entries(v.report.scenario.overrides).map(([k, x]) => `${k}=${JSON.stringify(x)}`).join(', ')}` : ''}`),
    drawTable(head, rows, { compact: true }),
    legend(r),
  ];
  return fitText(lines.join('\n') + '\n');
}

/** The same as a Markdown table. */
export function renderCompareMarkdown(r: CompareReport): string {
  const { head, rows } = compareRows(r);
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [`parley ${r.parley} · seed ${r.seed} · ${r.runs} runs per variant, common random numbers`, '', line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line), '', legend(r)].join('\n') + '\n';
}

/** Long-format CSV: one row per measure and variant (level) or delta. */
export function renderCompareCsv(r: CompareReport): string {
  const rows: (string | number | null)[][] = [['variant', 'measure', 'key', 'value', 'ci95_low', 'ci95_high', 'marked']];
  for (const v of r.variants) {
    rows.push([v.label, 'agreementRate', '', v.report.agreement.rate, v.report.agreement.ci95[0], v.report.agreement.ci95[1], '']);
    if (r.deltas.some((d) => d.holding !== undefined)) rows.push([v.label, 'holdingRate', '', heldShare(v.report), '', '', '']);
    rows.push([v.label, 'roundsMean', '', v.report.roundsToAgreement.mean, '', '', '']);
    for (const [k, t] of Object.entries(v.report.terms))
      if ('shares' in t) for (const [o, x] of Object.entries(t.shares)) rows.push([v.label, 'optionShare', `${k}=${o}`, x, '', '', '']);
      else rows.push([v.label, 'termMean', k, t.mean, '', '', '']);
    for (const [p, s] of Object.entries(v.report.utility)) rows.push([v.label, 'utilityMean', p, s.mean, '', '', '']);
  }
  for (const d of r.deltas) {
    const add = (measure: string, key: string, x: Delta | null) => x && rows.push([`delta:${d.label}`, measure, key, x.delta, x.ci95[0], x.ci95[1], String(x.marked)]);
    add('agreementRate', '', d.agreementRate);
    if (d.holding !== undefined) add('holdingRate', '', d.holding);
    add('roundsMean', '', d.rounds);
    for (const [k, x] of Object.entries(d.terms)) add('termMean', k, x);
    for (const [k, xs] of Object.entries(d.shares)) for (const [o, x] of Object.entries(xs)) add('optionShare', `${k}=${o}`, x);
    for (const [k, x] of Object.entries(d.utility)) add('utilityMean', k, x);
  }
  const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
