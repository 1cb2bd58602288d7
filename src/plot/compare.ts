import type { CompareReport, Delta } from '../report/compare.js';
import type { ChartLabels } from './labels.js';
import type { Chart } from './render.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Each variant's agreement rate with its 95% interval. */
function rates(r: CompareReport): Chart {
  const values = r.variants.map((v) => ({ variant: v.label, rate: v.report.agreement.rate, lo: v.report.agreement.ci95[0], hi: v.report.agreement.ci95[1], label: pct(v.report.agreement.rate) }));
  const x = { field: 'variant', type: 'nominal', sort: r.variants.map((v) => v.label), title: null, axis: { labelAngle: 0, labelLimit: 200 } };
  return {
    title: 'Agreement rate by variant',
    spec: {
      subtitle: `error bars: 95% interval (Wilson), simulation noise only · ${r.runs} runs per variant, same random numbers`,
      width: { step: 110 },
      height: 220,
      data: { values },
      layer: [
        { mark: { type: 'bar', color: '#4c78a8', width: { band: 0.6 } }, encoding: { x, y: { field: 'rate', type: 'quantitative', title: 'agreement rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } } } },
        { mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
        { mark: { type: 'tick', color: '#222', size: 14 }, encoding: { x, y: { field: 'lo', type: 'quantitative' } } },
        { mark: { type: 'tick', color: '#222', size: 14 }, encoding: { x, y: { field: 'hi', type: 'quantitative' } } },
        { mark: { type: 'text', dy: -10, fontSize: 11 }, encoding: { x, y: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    },
  };
}

/** Each variant's difference from the first, measure by measure, with the 95% interval of the paired difference. */
function differences(r: CompareReport, labels: ChartLabels): Chart {
  const rows: { measure: string; variant: string; delta: number; lo: number; hi: number; marked: string }[] = [];
  const add = (measure: string, variant: string, d: Delta | null) => d && rows.push({ measure, variant, delta: d.delta, lo: d.ci95[0], hi: d.ci95[1], marked: d.marked ? 'yes' : 'no' });
  for (const d of r.deltas) {
    add('agreement rate', d.label, d.agreementRate);
    for (const [k, x] of Object.entries(d.terms)) add(`${k} (mean term over deals)`, d.label, x);
    for (const [k, xs] of Object.entries(d.shares)) for (const [o, x] of Object.entries(xs)) add(`${k} = ${o} (share of deals)`, d.label, x);
    for (const [k, x] of Object.entries(d.utility)) add(`value to ${labels.parties[k] ?? k}`, d.label, x);
  }
  const y = { field: 'measure', type: 'nominal', title: null, sort: [...new Set(rows.map((x) => x.measure))], axis: { labelLimit: 0 } };
  // The legend below its own chart: in a stack of charts one on the right is laid out beside the whole stack.
  const color = { field: 'variant', type: 'nominal', title: `variant − ${r.variants[0].label}`, legend: { orient: 'bottom', labelLimit: 0 } };
  return {
    title: `Differences from ${r.variants[0].label}`,
    spec: {
      subtitle: `point: difference of the two numbers compared · line: its paired 95% interval (simulation noise only) · filled: marked (interval excludes 0 and |Δ| ≥ ${r.threshold})`,
      width: 420,
      height: { step: 24 },
      data: { values: rows },
      layer: [
        { mark: { type: 'rule', color: '#999' }, encoding: { x: { datum: 0 } } },
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, yOffset: { field: 'variant' }, x: { field: 'lo', type: 'quantitative', title: 'difference (rates, shares and values on the 0–1 scale)', axis: { tickCount: 6, labelSeparation: 8 } }, x2: { field: 'hi' }, color } },
        { mark: { type: 'point', size: 60 }, encoding: { y, yOffset: { field: 'variant' }, x: { field: 'delta', type: 'quantitative' }, color, fill: { condition: { test: "datum.marked === 'yes'", field: 'variant', type: 'nominal', legend: null }, value: 'white' } } },
      ],
    },
  };
}

/** `compare --plot`: agreement rates with intervals, and the differences from the baseline. */
export function compareCharts(r: CompareReport, labels: ChartLabels): Chart[] {
  return [rates(r), differences(r, labels)];
}
