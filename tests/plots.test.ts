import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareScenarios, runScenario, sensitivity, sweepScenario } from '../src/api.js';
import { compareDoc, runDoc, sensitivityDoc, sweepDoc } from '../src/plot/docs.js';
import { renderPlot } from '../src/plot/page.js';
import { runSections } from '../src/report/format.js';
import { PLOT_BINS } from '../src/report/summary.js';
import { scenario } from './helpers.js';

const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Each mark group of a rendered chart (Vega's SVG: `<g class="mark-rect role-mark NAME">` holding one `<path>` per item): its items' aria-labels. */
function marks(svg: string, kind: 'rect' | 'symbol' | 'line' | 'rule' | 'text'): string[][] {
  const groups = [...svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark [^"]*"[^>]*>(.*?)</g>`, 'g'))];
  return groups.map((g) => [...g[1].matchAll(/<(?:path|text)[^>]*?aria-label="([^"]*)"/g)].map((m) => m[1]));
}
const titles = (svg: string) => [...svg.matchAll(/role-title-text[\s\S]*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('the run report carries fixed-size distributions for the charts', () => {
  it('counts add up to the deals and runs, whatever the number of runs', () => {
    const s = scenario(uncertain);
    for (const runs of [40, 120]) {
      const r = runScenario(s, { runs, seed: 3 });
      expect(sum(r.distributions.agreementsByRound)).toBe(r.agreement.count);
      expect(r.distributions.agreementsByRound).toHaveLength(12);
      expect(r.distributions.terms.territory.counts).toHaveLength(PLOT_BINS);
      expect(sum(r.distributions.terms.territory.counts)).toBe(r.agreement.count);
      for (const b of Object.values(r.distributions.values)) expect(sum(b.counts)).toBe(runs);
    }
  });
});

describe('SVG content (rendered in Node, checked without a browser)', () => {
  const open = scenario(uncertain, ['parties.east.name=Eastland']);
  const report = runScenario(open, { runs: 200, seed: 3 });

  it('run: agreement by round, one chart per issue, each party by name; bars match the data', async () => {
    const svg = await renderPlot('svg', runDoc([{ report, model: open.model }]));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(titles(svg)).toEqual(expect.arrayContaining(['Agreement by round (cumulative)', 'Deal terms: territory', 'Deal terms: security', 'Value of the run to each party', 'Eastland', 'west']));
    const rects = marks(svg, 'rect');
    // territory histogram, security bars (3 options), one histogram per party (3 parties)
    expect(rects.map((g) => g.length)).toEqual([PLOT_BINS, 3, PLOT_BINS, PLOT_BINS, PLOT_BINS]);
    const shares = (report.terms.security as { shares: Record<string, number> }).shares;
    // the label over each bar says its share of deals
    const label = (o: string) => marks(svg, 'text').flat().find((l) => l.startsWith(`security: ${o};`)) ?? '';
    for (const o of ['none', 'monitoring', 'force']) expect(label(o)).toContain(`label: ${(100 * shares[o]).toFixed(1)}%`);
    // one point per round of the window, the last at the agreement rate
    const points = marks(svg, 'symbol').find((g) => g.length === 12) ?? [];
    expect(points.at(-1)).toContain(`runs with a deal: ${Math.round(100 * report.agreement.rate)}%`);
    expect(svg).toContain(`${report.runs} runs`);
  });

  it('html: one inline SVG per chart, the tables, nothing fetched from the network', async () => {
    const html = await renderPlot('html', runDoc([{ report, model: open.model }]));
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/<table>/g)).toHaveLength(runSections(report).length);
    expect(html).toContain('<h3>Agreement: the share of simulated runs with a deal inside the window');
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expect(html.replace(/xmlns(:xlink)?="http[^"]*"/g, '')).not.toMatch(/https?:/);
  });

  it('sensitivity: a tornado with two bars per parameter, largest swing first', async () => {
    const r = sensitivity(open, { runs: 15, seed: 3 });
    const svg = await renderPlot('svg', sensitivityDoc(r, open.model));
    expect(titles(svg)).toContain('What moves the agreement rate most (tornado)');
    const [bars] = marks(svg, 'rect');
    expect(bars).toHaveLength(2 * Math.min(15, r.rows.length));
    expect(bars[0]).toContain(`parameter: ${r.rows[0].path.replace('parties.east.', 'Eastland: ').replace('parties.', '').replace(/^(\w+)\./, '$1: ')}`);
  });

  it('sweep: a line and its band along the parameter, for the agreement rate and a term', async () => {
    const s = scenario(uncertain);
    const r = await sweepScenario(s, [{ path: 'parties.west.discount', values: [0.9, 0.95, 0.99] }], { runs: 60, seed: 3 });
    const svg = await renderPlot('svg', sweepDoc(r, s.model));
    expect(titles(svg)).toEqual(expect.arrayContaining(['Agreement rate along west: discount', 'Deal terms: territory along west: discount']));
    expect(marks(svg, 'line')).toHaveLength(2);
    expect(svg.match(/class="mark-area role-mark/g)).toHaveLength(2);
    expect(marks(svg, 'symbol')[0]).toHaveLength(3);
  });

  it('compare: one bar per variant with its interval, and the differences', async () => {
    const r = compareScenarios([{ label: 'base', open }, { label: 'patient', open: scenario(uncertain, ['parties.west.discount=0.995']) }], { runs: 60, seed: 3 });
    const svg = await renderPlot('svg', compareDoc(r, open.model));
    expect(titles(svg)).toEqual(expect.arrayContaining(['Agreement rate by variant', 'Differences from base']));
    expect(marks(svg, 'rect')[0]).toHaveLength(2);
    expect(svg).toContain('measure: value to Eastland');
  });
});

/** Debian's chromium, Ubuntu's chromium-browser, or CHROME_BIN. */
function findChromium(): string | null {
  for (const bin of [process.env.CHROME_BIN, 'chromium', 'chromium-browser'].filter((x): x is string => !!x))
    if (spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0) return bin;
  return null;
}
const chromium = findChromium();
if (!chromium) console.warn('plots.test.ts: skipping the browser rendering test: no chromium found (apt-get install chromium, or set CHROME_BIN)');

describe.skipIf(!chromium)('files open in headless Chromium', () => {
  it('run (HTML), sensitivity, sweeps (one and two parameters) and compare (SVG) from the CLI render with the expected charts', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-plots-'));
    const f = (name: string) => join(dir, name);
    const cli = [
      parley('run', 'scenarios/default.yaml', '-n', '30', '-w', '1', '--plot', f('run.html'), '-o', f('run.txt')),
      parley('sensitivity', 'tests/fixtures/uncertain.yaml', '-n', '20', '--plot', f('tornado.svg'), '-o', f('s.txt')),
      parley('sweep', 'tests/fixtures/uncertain.yaml', '--param', 'parties.west.discount=0.9:0.99:0.03', '-n', '40', '-w', '1', '--plot', f('sweep.svg'), '-o', f('w.txt')),
      parley('compare', 'tests/fixtures/uncertain.yaml', '--variant', 'patient: parties.west.discount=0.995', '-n', '40', '--plot', f('compare.svg'), '-o', f('c.txt')),
      parley('sweep', 'tests/fixtures/uncertain.yaml', '--param', 'parties.west.discount=0.9,0.99', '--param', 'parties.east.reservation=0.3,0.4', '-n', '30', '-w', '1', '--plot', f('sweep2.svg'), '-o', f('w2.txt')),
    ];
    for (const r of cli) expect(r.stderr).toBe('');
    const dom = (file: string) => {
      const r = spawnSync(chromium as string, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('parsererror');
      return r.stdout;
    };
    const run = dom(f('run.html'));
    expect(run.match(/<figure class="chart"/g)).toHaveLength(5);
    expect(run.match(/<svg /g)).toHaveLength(5);
    expect(titles(run)).toEqual(expect.arrayContaining(['Agreement by round (cumulative)', 'Deal terms: territory', 'Deal terms: security', 'Deal terms: aid', 'Value of the run to each party', 'United States', 'Ukraine', 'Russia']));
    expect(marks(run, 'rect').map((g) => g.length)).toEqual([PLOT_BINS, 4, 3, PLOT_BINS, PLOT_BINS, PLOT_BINS, PLOT_BINS]);
    expect(run.match(/<table>/g)?.length).toBeGreaterThanOrEqual(4);

    const tornado = dom(f('tornado.svg'));
    expect(titles(tornado)).toContain('What moves the agreement rate most (tornado)');
    expect(marks(tornado, 'rect')[0].length).toBeGreaterThanOrEqual(2);

    const sweep = dom(f('sweep.svg'));
    expect(titles(sweep)).toContain('Agreement rate along west: discount');
    expect(marks(sweep, 'symbol')[0]).toHaveLength(4);

    const compare = dom(f('compare.svg'));
    expect(titles(compare)).toEqual(expect.arrayContaining(['Agreement rate by variant', 'Differences from baseline']));
    expect(compare.match(/role-legend"/g)).toHaveLength(1);

    // Two parameters: each series named whole in its chart's legend (a categorical sweep: tests/charts.test.ts).
    const sweep2 = dom(f('sweep2.svg'));
    const legendLabels = [...sweep2.matchAll(/role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(legendLabels).toEqual(['east: reservation = 0.3', 'east: reservation = 0.4', 'east: reservation = 0.3', 'east: reservation = 0.4']);

  });
});

describe('--plot on the command line', () => {
  it('refuses a file that is neither .svg nor .html, before running anything (exit 2), and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-plots-'));
    const r = parley('run', 'tests/fixtures/uncertain.yaml', '-n', '10', '--plot', join(dir, 'chart.png'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--plot expects a file ending in .svg, .html or .vl.json, got');
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'chart.png'))).toBe(false);
  });
});
