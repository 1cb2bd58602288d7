import type { SensitivityReport } from '../report/sensitivity.js';
import { paramLabel, type ChartLabels } from './labels.js';
import type { Chart } from './render.js';

const TOP = 15;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const short = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * The tornado chart: for each parameter (largest swing on top), a bar from the
 * baseline agreement rate to the rate with the parameter at its low value and
 * another to the rate at its high value.
 */
export function tornadoChart(r: SensitivityReport, labels: ChartLabels): Chart {
  const rows = r.rows.slice(0, TOP);
  const name = (row: (typeof rows)[number]) => `${paramLabel(row.path, labels)} (${short(row.low)} – ${short(row.high)})`;
  const base = r.baseline.agreementRate;
  const lowName = (row: (typeof rows)[number]) => `low (${row.basis === 'p10/p90' ? 'p10' : '−20%'})`;
  const highName = (row: (typeof rows)[number]) => `high (${row.basis === 'p10/p90' ? 'p90' : '+20%'})`;
  const values = rows.flatMap((row) => [
    { parameter: name(row), setting: lowName(row), rate: row.atLow.agreementRate, base },
    { parameter: name(row), setting: highName(row), rate: row.atHigh.agreementRate, base },
  ]);
  const settings = [...new Set([...rows.map(lowName), ...rows.map(highName)])];
  const y = { field: 'parameter', type: 'nominal', sort: rows.map(name), title: null, axis: { labelLimit: 0 } };
  return {
    title: 'What moves the agreement rate most (tornado)',
    spec: {
      subtitle: [
        `each parameter held at its low and then its high value, everything else as in the scenario; baseline ${pct(base)} (vertical line)`,
        `${r.runs} runs per setting, same random numbers; ${rows.length} of ${r.rows.length} parameters, largest swing first`,
      ],
      width: 420,
      height: { step: 22 },
      layer: [
        {
          data: { values },
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            y,
            x: { field: 'rate', type: 'quantitative', title: 'agreement rate', axis: { format: '.0%' } },
            x2: { field: 'base' },
            color: { field: 'setting', type: 'nominal', title: 'parameter at', scale: { domain: settings, range: settings.map((x) => (x.startsWith('low') ? '#4c78a8' : '#e45756')) } },
          },
        },
        { data: { values: [{ base }] }, mark: { type: 'rule', color: '#333', strokeWidth: 1.5 }, encoding: { x: { field: 'base', type: 'quantitative' } } },
      ],
    },
  };
}
