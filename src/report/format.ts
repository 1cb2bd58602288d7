import { drawTable, fitText } from './table.js';
import { isEuReport, type EuReport } from './expectedUtility.js';
import { euCsvRows, renderEuMarkdown, renderEuTable } from './expectedUtilityFormat.js';
import type { RunReport, Spread } from './summary.js';

/** What `parley run` reports on one scenario: outcomes of bargaining, or an expected-utility forecast. */
export type AnyRunReport = RunReport | EuReport;

/** Output formats every command offers. */
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

const f4 = (x: number | null) => (x === null ? '-' : x.toFixed(4));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A titled table: what the table, Markdown and HTML renderings share. */
export interface TableSection {
  title: string;
  head: string[];
  rows: string[][];
}

/** Why runs without a deal ended (always shown, so that a reader sees the reasons add up). */
function noDealReasons(r: RunReport): string[][] {
  const d = r.noDeal;
  const byChoice = d.tookOutsideOption === undefined ? '' : `, walked away by choice (outside option) ${d.tookOutsideOption}`;
  return [['why no deal', `window reached with talks going on ${d.windowReached}, a required party walked away ${d.walkedAway}${byChoice}, no feasible package ${d.noFeasiblePackage}`]];
}

/** The command that shows the spread across assumptions (`--outer`), for this file and its overrides. */
export function outerCommand(r: RunReport): string {
  const sets = Object.entries(r.scenario.overrides).map(([k, v]) => ` --set '${k}=${typeof v === 'string' ? v : JSON.stringify(v)}'`);
  return `parley run ${r.scenario.file}${sets.join('')} --outer 40 -n 100`;
}

const without = (k: number) => (k === 1 ? 'the 1 run without one' : `the ${k} runs without one`);

/** The headline rows: what the rate is, how often a range existed, and how far assumptions move it. */
function headlineRows(r: RunReport): string[][] {
  const blocked = Object.entries(r.range.blockedBy).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const who = [...blocked.map(([p, v]) => `${p} ${pct(v)}`), ...(r.range.jointly > 0 ? [`several at once ${pct(r.range.jointly)}`] : [])];
  const o = r.outer;
  return [
    ['agreement rate', `${pct(r.agreement.rate)}  (95% CI, simulation noise only: ${pct(r.agreement.ci95[0])} to ${pct(r.agreement.ci95[1])})`],
    ['share of runs with a bargaining range', `${pct(r.range.atStart)} as talks opened${who.length ? `; in ${without(Math.round((1 - r.range.atStart) * r.runs))}, blocked by ${who.join(', ')}` : ''}`],
    [
      'spread across assumptions',
      o
        ? `agreement ${pct(o.agreementRate.p5)} to ${pct(o.agreementRate.p95)} (p5 to p95 across ${o.draws} draws; table above)`
        : `not computed here: \`${outerCommand(r)}\` gives the rate's p5 to p95 across draws of the file's uncertain numbers`,
    ],
  ];
}

/**
 * Why the rate is what it is: when deals came (cumulative, at a quarter of the window's steps), how
 * many came before any event fired, and how many broke down.
 */
function whyRows(r: RunReport): string[][] {
  const rows: string[][] = [];
  const w = r.dealsBy.length;
  const marks = [...new Set([1, Math.ceil(w / 4), Math.ceil(w / 2), Math.ceil((3 * w) / 4), w])].filter((k) => k >= 1 && k <= w);
  if (w > 0) rows.push(['deals by round (share of runs)', marks.map((k) => `${k}${r.dealsBy[k - 1].date ? ` (${r.dealsBy[k - 1].date})` : ''}: ${pct(r.dealsBy[k - 1].share)}`).join(', ')]);
  if (r.beforeEvents !== undefined) rows.push(['deals before any event fired', `${pct(r.beforeEvents)} of deals`]);
  const b = r.breakdown;
  if (b)
    rows.push([
      'deals that broke down',
      `${pct(b.collapsed)} of runs with a deal collapsed${b.meanCollapseRound === null ? '' : ` (first collapse: mean round ${b.meanCollapseRound.toFixed(1)}; then ${(b.meanWarRounds as number).toFixed(1)} rounds of war on average)`}; a deal in force at the window's end in ${pct(b.held)}`,
    ]);
  const d = r.decision;
  if (d) {
    rows.push(['decision rule', d.rule]);
    rows.push(['in the winning coalition (share of deals)', Object.entries(d.inCoalition).map(([p, v]) => `${p} ${pct(v)}`).join(', ')]);
    if (d.coalitions.length) rows.push(['winning coalitions (share of deals)', d.coalitions.map((c) => `${c.parties.join(' + ')} ${pct(c.share)}`).join(', ')]);
  }
  return rows;
}

/** Rows shared by the table, Markdown and HTML renderings. */
export function runSections(r: RunReport): TableSection[] {
  const rta = r.roundsToAgreement;
  const when = rta.dates ? ` (p50 round starts ${rta.dates.p50 ?? '-'}, p90 ${rta.dates.p90 ?? '-'})` : '';
  // With --outer the spread across assumption draws is the headline; the pooled interval is simulation noise only, and says so.
  const out: TableSection[] = r.outer ? [outerSection(r.outer)] : [];
  out.push(
    {
      title: `${r.outer ? `Agreement, all ${r.runs} runs pooled` : 'Agreement'}: the share of simulated runs with a deal inside the window, under this file's assumptions (its interval is simulation noise only; the assumptions' spread is a row below)`,
      head: ['measure', 'value'],
      rows: [
        ...headlineRows(r),
        ['runs with a deal', `${r.agreement.count} of ${r.runs}`],
        ['rounds to agreement', rta.mean === null ? 'no deals' : `mean ${rta.mean.toFixed(2)}, p50 ${rta.p50}, p90 ${rta.p90}${when}`],
        ['no deal within the window', `${r.runs - r.agreement.count} runs (window: ${r.window.rounds} rounds)`],
        ...noDealReasons(r),
        ...whyRows(r),
      ],
    },
  );
  if (r.events)
    out.push({ title: 'Events (share of runs in which each fired)', head: ['event', 'fired'], rows: Object.entries(r.events).map(([id, e]) => [id, pct(e.fired)]) });
  const numeric = Object.entries(r.terms).filter((e): e is [string, Spread] => !('shares' in e[1]));
  const options = Object.entries(r.terms).filter((e): e is [string, { shares: Record<string, number> }] => 'shares' in e[1]);
  if (numeric.length) out.push({ title: 'Deal terms (numeric issues, over deals)', head: ['issue', 'mean', 'p5', 'p50', 'p95'], rows: numeric.map(([k, s]) => [k, f4(s.mean), f4(s.p5), f4(s.p50), f4(s.p95)]) });
  if (options.length)
    out.push({
      title: 'Deal terms (options issues, share of deals)',
      head: ['issue', 'shares'],
      rows: options.map(([k, s]) => [k, Object.entries(s.shares).filter(([, v]) => v > 0).map(([o, v]) => `${o} ${pct(v)}`).join(', ') || '-']),
    });
  out.push({
    title: 'Value of the run per party (0-1 scale; all runs) and utility of the deal (over deals)',
    head: ['party', 'mean', 'p5', 'p50', 'p95', 'deal utility mean'],
    rows: Object.entries(r.utility).map(([p, s]) => [p, f4(s.mean), f4(s.p5), f4(s.p50), f4(s.p95), f4(r.dealUtility[p].mean)]),
  });
  return out;
}

/** `run --outer`'s headline: how much the answer moves across draws of the assumptions. */
function outerSection(o: NonNullable<RunReport['outer']>): TableSection {
  const range = (x: { p5: number; p50: number; p95: number }, f: (v: number) => string) => `${f(x.p50)}  (p5 ${f(x.p5)} to p95 ${f(x.p95)})`;
  return {
    title: `How much is assumption: spread across ${o.draws} draws of the uncertain parameters, ${o.innerRuns} runs each (the headline; the pooled interval below is simulation noise only)`,
    head: ['measure', 'median across draws (p5 to p95)'],
    rows: [
      ['agreement rate', range(o.agreementRate, pct)],
      ...Object.entries(o.terms).map(([k, t]) => [`${k} (mean term; ${t.draws} draws with deals)`, range(t, (v) => v.toFixed(4))]),
    ],
  };
}

function header(r: RunReport): string {
  const o = Object.entries(r.scenario.overrides);
  return [
    `${r.scenario.title ?? r.scenario.name}  [${r.scenario.file}]`,
    `parley ${r.parley} · seed ${r.seed} · ${r.runs} runs · sha256 ${r.scenario.sha256.slice(0, 12)}`,
    ...(o.length ? [`overrides: ${o.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`] : []),
    ...(r.solver.notConverged ? [`warning: the equilibrium solve did not converge in ${r.solver.notConverged} runs`] : []),
    ...(r.timingWarnings ?? []).map((w) => `warning: ${w}`),
  ].join('\n');
}

/** The terminal table of one report. */
export function renderTable(r: RunReport): string {
  const parts = [header(r)];
  for (const s of runSections(r)) {
    parts.push(`\n${s.title}\n${drawTable(s.head, s.rows, { compact: true })}`);
  }
  return fitText(parts.join('\n') + '\n');
}

/** Markdown: the same sections as GitHub tables. */
export function renderMarkdown(r: RunReport): string {
  const parts = [`### ${r.scenario.title ?? r.scenario.name}\n\n${header(r).split('\n').slice(1).map((l) => `${l}  `).join('\n')}`];
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  for (const s of runSections(r))
    parts.push(`**${s.title}**\n\n| ${s.head.join(' | ')} |\n|${s.head.map(() => ' --- ').join('|')}|\n${s.rows.map((row) => `| ${row.map(esc).join(' | ')} |`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}

/** Long-format CSV: one row per figure, so several scenarios stack in one file. */
export function renderCsv(reports: AnyRunReport[]): string {
  const rows: (string | number | null)[][] = [['scenario', 'section', 'key', 'stat', 'value']];
  for (const r of reports) {
    if (isEuReport(r)) {
      rows.push(...euCsvRows(r));
      continue;
    }
    const add = (section: string, key: string, stat: string, value: string | number | null) => rows.push([r.scenario.name, section, key, stat, value]);
    add('meta', 'parley', 'version', r.parley);
    add('meta', 'seed', 'value', r.seed);
    add('meta', 'runs', 'value', r.runs);
    add('meta', 'sha256', 'value', r.scenario.sha256);
    for (const [k, v] of Object.entries(r.scenario.overrides)) add('override', k, 'value', JSON.stringify(v));
    add('agreement', 'rate', 'value', r.agreement.rate);
    add('agreement', 'rate', 'ci95_low', r.agreement.ci95[0]);
    add('agreement', 'rate', 'ci95_high', r.agreement.ci95[1]);
    for (const stat of ['mean', 'p50', 'p90'] as const) add('roundsToAgreement', 'round', stat, r.roundsToAgreement[stat]);
    for (const [k, t] of Object.entries(r.terms)) {
      if ('shares' in t) for (const [o, v] of Object.entries(t.shares)) add('terms', k, `share:${o}`, v);
      else for (const [stat, v] of Object.entries(t)) add('terms', k, stat, v);
    }
    for (const [p, s] of Object.entries(r.utility)) for (const [stat, v] of Object.entries(s)) add('utility', p, stat, v);
    for (const [p, s] of Object.entries(r.dealUtility)) for (const [stat, v] of Object.entries(s)) add('dealUtility', p, stat, v);
    for (const [why, v] of Object.entries(r.noDeal)) add('noDeal', why, 'runs', v);
    for (const w of r.timingWarnings ?? []) add('warning', 'timing', 'text', w);
    for (const [id, e] of Object.entries(r.events ?? {})) add('events', id, 'fired', e.fired);
    add('range', 'atStart', 'share', r.range.atStart);
    for (const [p, v] of Object.entries(r.range.blockedBy)) add('range', p, 'blocked', v);
    add('range', 'jointly', 'blocked', r.range.jointly);
    for (const d of r.dealsBy) add('dealsBy', String(d.round), 'share', d.share);
    if (r.beforeEvents !== undefined) add('deals', 'beforeEvents', 'share', r.beforeEvents);
    for (const [k, v] of Object.entries(r.breakdown ?? {})) add('breakdown', k, 'value', v);
    if (r.decision) {
      add('decision', 'rule', 'text', r.decision.rule);
      for (const [p, v] of Object.entries(r.decision.inCoalition)) add('decision', p, 'inCoalition', v);
      for (const c of r.decision.coalitions) add('decision', c.parties.join('+'), 'share', c.share);
    }
    if (r.outer) {
      for (const [stat, v] of Object.entries(r.outer.agreementRate)) add('outer', 'agreementRate', stat, v);
      for (const [k, t] of Object.entries(r.outer.terms)) for (const stat of ['p5', 'p50', 'p95'] as const) add('outer', k, stat, t[stat]);
    }
  }
  const cell = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** One or several reports in a format (json: one object, or an array for several). */
export function renderReports(reports: AnyRunReport[], format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n';
    case 'csv':
      return renderCsv(reports);
    case 'md':
      return reports.map((r) => (isEuReport(r) ? renderEuMarkdown(r) : renderMarkdown(r))).join('\n');
    default:
      return reports.map((r) => (isEuReport(r) ? renderEuTable(r) : renderTable(r))).join('\n');
  }
}
