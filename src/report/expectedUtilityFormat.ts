import { drawTable } from './table.js';
import type { EuReport } from './expectedUtility.js';
import type { Spread } from './summary.js';

const f4 = (x: number | null) => (x === null ? '-' : x.toFixed(4));

interface Section {
  title: string;
  head: string[];
  rows: string[][];
}

function forecastText(r: EuReport): string {
  const f = r.forecast;
  return r.exact ? f4(f.mean) : `mean ${f4(f.mean)}  (p5 ${f4(f.p5)}, p50 ${f4(f.p50)}, p95 ${f4(f.p95)})`;
}

function sections(r: EuReport): Section[] {
  const ids = Object.keys(r.positions);
  const over = r.exact ? '' : `; means over ${r.runs} runs`;
  const riskText = r.risk === 'endogenous' ? 'endogenous (from security levels, each round)' : Object.entries(r.risk).map(([p, x]) => `${p} ${x}`).join(', ');
  const spreadRow = (s: Spread) => [f4(s.mean), f4(s.p5), f4(s.p50), f4(s.p95)];
  return [
    {
      title: 'Forecast (expected-utility model)',
      head: ['measure', 'value'],
      rows: [
        [`forecast: ${r.issue} (capability × salience-weighted median of final positions)`, forecastText(r)],
        ['issue range', `[${r.range[0]}, ${r.range[1]}]`],
        ['rounds of challenges', String(r.rounds.length - 1)],
        ['risk exponents', riskText],
        ['draws', r.exact ? 'nothing is drawn: one run, exact' : `${r.runs} runs`],
      ],
    },
    {
      title: `Positions per round (round 0 = ideals${over})`,
      head: ['round', ...ids, 'weighted median'],
      rows: r.rounds.map((x) => [String(x.round), ...ids.map((p) => f4(x.positions[p])), f4(x.median)]),
    },
    {
      title: 'Final position per party',
      head: ['party', 'mean', 'p5', 'p50', 'p95', 'capability', 'salience'],
      rows: ids.map((p) => [p, ...spreadRow(r.positions[p]), f4(r.parties[p].capability), f4(r.parties[p].salience)]),
    },
  ];
}

function header(r: EuReport): string {
  const o = Object.entries(r.scenario.overrides);
  return [
    `${r.scenario.title ?? r.scenario.name}  [${r.scenario.file}]`,
    `parley ${r.parley} · seed ${r.seed} · ${r.runs} runs · sha256 ${r.scenario.sha256.slice(0, 12)} · mechanism expected-utility on ${r.issue}`,
    ...(o.length ? [`overrides: ${o.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`] : []),
  ].join('\n');
}

/** The terminal tables of an expected-utility report. */
export function renderEuTable(r: EuReport): string {
  const parts = [header(r)];
  for (const s of sections(r)) {
    parts.push(`\n${s.title}\n${drawTable(s.head, s.rows, { compact: true })}`);
  }
  return parts.join('\n') + '\n';
}

/** Markdown: the same sections as GitHub tables. */
export function renderEuMarkdown(r: EuReport): string {
  const parts = [`### ${r.scenario.title ?? r.scenario.name}\n\n${header(r).split('\n').slice(1).map((l) => `${l}  `).join('\n')}`];
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  for (const s of sections(r))
    parts.push(`**${s.title}**\n\n| ${s.head.join(' | ')} |\n|${s.head.map(() => ' --- ').join('|')}|\n${s.rows.map((row) => `| ${row.map(esc).join(' | ')} |`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}

/** Long-format CSV rows (scenario, section, key, stat, value), the same columns as `run`'s CSV, so reports stack. */
export function euCsvRows(r: EuReport): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  const add = (section: string, key: string, stat: string, value: string | number | null) => rows.push([r.scenario.name, section, key, stat, value]);
  add('meta', 'parley', 'version', r.parley);
  add('meta', 'seed', 'value', r.seed);
  add('meta', 'runs', 'value', r.runs);
  add('meta', 'sha256', 'value', r.scenario.sha256);
  add('meta', 'mechanism', 'value', r.mechanism);
  add('meta', 'issue', 'value', r.issue);
  for (const [k, v] of Object.entries(r.scenario.overrides)) add('override', k, 'value', JSON.stringify(v));
  for (const [stat, v] of Object.entries(r.forecast)) add('forecast', r.issue, stat, v);
  for (const x of r.rounds) {
    for (const [p, v] of Object.entries(x.positions)) add('round', p, `round${x.round}`, v);
    add('round', 'median', `round${x.round}`, x.median);
  }
  for (const [p, s] of Object.entries(r.positions)) for (const [stat, v] of Object.entries(s)) add('position', p, stat, v);
  return rows;
}
