/**
 * The run table cannot be misread (issue 15 item 4): its header says what the
 * agreement rate is, the share of runs with a bargaining range and the spread
 * across assumptions stand next to it, "why no deal" always shows, and a deal
 * timing equal to a horizon typed into the file is flagged.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/api.js';
import { outerCommand, renderMarkdown, runSections } from '../src/report/format.js';
import { timingWarnings, typedHorizons } from '../src/report/horizons.js';
import { scenario } from './helpers.js';

// a barely concedes (Boulware, exponent 0.1 over 100 rounds); b concedes linearly to its no-deal
// value 0 at round H: target_b(t) = 1 − t/(H − 1), t = round − 1, so b first accepts a's demand
// (share 1, worth 0 to b) in round H, when a (the proposer of odd rounds) offers it. With H = 5 every
// deal comes in round 5, b's horizon.
const clocks = (h: number) => `
name: clocks
rounds: 8
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, veto: true, reservation: 0, discount: 0.99, strategy: {concession: {exponent: 0.1, horizon: 100}}}
  b: {ideal: {share: 0}, weights: {share: {uniform: [0.9, 1]}}, veto: true, reservation: 0, discount: 0.99, strategy: {concession: {exponent: 1, horizon: ${h}}}}
mechanism: {order: [a, b]}
events:
  - {id: nudge, when: "round > 6", probability: 0.5, effects: []}
`;

const rows = (r: ReturnType<typeof runScenario>) => runSections(r).find((s) => s.title.startsWith('Agreement')) as ReturnType<typeof runSections>[number];

describe('the agreement section says what its numbers are', () => {
  const r = runScenario(scenario(clocks(5)), { runs: 20, seed: 1 });
  it('a header naming the share of simulated runs under the file\'s assumptions, and the interval as simulation noise only', () => {
    expect(rows(r).title).toMatch(/^Agreement: the share of simulated runs with a deal inside the window, under this file's assumptions \(its interval is simulation noise only/);
  });
  it('the share of runs with a bargaining range and the spread across assumptions right after the rate', () => {
    expect(rows(r).rows.slice(0, 3).map((x) => x[0])).toEqual(['agreement rate', 'share of runs with a bargaining range', 'spread across assumptions']);
    expect(rows(r).rows[2][1]).toContain('`parley run inline.yaml --outer 40 -n 100`');
  });
  it('the spread row, with --outer, gives the p5 to p95 of the rate across draws', () => {
    const withOuter = { ...r, outer: { draws: 40, innerRuns: 100, agreementRate: { p5: 0.1, p50: 0.5, p95: 0.9 }, terms: {} } };
    expect(rows(withOuter).rows[2][1]).toBe('agreement 10.0% to 90.0% (p5 to p95 across 40 draws; table above)');
  });
  it('the printed command carries the overrides', () => {
    expect(outerCommand({ ...r, scenario: { ...r.scenario, overrides: { 'parties.b.reservation': 0.1, 'parties.a.strategy': 'rational' } } })).toBe(
      "parley run inline.yaml --set 'parties.b.reservation=0.1' --set 'parties.a.strategy=rational' --outer 40 -n 100",
    );
  });
});

describe('"why no deal" always shows', () => {
  it('also when every run without a deal simply reached the end of the window', () => {
    // b's horizon 20 is past the 8-round window: b never accepts a's demand inside it, no run has a deal,
    // and every run ends with the window reached and talks going on.
    const r = runScenario(scenario(clocks(20)), { runs: 10, seed: 1 });
    expect(r.agreement.count).toBe(0);
    expect(rows(r).rows.find((x) => x[0] === 'why no deal')?.[1]).toBe('window reached with talks going on 10, a required party walked away 0, no feasible package 0');
  });
});

describe('a deal timing equal to a horizon typed into the file', () => {
  it('lists the horizons: the window, each concession clock, the first round of each event condition', () => {
    const s = scenario(clocks(5)).model.scenario;
    expect(typedHorizons(s)).toEqual([
      { round: 8, what: "the window's last round (rounds: 8)" },
      { round: 100, what: "a's concession horizon (100)" },
      { round: 5, what: "b's concession horizon (5)" },
      { round: 7, what: 'the first round event nudge can fire ("round > 6")' },
    ]);
  });
  it('warns in the report and the table when the median (and p90) deal round is one', () => {
    const r = runScenario(scenario(clocks(5)), { runs: 20, seed: 1 });
    expect([r.roundsToAgreement.p50, r.roundsToAgreement.p90]).toEqual([5, 5]);
    expect(r.timingWarnings).toEqual([
      "the median deal round (5) equals b's concession horizon (5), typed in the file: this timing is that assumption, not a finding",
      "the p90 deal round (5) equals b's concession horizon (5), typed in the file: this timing is that assumption, not a finding",
    ]);
    expect(renderMarkdown(r)).toContain("warning: the median deal round (5) equals b's concession horizon (5)");
  });
  it('stays silent when no timing is a typed horizon, and for deals in round 1', () => {
    const s = scenario(clocks(5)).model.scenario;
    expect(timingWarnings(s, { p50: 4, p90: 6 })).toEqual([]);
    expect(timingWarnings(s, { p50: 1, p90: 1 })).toEqual([]);
    expect(timingWarnings(s, { p50: null, p90: null })).toEqual([]);
    expect(timingWarnings(s, { p50: 7, p90: 8 })).toEqual([
      'the median deal round (7) equals the first round event nudge can fire ("round > 6"), typed in the file: this timing is that assumption, not a finding',
      "the p90 deal round (8) equals the window's last round (rounds: 8), typed in the file: this timing is that assumption, not a finding",
    ]);
  });
});
