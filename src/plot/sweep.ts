import type { SweepReport } from '../report/sweep.js';
import type { Spread } from '../report/summary.js';
import { paramLabel, type ChartLabels } from './labels.js';
import type { Chart } from './render.js';

/** The swept parameter on the x axis: quantitative when every value is a number. */
function xAxis(r: SweepReport, labels: ChartLabels) {
  const path = r.params[0];
  const numeric = r.points.every((p) => typeof p.values[path] === 'number' || /^-?[\d.eE+-]+$/.test(String(p.values[path])));
  const order = [...new Set(r.points.map((p) => String(p.values[path])))];
  const enc = { field: 'x', type: numeric ? 'quantitative' : 'nominal', title: paramLabel(path, labels), ...(numeric ? { scale: { zero: false } } : { sort: order, axis: { labelAngle: 0 } }) };
  return { enc, numeric, value: (v: unknown) => (numeric ? Number(v) : String(v)) };
}

/** Further swept parameters (if any) name each series in words: `Ukraine: discount = 0.95 · United States: strategy = boulware`. */
const seriesOf = (r: SweepReport, values: Record<string, unknown>, labels: ChartLabels) =>
  r.params.slice(1).map((p) => `${paramLabel(p, labels)} = ${typeof values[p] === 'object' ? JSON.stringify(values[p]) : String(values[p])}`).join(' · ') || 'all';

/** The legend of the series: every label whole (never cut to "parties.russia.discount=0.…"), below the chart. */
const seriesColor = (r: SweepReport, labels: ChartLabels) => ({
  color: { field: 'series', type: 'nominal', title: r.params.slice(1).map((p) => paramLabel(p, labels)).join(' · '), legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0, titleLimit: 0 } },
});

/**
 * A numeric parameter: a line through the points with its band. A
 * categorical one (a strategy, an option): a point per value with its
 * interval as an error bar, side by side per series: no line joins values
 * that have no order between them.
 */
function lineWithBand(x: Record<string, unknown>, y: Record<string, unknown>, multi: boolean, numeric: boolean, legend: Record<string, unknown>) {
  const color = multi ? legend : {};
  const fixed = multi ? {} : { color: '#4c78a8' };
  if (!numeric) {
    const offset = multi ? { xOffset: { field: 'series' } } : {};
    return [
      { mark: { type: 'rule', strokeWidth: 2, ...fixed }, encoding: { x, ...offset, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...color } },
      { mark: { type: 'point', filled: true, size: 70, ...fixed }, encoding: { x, ...offset, y: { ...y, field: 'mid' }, ...color } },
    ];
  }
  return [
    { mark: { type: 'area', opacity: 0.2, ...fixed }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...color } },
    { mark: { type: 'line', point: true, ...fixed }, encoding: { x, y: { ...y, field: 'mid' }, ...color } },
  ];
}

/**
 * Along the swept parameter: the agreement rate with its 95% interval (band),
 * and the first numeric issue's mean term with the middle 90% of deals (band).
 */
export function sweepCharts(r: SweepReport, labels: ChartLabels): Chart[] {
  const { enc, numeric, value } = xAxis(r, labels);
  const multi = r.params.length > 1;
  const legend = seriesColor(r, labels);
  const agreement = r.points.map((p) => ({ x: value(p.values[r.params[0]]), series: seriesOf(r, p.values, labels), mid: p.report.agreement.rate, lo: p.report.agreement.ci95[0], hi: p.report.agreement.ci95[1] }));
  const charts: Chart[] = [
    {
      title: `Agreement rate along ${paramLabel(r.params[0], labels)}`,
      spec: {
        subtitle: `${numeric ? 'shaded' : 'bars'}: 95% interval (Wilson), simulation noise only · ${r.runs} runs per point, same random numbers at every point`,
        width: 520,
        height: 220,
        data: { values: agreement },
        layer: lineWithBand(enc, { type: 'quantitative', title: 'agreement rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, multi, numeric, legend),
      },
    },
  ];
  const term = Object.entries(r.points[0].report.terms).find(([, t]) => !('shares' in t))?.[0];
  if (term) {
    const values = r.points.flatMap((p) => {
      const s = p.report.terms[term] as Spread;
      return s.mean === null ? [] : [{ x: value(p.values[r.params[0]]), series: seriesOf(r, p.values, labels), mid: s.mean, lo: s.p5, hi: s.p95 }];
    });
    charts.push({
      title: `Deal terms: ${term} along ${paramLabel(r.params[0], labels)}`,
      spec: {
        subtitle: numeric ? 'line: mean over deals · shaded: middle 90% of deals (5th to 95th percentile)' : 'point: mean over deals · bar: middle 90% of deals (5th to 95th percentile)',
        width: 520,
        height: 220,
        data: { values },
        layer: lineWithBand(enc, { type: 'quantitative', title: `${labels.issues[term] ?? term}, mean` }, multi, numeric, legend),
      },
    });
  }
  return charts;
}
