import { drawTable, fitText } from './table.js';
import { SOLUTIONS } from '../solvers/axiomatic/objectives.js';
import type { SolveResult } from '../montecarlo/solve.js';
import type { Terms } from '../model/terms.js';
import type { OpenScenario } from '../model/open.js';
import { VERSION } from '../version.js';
import { decisionWords } from '../model/decision.js';
import { toCsv, toMarkdownTable } from './csv.js';
import { renderSolveDrawsMarkdown, renderSolveDrawsTable, solveDrawsCsvRows, solveDrawsReport, type SolveDraws } from './solveDraws.js';

/** `parley solve`: the axiomatic solutions at the scenario's mean parameters. */
export interface SolveReport {
  parley: string;
  scenario: { name: string; file: string; sha256: string; overrides: Record<string, unknown> };
  parameters: 'mean';
  /** The disagreement point: each party's no-deal flow. */
  disagreement: Record<string, number>;
  /** Parties whose gains the solutions weigh (those whose consent is required). */
  parties: string[];
  /** Empty when no feasible package gives every required party at least its no-deal value. */
  solutions: Record<string, { terms: Terms; utility: Record<string, number>; coalition?: string[] }>;
  /** Under a decision rule (mechanism.decision): the rule in words; each solution then names the winning coalition whose gains it weighs. */
  decision?: string;
  /** With `--runs N`: the solutions' distribution over N draws of the parameters. */
  overDraws?: SolveDraws;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The report of computed solutions (montecarlo/solve.ts): names, numbers to 6 decimals. */
export function buildSolveReport(open: OpenScenario, result: SolveResult): SolveReport {
  const { model, loaded } = open;
  const ids = model.parties.map((p) => p.id);
  const round = (t: Terms) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, typeof v === 'number' ? r6(v) : v]));
  const { atMean, overDraws } = result;
  return {
    parley: VERSION,
    scenario: { name: model.scenario.name, file: loaded.source.file, sha256: loaded.sha256, overrides: loaded.overrides },
    parameters: 'mean',
    disagreement: Object.fromEntries(ids.map((id, i) => [id, r6(atMean.disagreement[i])])),
    parties: model.parties.filter((p) => p.required).map((p) => p.id),
    solutions: Object.fromEntries(
      atMean.solutions.map((s) => [s.id, { terms: round(s.terms), utility: Object.fromEntries(ids.map((id, i) => [id, r6(s.utils[i])])), ...(s.coalition ? { coalition: s.coalition.map((i) => ids[i]) } : {}) }]),
    ),
    ...(model.decision ? { decision: decisionWords(model.decision, model.parties) } : {}),
    ...(overDraws ? { overDraws: solveDrawsReport(model, overDraws.aggregates, overDraws.runs, overDraws.seed) } : {}),
  };
}

/** The solutions as a table: one row per solution, its terms and each party's utility. */
export function renderSolveTable(r: SolveReport): string {
  const head = `${r.scenario.name}: axiomatic solutions at mean parameters (parley ${r.parley}, sha256 ${r.scenario.sha256.slice(0, 12)})\nno-deal point: ${Object.entries(r.disagreement).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; gains weighed for: ${r.decision ? `each solution's winning coalition (${r.decision})${r.parties.length ? ` and ${r.parties.join(', ')}` : ''}` : r.parties.join(', ')}\n`;
  const entries = Object.entries(r.solutions);
  if (entries.length === 0) return `${head}\nNo feasible package gives every required party at least its no-deal value: there is no bargaining range at the mean parameters.\n`;
  const issues = Object.keys(entries[0][1].terms);
  const parties = Object.keys(entries[0][1].utility);
  const rows = entries.map(([id, s]) => [id, ...issues.map((k) => (typeof s.terms[k] === 'number' ? (s.terms[k] as number).toFixed(4) : String(s.terms[k]))), ...parties.map((p) => s.utility[p].toFixed(4))]);
  const byRule = entries.some(([, x]) => x.coalition);
  if (byRule) rows.forEach((row, k) => row.push((entries[k][1].coalition ?? []).join(' + ')));
  const table = drawTable(['solution', ...issues, ...parties.map((p) => `u(${p})`), ...(byRule ? [`coalition (${r.decision})`] : [])], rows);
  const notes = SOLUTIONS.map((s) => `  ${s.id}: ${s.describe}`).join('\n');
  return fitText(`${head}\n${table}\n${notes}\n${r.overDraws ? renderSolveDrawsTable(r.overDraws) : ''}`);
}

/** `solve -f csv`: one row per solution and quantity (an issue's term or a party's utility). */
export function renderSolveCsv(r: SolveReport): string {
  const rows: (string | number | null)[][] = [['solution', 'kind', 'key', 'value']];
  for (const [p, v] of Object.entries(r.disagreement)) rows.push(['no-deal point', 'utility', p, v]);
  for (const [id, s] of Object.entries(r.solutions)) {
    for (const [k, v] of Object.entries(s.terms)) rows.push([id, 'term', k, v]);
    for (const [p, v] of Object.entries(s.utility)) rows.push([id, 'utility', p, v]);
  }
  if (r.overDraws) rows.push(...solveDrawsCsvRows(r.overDraws));
  return toCsv(rows);
}

/** `solve -f md`: the solutions as a Markdown table. */
export function renderSolveMarkdown(r: SolveReport): string {
  const head = [`### ${r.scenario.name}: axiomatic solutions at mean parameters`, `parley ${r.parley} · sha256 ${r.scenario.sha256.slice(0, 12)} · no-deal point: ${Object.entries(r.disagreement).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; gains weighed for: ${r.decision ? `each solution's winning coalition (${r.decision})${r.parties.length ? ` and ${r.parties.join(', ')}` : ''}` : r.parties.join(', ')}`];
  const entries = Object.entries(r.solutions);
  if (entries.length === 0) return `${head.join('\n\n')}\n\nNo feasible package gives every required party at least its no-deal value.\n`;
  const issues = Object.keys(entries[0][1].terms);
  const parties = Object.keys(entries[0][1].utility);
  const rows = entries.map(([id, s]) => [id, ...issues.map((k) => (typeof s.terms[k] === 'number' ? (s.terms[k] as number).toFixed(4) : String(s.terms[k]))), ...parties.map((p) => s.utility[p].toFixed(4))]);
  return `${head.join('\n\n')}\n\n${toMarkdownTable(['solution', ...issues, ...parties.map((p) => `u(${p})`)], rows)}\n${r.overDraws ? renderSolveDrawsMarkdown(r.overDraws) : ''}`;
}
