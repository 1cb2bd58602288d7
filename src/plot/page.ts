import type { TableSection } from '../report/format.js';
import { renderChart, renderCharts, vegaLiteSpec, type Chart } from './render.js';

/** What a plot file shows: a heading, provenance lines, the charts and (HTML only) the tables. */
export interface PlotDoc {
  heading: string;
  /** Version, seed, runs, scenario hash, overrides: so a chart in a brief can be traced. */
  meta: string[];
  charts: Chart[];
  tables: TableSection[];
}

/** What a plot file is, from its name: `.svg`, `.html`, or `.vl.json` (the Vega-Lite spec itself); null otherwise. */
export type PlotKind = 'svg' | 'html' | 'vl.json';
export function plotKind(file: string): PlotKind | null {
  return /\.svg$/i.test(file) ? 'svg' : /\.html?$/i.test(file) ? 'html' : /\.vl\.json$/i.test(file) ? 'vl.json' : null;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function table(t: TableSection): string {
  const row = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<h3>${esc(t.title)}</h3>\n<table>\n<thead>${row(t.head, 'th')}</thead>\n<tbody>\n${t.rows.map((r) => row(r, 'td')).join('\n')}\n</tbody>\n</table>`;
}

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}.meta{color:#555;font-size:.9em;margin:0}
figure.chart{margin:2em 0}figure.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f4f4f4}`;

/** One self-contained HTML page: inline SVG charts and HTML tables, no script, nothing from the network. */
export async function renderHtml(doc: PlotDoc): Promise<string> {
  const svgs = [];
  for (const c of doc.charts) svgs.push(await renderChart(c));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${esc(doc.heading)}</title><style>${STYLE}</style></head>`,
    '<body>',
    `<h1>${esc(doc.heading)}</h1>`,
    ...doc.meta.map((m) => `<p class="meta">${esc(m)}</p>`),
    ...svgs.map((s, i) => `<figure class="chart" aria-label="${esc(doc.charts[i].title)}">${s}</figure>`),
    doc.tables.length ? '<h2>Tables</h2>' : '',
    ...doc.tables.map(table),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The plot file's text: every chart stacked in one SVG, or an HTML page. */
export async function renderPlot(kind: PlotKind, doc: PlotDoc): Promise<string> {
  if (kind === 'html') return renderHtml(doc);
  if (kind === 'vl.json') return `${JSON.stringify(vegaLiteSpec(doc.heading, doc.charts, doc.meta), null, 2)}\n`;
  return `${await renderCharts(doc.heading, doc.charts, doc.meta)}\n`;
}
