import { drawTable, fitText } from './table.js';
import type { RunReport, Spread } from './summary.js';

/** `parley sweep`: one row per grid point, each a full run on the same seed (common random numbers). */
export interface SweepReport {
  parley: string;
  scenario: { name: string; file: string; sha256: string };
  seed: number;
  runs: number;
  params: string[];
  points: { values: Record<string, unknown>; report: RunReport }[];
}

/** Each options issue's options at the first point (a sweep does not change an issue's options). */
function optionIssues(r: SweepReport): [string, string[]][] {
  return Object.entries(r.points[0].report.terms).flatMap(([k, t]) => ('shares' in t ? [[k, Object.keys(t.shares)] as [string, string[]]] : []));
}

const shareAt = (report: RunReport, issue: string, option: string) => {
  const t = report.terms[issue];
  return report.agreement.count === 0 || !t || !('shares' in t) ? null : (t.shares[option] ?? 0);
};

/** Wide rows: the parameters, then agreement, rounds, numeric terms, each option's share of deals, and values. */
export function sweepRows(r: SweepReport): { head: string[]; body: (string | number | null)[][] } {
  const first = r.points[0].report;
  const numeric = Object.entries(first.terms).filter(([, t]) => !('shares' in t)).map(([k]) => k);
  const options = optionIssues(r).flatMap(([k, os]) => os.map((o) => [k, o]));
  const parties = Object.keys(first.utility);
  const head = [...r.params, 'agreement', 'ci95_low', 'ci95_high', 'rounds_mean', ...numeric.map((k) => `${k}_mean`), ...options.map(([k, o]) => `share_${k}_${o}`), ...parties.map((p) => `value_${p}`)];
  const body = r.points.map(({ values, report }) => [
    ...r.params.map((p) => String(values[p])),
    report.agreement.rate,
    report.agreement.ci95[0],
    report.agreement.ci95[1],
    report.roundsToAgreement.mean,
    ...numeric.map((k) => (report.terms[k] as Spread).mean),
    ...options.map(([k, o]) => shareAt(report, k, o)),
    ...parties.map((p) => report.utility[p].mean),
  ]);
  return { head, body };
}

/**
 * The terminal's rows: as sweepRows, but each options issue in one column,
 * its most common option at each point and that option's share of deals.
 */
function sweepTableRows(r: SweepReport): { head: string[]; body: (string | number | null)[][] } {
  const { head, body } = sweepRows(r);
  const keep = head.map((h) => !h.startsWith('share_'));
  const issues = optionIssues(r);
  const at = head.findIndex((h) => h.startsWith('value_'));
  const pick = <T>(row: T[]) => row.filter((_, j) => keep[j]);
  const modal = (report: RunReport, k: string, os: string[]) => {
    const best = os.reduce((a, o) => ((shareAt(report, k, o) ?? 0) > (shareAt(report, k, a) ?? 0) ? o : a), os[0]);
    const s = shareAt(report, k, best);
    return s === null ? '-' : `${best} ${(100 * s).toFixed(0)}%`;
  };
  const splice = <T>(row: T[], extra: T[]) => {
    const kept = pick(row);
    const v = pick(head).findIndex((h) => h.startsWith('value_'));
    return at < 0 ? [...kept, ...extra] : [...kept.slice(0, v), ...extra, ...kept.slice(v)];
  };
  return {
    head: splice(head, issues.map(([k]) => `${k} (top share)`)),
    body: body.map((row, i) => splice(row, issues.map(([k, os]) => modal(r.points[i].report, k, os)))),
  };
}

const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? v.toFixed(4) : v);

/** The terminal table: one row per grid point. */
export function renderSweepTable(r: SweepReport): string {
  const { head, body } = sweepTableRows(r);
  return fitText(`${r.scenario.name}: sweep over ${r.params.join(' × ')} · parley ${r.parley} · seed ${r.seed} · ${r.runs} runs per point, common random numbers; ci95: the 95% interval of simulation noise alone; terms and shares over deals\n${drawTable(head, body.map((row) => row.map(cell)), { compact: true, keys: r.params.length })}\n`);
}

/** CSV: the same rows, numbers unrounded. */
export function renderSweepCsv(r: SweepReport): string {
  const { head, body } = sweepRows(r);
  const esc = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [head, ...body].map((row) => row.map(esc).join(',')).join('\n') + '\n';
}

/** Markdown: the same rows as a GitHub table. */
export function renderSweepMarkdown(r: SweepReport): string {
  const { head, body } = sweepRows(r);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...body.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n') + '\n';
}
