import type { SweepReport } from '../report/sweep.js';
import type { Spread } from '../report/summary.js';
import { paramLabel, type ChartLabels } from './labels.js';
import type { Chart } from './render.js';

/** The swept parameter on the x axis: quantitative when every value is a number. */
function xAxis(r: SweepReport, labels: ChartLabels) {
  const path = r.params[0];
  const numeric = r.points.every((p) => typeof p.values[path] === 'number' || /^-?[\d.eE+-]+$/.test(String(p.values[path])));
  const order = [...new Set(r.points.map((p) => String(p.values[path])))];
  return { enc: { field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: paramLabel(path, labels), ...(numeric ? { scale: { zero: false } } : { sort: order }) }, value: (v: unknown) => (numeric ? Number(v) : String(v)) };
}

/** Further swept parameters (if any) become one line each. */
const seriesOf = (r: SweepReport, values: Record<string, unknown>) => r.params.slice(1).map((p) => `${p}=${String(values[p])}`).join(', ') || 'all';

function lineWithBand(x: Record<string, unknown>, y: Record<string, unknown>, multi: boolean) {
  const color = multi ? { color: { field: 'series', type: 'nominal', title: 'other parameters' } } : {};
  return [
    { mark: { type: 'area', opacity: 0.2, ...(multi ? {} : { color: '#4c78a8' }) }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...color } },
    { mark: { type: 'line', point: true, ...(multi ? {} : { color: '#4c78a8' }) }, encoding: { x, y: { ...y, field: 'mid' }, ...color } },
  ];
}

/**
 * Along the swept parameter: the agreement rate with its 95% interval (band),
 * and the first numeric issue's mean term with the middle 90% of deals (band).
 */
export function sweepCharts(r: SweepReport, labels: ChartLabels): Chart[] {
  const { enc, value } = xAxis(r, labels);
  const multi = r.params.length > 1;
  const agreement = r.points.map((p) => ({ x: value(p.values[r.params[0]]), series: seriesOf(r, p.values), mid: p.report.agreement.rate, lo: p.report.agreement.ci95[0], hi: p.report.agreement.ci95[1] }));
  const charts: Chart[] = [
    {
      title: `Agreement rate along ${paramLabel(r.params[0], labels)}`,
      spec: {
        subtitle: `shaded: 95% interval (Wilson) · ${r.runs} runs per point, same random numbers at every point`,
        width: 520,
        height: 220,
        data: { values: agreement },
        layer: lineWithBand(enc, { type: 'quantitative', title: 'agreement rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, multi),
      },
    },
  ];
  const term = Object.entries(r.points[0].report.terms).find(([, t]) => !('shares' in t))?.[0];
  if (term) {
    const values = r.points.flatMap((p) => {
      const s = p.report.terms[term] as Spread;
      return s.mean === null ? [] : [{ x: value(p.values[r.params[0]]), series: seriesOf(r, p.values), mid: s.mean, lo: s.p5, hi: s.p95 }];
    });
    charts.push({
      title: `Deal terms: ${term} along ${paramLabel(r.params[0], labels)}`,
      spec: {
        subtitle: 'line: mean over deals · shaded: middle 90% of deals (5th to 95th percentile)',
        width: 520,
        height: 220,
        data: { values },
        layer: lineWithBand(enc, { type: 'quantitative', title: `${labels.issues[term] ?? term}, mean` }, multi),
      },
    });
  }
  return charts;
}
