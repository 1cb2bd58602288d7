import { roundDate } from '../report/calendar.js';
import { PLOT_BINS, type Binned, type RunReport, type Spread } from '../report/summary.js';
import type { ChartLabels } from './labels.js';
import type { Chart } from './render.js';

const W = 520;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f2 = (x: number | null) => (x === null ? '-' : x.toFixed(2));

/** Bars of a binned distribution as shares of `total`. */
const bars = (b: Binned, total: number) =>
  b.counts.map((c, i) => ({ x0: b.lo + ((b.hi - b.lo) * i) / b.counts.length, x1: b.lo + ((b.hi - b.lo) * (i + 1)) / b.counts.length, share: total ? c / total : 0 }));

/** A numeric issue: histogram of the agreed terms, with the mean marked. */
function numericTerms(r: RunReport, id: string, labels: ChartLabels): Chart {
  const s = r.terms[id] as Spread;
  const b = r.distributions.terms[id];
  const n = r.agreement.count;
  const x = { title: labels.issues[id] ?? id, scale: { domain: [b.lo, b.hi] } };
  return {
    title: `Deal terms: ${id}`,
    spec: {
      subtitle: n ? `${n} deals · mean ${f2(s.mean)} · middle 90% of deals from ${f2(s.p5)} to ${f2(s.p95)}` : 'no run reached a deal',
      width: W,
      height: 180,
      layer: [
        {
          data: { values: bars(b, n) },
          mark: { type: 'bar', color: '#4c78a8', binSpacing: 1 },
          encoding: { x: { field: 'x0', type: 'quantitative', bin: { binned: true, step: (b.hi - b.lo) / b.counts.length }, ...x }, x2: { field: 'x1' }, y: { field: 'share', type: 'quantitative', title: 'share of deals', axis: { format: '.0%' } } },
        },
        ...(s.mean === null ? [] : [{ data: { values: [{ mean: s.mean }] }, mark: { type: 'rule', color: '#e45756', strokeWidth: 2, strokeDash: [4, 3] }, encoding: { x: { field: 'mean', type: 'quantitative' } } }]),
      ],
    },
  };
}

/** An options issue: the share of deals choosing each option, in the options' order. */
function optionTerms(r: RunReport, id: string, labels: ChartLabels): Chart {
  const shares = (r.terms[id] as { shares: Record<string, number> }).shares;
  const values = Object.entries(shares).map(([option, share]) => ({ option, share, label: pct(share) }));
  const x = { field: 'option', type: 'nominal', sort: Object.keys(shares), title: labels.issues[id] ?? id, axis: { labelAngle: 0 } };
  return {
    title: `Deal terms: ${id}`,
    spec: {
      subtitle: r.agreement.count ? `share of the ${r.agreement.count} deals choosing each option` : 'no run reached a deal',
      width: W,
      height: 180,
      data: { values },
      layer: [
        { mark: { type: 'bar', color: '#4c78a8' }, encoding: { x, y: { field: 'share', type: 'quantitative', title: 'share of deals', axis: { format: '.0%' }, scale: { domain: [0, 1] } } } },
        { mark: { type: 'text', dy: -8, fontSize: 11 }, encoding: { x, y: { field: 'share', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    },
  };
}

/** Share of all runs with a deal by each round of the window (by date when the scenario has a calendar). */
function agreementByRound(r: RunReport, labels: ChartLabels): Chart {
  let cum = 0;
  const cal = labels.calendar;
  const values = r.distributions.agreementsByRound.map((c, i) => ({ round: i + 1, share: (cum += c) / r.runs, ...(cal ? { date: roundDate(cal, i + 1) } : {}) }));
  // Ticks on round starts (every k-th round, at most 9 ticks), in UTC like the dates themselves: never on days no round starts.
  const step = Math.max(1, Math.ceil(values.length / 9));
  const ticks = values.filter((_, i) => i % step === 0);
  const x = cal
    ? {
        field: 'date',
        type: 'temporal',
        title: `date the round starts (one round = ${cal.round}; a tick every ${step === 1 ? 'round' : `${step} rounds`})`,
        timeUnit: 'utcyearmonthdate',
        axis: { format: '%d %b %Y', labelAngle: -30, values: ticks.map((v) => Date.parse(`${v.date}T00:00:00Z`)) },
      }
    : { field: 'round', type: 'quantitative', title: 'round', axis: { tickMinStep: 1 } };
  const last = values.at(-1)?.share ?? 0;
  return {
    title: 'Agreement by round (cumulative)',
    spec: {
      subtitle: `share of all ${r.runs} runs with a deal by each round · ${pct(last)} within the ${r.window.rounds}-round window (95% CI, simulation noise only: ${pct(r.agreement.ci95[0])} to ${pct(r.agreement.ci95[1])})`,
      width: W,
      height: 200,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after', point: true, color: '#54a24b' },
      encoding: { x, y: { field: 'share', type: 'quantitative', title: 'runs with a deal', axis: { format: '.0%' }, scale: { domain: [0, 1] } } },
    },
  };
}

/** Each party's value of the run: one small histogram per party (party names, not ids), all on one y scale so their heights compare. */
function partyValues(r: RunReport, labels: ChartLabels): Chart {
  const top = Math.max(0.01, ...Object.values(r.distributions.values).flatMap((b) => bars(b, r.runs).map((x) => x.share)));
  const one = (id: string, b: Binned) => ({
    title: { text: labels.parties[id] ?? id, fontSize: 12, subtitle: `mean ${f2(r.utility[id].mean)} · middle 90% from ${f2(r.utility[id].p5)} to ${f2(r.utility[id].p95)}`, subtitleFontSize: 11, offset: 4 },
    width: W,
    height: 60,
    layer: [
      {
        data: { values: bars(b, r.runs) },
        mark: { type: 'bar', color: '#f58518', binSpacing: 1 },
        encoding: { x: { field: 'x0', type: 'quantitative', bin: { binned: true, step: 1 / PLOT_BINS }, title: 'value of the run (0–1)', scale: { domain: [0, 1] } }, x2: { field: 'x1' }, y: { field: 'share', type: 'quantitative', title: 'share of runs', scale: { domain: [0, top] }, axis: { format: '.0%', tickCount: 3 } } },
      },
      { data: { values: [{ mean: r.utility[id].mean }] }, mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { x: { field: 'mean', type: 'quantitative' } } },
    ],
  });
  return {
    title: 'Value of the run to each party',
    spec: {
      subtitle: [`0–1 scale: a deal is worth its terms' utility from the round it is reached, no deal the party's no-deal value`, `all ${r.runs} runs; dashed line: mean; one y scale for every party`],
      vconcat: Object.entries(r.distributions.values).map(([id, b]) => one(id, b)),
      spacing: 16,
    },
  };
}

/** The charts of one run report: deal terms per issue, agreement by round, each party's value. */
export function runCharts(r: RunReport, labels: ChartLabels): Chart[] {
  const terms = Object.entries(r.terms).map(([id, t]) => ('shares' in t ? optionTerms(r, id, labels) : numericTerms(r, id, labels)));
  return [agreementByRound(r, labels), ...terms, partyValues(r, labels)];
}
