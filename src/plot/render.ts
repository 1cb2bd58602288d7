import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { textWidth } from './textWidth.js';

// Headless Vega measures text with a rough 0.8 em per character; a per-character estimate lays labels out better.
// (vega re-exports vega-scenegraph's textMetrics; its typings leave it out.)
(vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width = (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) =>
  textWidth(String(text ?? ''), item.fontSize ?? 11, item.fontWeight === 'bold' || Number(item.fontWeight) >= 600);

/** One chart: a Vega-Lite view (data inline) and its title. */
export interface Chart {
  title: string;
  /** A Vega-Lite unit, layer or facet spec without `$schema`, `config` or top-level title. */
  spec: Record<string, unknown>;
}

/** Shared look: readable fonts, no chart border, percent-friendly axes. */
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

const topLevel = (spec: Record<string, unknown>) => ({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CONFIG, background: 'white', padding: 16, ...spec });

/**
 * Renders a Vega-Lite spec to SVG text in Node: Vega's headless view
 * (renderer 'none') writes the SVG itself, so no browser, canvas or native
 * binary is involved, and the result needs nothing from the network.
 */
export async function renderSpec(spec: Record<string, unknown>): Promise<string> {
  const top = topLevel(spec) as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(top).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** One chart as a standalone SVG. */
export const renderChart = (c: Chart): Promise<string> => renderSpec(withTitle(c));

/** Several charts stacked in one SVG under a heading. */
export function renderCharts(heading: string, charts: Chart[], meta: string[] = []): Promise<string> {
  return renderSpec(stackSpec(heading, charts, meta));
}

/** The charts stacked under a heading, as one Vega-Lite spec: each chart keeps its own scales and legends, laid out beside it. */
export function stackSpec(heading: string, charts: Chart[], meta: string[] = []): Record<string, unknown> {
  return {
    title: { text: heading, fontSize: 18, subtitle: meta, subtitleFontSize: 11, offset: 16 },
    vconcat: charts.map(withTitle),
    spacing: 48,
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  };
}

/** The complete Vega-Lite spec of a stack of charts (schema, look, data inline), for Altair, R's vegawidget or the Vega editor. */
export function vegaLiteSpec(heading: string, charts: Chart[], meta: string[] = []): Record<string, unknown> {
  return topLevel(stackSpec(heading, charts, meta));
}

function withTitle(c: Chart): Record<string, unknown> {
  const { subtitle, ...rest } = c.spec as { subtitle?: string | string[] };
  return { ...rest, title: subtitle ? { text: c.title, subtitle } : c.title };
}
