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

/** Wide rows: the parameters, then agreement, rounds, numeric terms and values. */
export function sweepRows(r: SweepReport): { head: string[]; body: (string | number | null)[][] } {
  const first = r.points[0].report;
  const numeric = Object.entries(first.terms).filter(([, t]) => !('shares' in t)).map(([k]) => k);
  const parties = Object.keys(first.utility);
  const head = [...r.params, 'agreement', 'ci95_low', 'ci95_high', 'rounds_mean', ...numeric.map((k) => `${k}_mean`), ...parties.map((p) => `value_${p}`)];
  const body = r.points.map(({ values, report }) => [
    ...r.params.map((p) => String(values[p])),
    report.agreement.rate,
    report.agreement.ci95[0],
    report.agreement.ci95[1],
    report.roundsToAgreement.mean,
    ...numeric.map((k) => (report.terms[k] as Spread).mean),
    ...parties.map((p) => report.utility[p].mean),
  ]);
  return { head, body };
}

const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? v.toFixed(4) : v);

/** The terminal table: one row per grid point. */
export function renderSweepTable(r: SweepReport): string {
  const { head, body } = sweepRows(r);
  return fitText(`${r.scenario.name}: sweep over ${r.params.join(' × ')} · parley ${r.parley} · seed ${r.seed} · ${r.runs} runs per point, common random numbers\n${drawTable(head, body.map((row) => row.map(cell)), { compact: true })}\n`);
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
