export { renderSpec, renderChart, renderCharts, type Chart } from './render.js';
export { renderPlot, renderHtml, plotKind, type PlotDoc } from './page.js';
export { runDoc, sensitivityDoc, sweepDoc, compareDoc } from './docs.js';
export { chartLabels, type ChartLabels } from './labels.js';
export { runCharts } from './run.js';
export { tornadoChart } from './sensitivity.js';
export { sweepCharts } from './sweep.js';
export { compareCharts } from './compare.js';
