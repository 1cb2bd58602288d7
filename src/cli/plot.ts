import { Option } from 'commander';
import type { PlotDoc } from '../plot/page.js';
import { InputError } from '../api.js';
import { emit } from './io.js';

export const plotOption = () =>
  new Option('--plot <file>', 'also write charts: FILE.svg (all charts in one SVG), FILE.html (one self-contained page with the charts and the tables) or FILE.vl.json (the Vega-Lite spec, data inline, to restyle in Altair, R or the Vega editor)');

/** Checks --plot's file name before any work is done (exit 2 on a bad one). */
export function checkPlot(file: string | undefined): void {
  if (file !== undefined && !/\.(svg|html?|vl\.json)$/i.test(file)) throw new InputError(`--plot expects a file ending in .svg, .html or .vl.json, got ${JSON.stringify(file)}`);
}

/** Renders and writes the plot file whole (or not at all). The charting library is loaded only when a plot is asked for. */
export async function writePlot(file: string | undefined, doc: () => PlotDoc): Promise<void> {
  if (file === undefined) return;
  const { renderPlot, plotKind } = await import('../plot/page.js');
  emit(await renderPlot(plotKind(file) ?? 'svg', doc()), file);
}
