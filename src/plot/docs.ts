import type { Model } from '../model/types.js';
import { compareRows, type CompareReport } from '../report/compare.js';
import { runSections, type TableSection } from '../report/format.js';
import { sensitivityRows, type SensitivityReport } from '../report/sensitivity.js';
import type { RunReport } from '../report/summary.js';
import { sweepRows, type SweepReport } from '../report/sweep.js';
import { compareCharts } from './compare.js';
import { chartLabels } from './labels.js';
import type { PlotDoc } from './page.js';
import { runCharts } from './run.js';
import { tornadoChart } from './sensitivity.js';
import { sweepCharts } from './sweep.js';

const overrides = (o: Record<string, unknown>) => (Object.keys(o).length ? [`overrides: ${Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`] : []);
const provenance = (r: { parley: string; seed: number; runs: number; scenario: { file: string; sha256: string } }, what: string) =>
  `${r.scenario.file} · parley ${r.parley} · seed ${r.seed} · ${r.runs} ${what} · sha256 ${r.scenario.sha256.slice(0, 12)}`;

/** `run --plot`: each scenario's charts and tables (several scenarios: one after the other). */
export function runDoc(items: { report: RunReport; model: Model }[]): PlotDoc {
  const one = items.length === 1;
  const named = (title: string, r: RunReport) => (one ? title : `${r.scenario.name}: ${title}`);
  return {
    heading: one ? (items[0].report.scenario.title ?? items[0].report.scenario.name) : `parley run: ${items.map((x) => x.report.scenario.name).join(', ')}`,
    meta: items.flatMap(({ report: r }) => [provenance(r, 'runs'), ...overrides(r.scenario.overrides), ...(r.solver.notConverged ? [`warning: the equilibrium solve did not converge in ${r.solver.notConverged} runs`] : [])]),
    charts: items.flatMap(({ report, model }) => runCharts(report, chartLabels(model)).map((c) => ({ ...c, title: named(c.title, report) }))),
    tables: items.flatMap(({ report }) => runSections(report).map((t) => ({ ...t, title: named(t.title, report) }))),
  };
}

const section = (title: string, t: { head: string[]; rows: string[][] }): TableSection => ({ title, ...t });

/** `sensitivity --plot`: the tornado chart and the ranking. */
export function sensitivityDoc(r: SensitivityReport, model: Model): PlotDoc {
  return {
    heading: `${model.scenario.title ?? r.scenario.name}: sensitivity`,
    meta: [provenance(r, 'runs per setting'), ...overrides(r.scenario.overrides)],
    charts: [tornadoChart(r, chartLabels(model))],
    tables: [section('Ranking (terms over deals; an options issue shows the option whose share moves most)', sensitivityRows(r))],
  };
}

/** `sweep --plot`: agreement and a key term along the swept parameter, and the table. */
export function sweepDoc(r: SweepReport, model: Model): PlotDoc {
  const { head, body } = sweepRows(r);
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? v.toFixed(4) : v);
  return {
    heading: `${model.scenario.title ?? r.scenario.name}: sweep over ${r.params.join(' × ')}`,
    meta: [provenance(r, 'runs per point')],
    charts: sweepCharts(r, chartLabels(model)),
    tables: [section('One row per point', { head, rows: body.map((row) => row.map(cell)) })],
  };
}

/** `compare --plot`: agreement rates with intervals, differences from the baseline, and the table. */
export function compareDoc(r: CompareReport, model: Model): PlotDoc {
  return {
    heading: `Comparison: ${r.variants.map((v) => v.label).join(' vs ')}`,
    meta: [`parley ${r.parley} · seed ${r.seed} · ${r.runs} runs per variant, common random numbers`, ...r.variants.map((v) => `${v.label}: ${v.report.scenario.file}${overrides(v.report.scenario.overrides).map((o) => ` (${o})`).join('')}`)],
    charts: compareCharts(r, chartLabels(model)),
    tables: [section('Levels and differences (* : the 95% interval excludes 0 and the difference is at least the threshold)', compareRows(r))],
  };
}
