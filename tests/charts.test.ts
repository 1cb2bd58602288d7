import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { compareScenarios, runScenario, sensitivity, sweepScenario } from '../src/api.js';
import { compareDoc, runDoc, sensitivityDoc, sweepDoc } from '../src/plot/docs.js';
import { renderPlot } from '../src/plot/page.js';
import { roundDate } from '../src/scenario/calendar.js';
import { scenario } from './helpers.js';

// Charts that stay right (issue 17, item 6), checked in the SVG Vega renders in Node: legends,
// marks and labels as text. tests/plots.test.ts opens the files in headless Chromium too.
const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');
const legends = (svg: string) => [...svg.matchAll(/aria-label="Symbol legend titled '([^']*)'/g)].map((m) => m[1]);
const legendLabels = (svg: string) => [...svg.matchAll(/role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Every axis label Vega kept visible (it hides overlapping ones with opacity 0). */
const axisLabels = (svg: string) => [...svg.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)].flatMap((g) => [...g[1].matchAll(/<text[^>]*opacity="1"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
const markGroups = (svg: string, kind: string) => (svg.match(new RegExp(`class="mark-${kind} role-mark`, 'g')) ?? []).length;

describe('sweep charts', () => {
  const s = scenario(uncertain);

  it('a two-parameter sweep: one legend entry per value of the second parameter, each whole and distinct', async () => {
    const r = await sweepScenario(s, [{ path: 'parties.west.discount', values: [0.9, 0.95] }, { path: 'parties.east.reservation', values: [0.3, 0.4] }], { runs: 30, seed: 1 });
    const svg = await renderPlot('svg', sweepDoc(r, s.model));
    const labels = legendLabels(svg);
    // Two charts (agreement, territory), each with its own legend of the two series (before: "parties.east.reservation=0.…" twice).
    expect(labels).toEqual(['east: reservation = 0.3', 'east: reservation = 0.4', 'east: reservation = 0.3', 'east: reservation = 0.4']);
    expect(new Set(labels).size).toBe(2);
    for (const l of labels) expect(l).not.toContain('…');
    expect(legends(svg)).toEqual(['east: reservation', 'east: reservation']);
  });

  it('a categorical sweep (a strategy): points with interval bars, no line joining the values', async () => {
    const r = await sweepScenario(s, [{ path: 'parties.west.strategy', values: ['rational', 'boulware', 'conceder'] }], { runs: 30, seed: 1 });
    const svg = await renderPlot('svg', sweepDoc(r, s.model));
    expect(markGroups(svg, 'line')).toBe(0);
    expect(svg).not.toContain('class="mark-area role-mark');
    expect(markGroups(svg, 'symbol')).toBe(2);
    expect(markGroups(svg, 'rule')).toBe(2);
    expect(axisLabels(svg)).toEqual(expect.arrayContaining(['rational', 'boulware', 'conceder']));
  });
});

describe('labels never cut, legends beside their chart', () => {
  const open = scenario(uncertain, ['parties.east.name=The Eastern Federation of Long-Named Provinces']);

  it('tornado: every parameter label whole', async () => {
    const r = sensitivity(open, { runs: 15, seed: 3 });
    const svg = await renderPlot('svg', sensitivityDoc(r, open.model));
    const labels = axisLabels(svg).filter((l) => l.includes('The Eastern Federation'));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toMatch(/\)$/);
    expect(svg).not.toContain('…');
  });

  it('compare: one legend, the differences\' own, laid out below that chart (not beside the rates)', async () => {
    const r = compareScenarios([{ label: 'base', open }, { label: 'patient', open: scenario(uncertain, ['parties.east.name=The Eastern Federation of Long-Named Provinces', 'parties.west.discount=0.995']) }], { runs: 40, seed: 3 });
    const svg = await renderPlot('svg', compareDoc(r, open.model));
    expect(legends(svg)).toEqual(['variant − base']);
    // The legend sits inside the second chart's group, after its marks.
    const second = svg.indexOf('concat_1_group');
    expect(second).toBeGreaterThan(0);
    expect(svg.indexOf('role-legend')).toBeGreaterThan(second);
    expect(axisLabels(svg)).toContain('value to The Eastern Federation of Long-Named Provinces');
    expect(axisLabels(svg)).toEqual(expect.arrayContaining(['security = monitoring (share of deals)']));
  });
});

describe('run charts', () => {
  const open = scenario(uncertain);
  const report = runScenario(open, { runs: 200, seed: 3 });

  it('one y scale across the per-party panels', async () => {
    const doc = runDoc([{ report, model: open.model }]);
    const panels = (doc.charts.find((c) => c.title === 'Value of the run to each party')?.spec.vconcat ?? []) as { layer: { encoding: { y?: { scale?: { domain: number[] } } } }[] }[];
    expect(panels).toHaveLength(3);
    const domains = panels.map((p) => JSON.stringify(p.layer[0].encoding.y?.scale?.domain));
    expect(new Set(domains).size).toBe(1);
    // The shared top is the tallest bar of any party.
    const top = Math.max(...Object.values(report.distributions.values).flatMap((b) => b.counts.map((c) => c / report.runs)));
    expect(JSON.parse(domains[0])).toEqual([0, top]);
  });

  it('date ticks fall on round starts (rounds start on Mondays here: no tick on another day)', async () => {
    const svg = await renderPlot('svg', runDoc([{ report, model: open.model }]));
    const starts = new Set(Array.from({ length: 13 }, (_, i) => roundDate({ start: '2025-08-18', round: '1 week' }, i + 1)));
    const dates = axisLabels(svg).filter((l) => /^\d\d \w{3} \d{4}$/.test(l));
    expect(dates.length).toBeGreaterThan(2);
    for (const d of dates) {
      const iso = new Date(`${d} UTC`).toISOString().slice(0, 10);
      expect(starts.has(iso), `${d} is not a round start`).toBe(true);
    }
  });
});

describe('--plot FILE.vl.json', () => {
  it('writes the Vega-Lite spec (schema, look, data inline) that compiles, one view per chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-vl-'));
    const file = join(dir, 'charts.vl.json');
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'tests/fixtures/uncertain.yaml', '-n', '50', '-w', '1', '--plot', file, '-o', join(dir, 'r.txt')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.vconcat.map((c: { title: { text?: string } | string }) => (typeof c.title === 'string' ? c.title : c.title.text))).toEqual([
      'Agreement by round (cumulative)', 'Deal terms: territory', 'Deal terms: security', 'Value of the run to each party',
    ]);
    expect(() => compile(spec as TopLevelSpec)).not.toThrow();
  });
});
