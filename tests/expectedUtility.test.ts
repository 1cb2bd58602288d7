/**
 * The expected-utility (Bueno de Mesquita) mechanism: the equations of
 * docs/model.md ("The expected-utility model") on a hand-worked example, the
 * weighted-median property of the pairwise vote, endogenous risk, determinism,
 * bad input, and the CLI's dispatch. CLI tests spawn dist/ (build first).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openScenarioText, runExpectedUtility } from '../src/api.js';
import {
  endogenousRisk, expectedUtilities, expectedUtilityModel, pairwiseVote, playExpectedUtility, playRound, responseTo, voteLoss, winningPosition, winProbability,
  type EuState,
} from '../src/forecast/expected-utility/index.js';
import { weightedMedian } from '../src/stats/weightedMedian.js';
import { problemsOf, scenario } from './helpers.js';

const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });

/*
 * Hand-worked example (risk r = 1, Q = 1, issue range [0, 1]):
 *   party  x    c    s    w = c·s
 *   a      0    0.4  0.5  0.2
 *   b      0.4  0.2  1    0.2
 *   c      1    0.6  0.5  0.3
 * Winning position μ: voteLoss(0) = 0.2·0.4 + 0.3·1 = 0.38, voteLoss(0.4) = 0.2·0.4 + 0.3·0.6 = 0.26,
 *   voteLoss(1) = 0.2·1 + 0.2·0.6 = 0.32, so μ = 0.4 (also the weighted median: cumulative 0.2, 0.4 ≥ 0.35).
 * P_ij = Σ max(0, v_k)/Σ|v_k| with v_k = w_k(|x_k − x_j| − |x_k − x_i|):
 *   P_ab: v = (0.08, −0.08, −0.12) → 0.08/0.28 = 2/7;  P_ba = 5/7
 *   P_ac: v = (0.2, 0.04, −0.3)    → 0.24/0.54 = 4/9;  P_ca = 5/9
 *   P_bc: v = (0.12, 0.12, −0.18)  → 0.24/0.42 = 4/7;  P_cb = 3/7
 * With r = 1 and Q = 1: U^s = 2d, U^f = −2d, U^sq = 0, so E_ij = 2d_ij·(1 − 2·s_j·(1 − P_ij)):
 *   E_ab = 0.8(1 − 2·1·5/7)   = −12/35     E_ba = 0.8(1 − 2·0.5·2/7) = 4/7
 *   E_ac = 2(1 − 2·0.5·5/9)   = 8/9        E_ca = 2(1 − 2·0.5·4/9)   = 10/9
 *   E_bc = 1.2(1 − 2·0.5·3/7) = 24/35      E_cb = 1.2(1 − 2·1·4/7)   = −6/35
 * Round 1:
 *   a: from b, E_ab < 0 and |E_ab| = 12/35 < E_ba = 20/35 → compromise to 0 + 0.4·(12/35)/(20/35) = 0.24;
 *      from c, E_ac = 8/9 > 0 and E_ca = 10/9 > E_ac → conflict lost, to 1. Least move: 0.24.
 *   b: E_ab < 0 and E_cb < 0: nobody challenges it; stays at 0.4.
 *   c: from a, E_ca > E_ac: c would win the conflict, no move; from b, E_cb = −6/35, E_bc = 24/35 →
 *      compromise to 1 + (0.4 − 1)·(6/35)/(24/35) = 0.85.
 *   Positions (0.24, 0.4, 0.85); weighted median 0.4.
 */
const HAND = `
name: hand
issues: {x: {range: [0, 1]}}
parties:
  a: {ideal: {x: 0}, weights: {x: 1}, power: 0.4}
  b: {ideal: {x: 0.4}, weights: {x: 1}, power: 0.2}
  c: {ideal: {x: 1}, weights: {x: 1}, power: 0.6}
mechanism: {kind: expected-utility, rounds: 1, salience: {a: 0.5, b: 1, c: 0.5}}
`;
const handState = (): EuState => ({ x: Float64Array.of(0, 0.4, 1), w: Float64Array.of(0.2, 0.2, 0.3), s: Float64Array.of(0.5, 1, 0.5), range: 1 });

describe('expected-utility model: hand-worked example', () => {
  it('the winning position, probabilities and expected utilities match the hand computation to 1e-12', () => {
    const st = handState();
    expect(winningPosition(st)).toBe(0.4);
    expect(voteLoss(st, 0)).toBeCloseTo(0.38, 12);
    expect(winProbability(st, 0, 1)).toBeCloseTo(2 / 7, 12);
    expect(winProbability(st, 1, 0)).toBeCloseTo(5 / 7, 12);
    expect(winProbability(st, 0, 2)).toBeCloseTo(4 / 9, 12);
    expect(winProbability(st, 1, 2)).toBeCloseTo(4 / 7, 12);
    const e = expectedUtilities(st, 0.4, [1, 1, 1], 1, 1);
    const want = [0, -12 / 35, 8 / 9, 4 / 7, 0, 24 / 35, 10 / 9, -6 / 35, 0];
    want.forEach((v, k) => expect(Math.abs(e[k] - v), `E[${k}]`).toBeLessThan(1e-12));
  });

  it('one round: a compromises with b, c compromises with b, b stays', () => {
    const st = handState();
    const e = expectedUtilities(st, 0.4, [1, 1, 1], 1, 1);
    expect(responseTo(e, 3, 0, 0.4, 0, 1)?.kind).toBe('compromise');
    expect(responseTo(e, 3, 0, 1, 0, 2)?.kind).toBe('conflict');
    expect(responseTo(e, 3, 1, 1, 2, 0)).toBeNull();
    const step = playRound(st, Float64Array.of(1, 1, 1), 1, 1);
    [0.24, 0.4, 0.85].forEach((v, i) => expect(Math.abs(step.x[i] - v), `party ${i}`).toBeLessThan(1e-12));
    expect(step.mu).toBe(0.4);
  });

  it('from a scenario file: positions per round, the forecast, one exact run', () => {
    const r = runExpectedUtility(scenario(HAND), { runs: 500 });
    expect(r.exact).toBe(true);
    expect(r.runs).toBe(1);
    expect(r.rounds.map((x) => x.positions)).toEqual([{ a: 0, b: 0.4, c: 1 }, { a: 0.24, b: 0.4, c: 0.85 }]);
    expect(r.forecast).toEqual({ mean: 0.4, p5: 0.4, p50: 0.4, p95: 0.4 });
    expect(r.parties.c).toEqual({ capability: 0.6, salience: 0.5 });
  });

  it('without mechanism.salience, salience is the normalised weight on the issue', () => {
    const s = scenario(`
name: w
issues: {x: {range: [0, 10]}, y: {options: [p, q]}}
parties:
  a: {ideal: {x: 0, y: p}, weights: {x: 1, y: 3}}
  b: {ideal: {x: 10, y: q}, weights: {x: 2, y: 2}}
mechanism: {kind: expected-utility, issue: x}
`);
    const m = expectedUtilityModel(s.model);
    expect(m).not.toBeNull();
    expect(Array.from(playExpectedUtility(m!, 1, 0).draw.s)).toEqual([0.25, 0.5]);
  });
});

const positions = fc.array(fc.record({ x: fc.double({ min: 0, max: 1, noNaN: true }), w: fc.double({ min: 0.01, max: 5, noNaN: true }) }), { minLength: 1, maxLength: 9 });
const stateOf = (ps: { x: number; w: number }[]): EuState => ({
  x: Float64Array.from(ps, (p) => p.x),
  w: Float64Array.from(ps, (p) => p.w),
  s: Float64Array.from(ps, () => 0.5),
  range: 1,
});

describe('expected-utility model: properties', () => {
  it('with linear risk the winning position of the pairwise vote is the capability × salience-weighted median', () => {
    fc.assert(
      fc.property(positions, (ps) => {
        const st = stateOf(ps);
        const win = winningPosition(st);
        const med = weightedMedian(st.x, st.w);
        // Where two positions tie (the median is an interval), both minimise the weighted distance.
        expect(Math.abs(voteLoss(st, win) - voteLoss(st, med))).toBeLessThan(1e-9);
        const tied = Array.from(st.x).some((y) => y !== med && Math.abs(voteLoss(st, y) - voteLoss(st, med)) < 1e-9);
        if (!tied) expect(win).toBe(med);
        // It beats or ties every other position in the pairwise votes.
        for (const y of st.x) expect(pairwiseVote(st, win, y)).toBeGreaterThan(-1e-9);
      }),
    );
  });

  it('P_ij + P_ji = 1 for distinct positions; probabilities lie in [0, 1]', () => {
    fc.assert(
      fc.property(positions, fc.nat(), fc.nat(), (ps, a, b) => {
        const st = stateOf(ps);
        const [i, j] = [a % ps.length, b % ps.length];
        const p = winProbability(st, i, j);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        if (st.x[i] !== st.x[j] && ps.length > 1) expect(p + winProbability(st, j, i)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('endogenous risk exponents lie in [1/2, 2], and are 1 when every party is in equal danger', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }), (es) => {
        const e = Float64Array.of(0, es[0], es[1], 0);
        for (const r of endogenousRisk(e, 2)) {
          expect(r).toBeGreaterThanOrEqual(0.5 - 1e-12);
          expect(r).toBeLessThanOrEqual(2 + 1e-12);
        }
      }),
    );
    expect(Array.from(endogenousRisk(Float64Array.of(0, 1, 1, 0), 2))).toEqual([1, 1]);
    // Danger to party 0 is E_10 = 3, to party 1 is E_01 = −1: R = (1, −1), r = (1/2, 2).
    const r = endogenousRisk(Float64Array.of(0, -1, 3, 0), 2);
    expect(r[0]).toBeCloseTo(0.5, 12);
    expect(r[1]).toBeCloseTo(2, 12);
  });

  it('positions stay inside the hull of the ideals', () => {
    fc.assert(
      fc.property(positions, fc.constantFrom<'endogenous' | number>(1, 0.7, 1.6, 'endogenous'), (ps, risk) => {
        let st = stateOf(ps);
        const [lo, hi] = [Math.min(...st.x), Math.max(...st.x)];
        const r = risk === 'endogenous' ? risk : new Float64Array(ps.length).fill(risk);
        for (let t = 0; t < 5; t++) {
          st = { ...st, x: playRound(st, r, 1, 1).x };
          for (const x of st.x) expect(x >= lo - 1e-12 && x <= hi + 1e-12).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

const DRAWN = `
name: drawn
issues: {x: {range: [0, 1]}}
parties:
  a: {ideal: {x: {uniform: [0, 0.3]}}, weights: {x: 1}, power: 0.4}
  b: {ideal: {x: 0.5}, weights: {x: 1}, power: {uniform: [0.1, 0.5]}}
  c: {ideal: {x: 1}, weights: {x: 1}, power: 0.6}
mechanism: {kind: expected-utility, rounds: 4, salience: {a: 0.5, b: {uniform: [0.5, 1]}, c: 0.5}, risk: endogenous}
`;

describe('expected-utility model: Monte Carlo', () => {
  it('a run depends only on (scenario, seed, run index); the report is identical on a second call', () => {
    const s = scenario(DRAWN);
    const m = expectedUtilityModel(s.model)!;
    expect(m.drawn).toBe(true);
    expect(playExpectedUtility(m, 3, 7)).toEqual(playExpectedUtility(m, 3, 7));
    expect(playExpectedUtility(m, 3, 7).draw.x[0]).not.toBe(playExpectedUtility(m, 3, 8).draw.x[0]);
    const a = runExpectedUtility(s, { runs: 300, seed: 2 });
    expect(JSON.stringify(runExpectedUtility(s, { runs: 300, seed: 2 }))).toBe(JSON.stringify(a));
    expect(a.runs).toBe(300);
    expect(a.exact).toBe(false);
    expect(a.forecast.p5! <= a.forecast.p50! && a.forecast.p50! <= a.forecast.p95!).toBe(true);
    expect(runExpectedUtility(s, { runs: 300, seed: 3 }).positions.a.mean).not.toBe(a.positions.a.mean);
  });

  it('--set reaches the mechanism fields', () => {
    const s = scenario(HAND, ['mechanism.rounds=3', 'mechanism.salience.b=0.2']);
    const r = runExpectedUtility(s);
    expect(r.rounds).toHaveLength(4);
    expect(r.parties.b.salience).toBe(0.2);
  });
});

/** Opens YAML text and returns its problems as `file:line:col path: message` lines. */
function problems(yaml: string): string[] {
  return problemsOf(() => openScenarioText('eu.yaml', yaml));
}

const BASE = `name: bad
issues:
  land: {range: [0, 1]}
  status: {options: [none, full]}
parties:
  a: {ideal: {land: 0, status: none}, weights: {land: 1, status: 1}}
  b: {ideal: {land: 1, status: full}, weights: {land: 1, status: 1}}
`;

describe('expected-utility model: bad input', () => {
  it('several issues and no mechanism.issue', () => {
    expect(problems(`${BASE}mechanism: {kind: expected-utility}\n`)).toEqual([
      'eu.yaml:8:12 mechanism: the scenario has 2 issues: say which numeric one is the dimension with issue: <id> (numeric issues: land)',
    ]);
  });
  it('an unknown issue', () => {
    expect(problems(`${BASE}mechanism: {kind: expected-utility, issue: lnd}\n`)).toEqual(['eu.yaml:8:44 mechanism.issue: unknown issue "lnd" (issues are: land, status); did you mean "land"?']);
  });
  it('an options issue', () => {
    expect(problems(`${BASE}mechanism: {kind: expected-utility, issue: status}\n`)).toEqual([
      'eu.yaml:8:44 mechanism.issue: expected a numeric issue (one with a range), but "status" is an options issue (numeric issues: land)',
    ]);
  });
  it('a party without a position on the issue', () => {
    const yaml = BASE.replace('ideal: {land: 0, status: none}', 'ideal: {status: none}').replace('weights: {land: 1, status: 1}}', 'weights: {status: 1}}');
    expect(problems(`${yaml}mechanism: {kind: expected-utility, issue: land}\n`)).toEqual([
      `eu.yaml:6:14 parties.a.ideal: the expected-utility model needs every party's position on "land": give ideal.land`,
    ]);
  });
  it('an unknown party in salience, a salience above 1, an unknown kind, a field of the other kind', () => {
    expect(problems(`${BASE}mechanism: {kind: expected-utility, issue: land, salience: {z: 0.5}}\n`)).toEqual([
      'eu.yaml:8:64 mechanism.salience.z: unknown party "z" (parties are: a, b)',
    ]);
    expect(problems(`${BASE}mechanism: {kind: expected-utility, issue: land, salience: {a: 1.5}}\n`)[0]).toMatch(/^eu\.yaml:8:64 mechanism\.salience\.a: expected a number in \[0, 1\]/);
    expect(problems(`${BASE}mechanism: {kind: bdm}\n`)).toEqual(['eu.yaml:8:19 mechanism.kind: expected kind alternating-offers (the default), mediator or expected-utility, got "bdm"']);
    expect(problems(`${BASE}mechanism: {kind: expected-utility, issue: land, order: [a, b]}\n`)).toEqual(['eu.yaml:8:50 mechanism.order: unknown field "order"']);
    expect(problems(`${BASE}mechanism: {kind: expected-utility, issue: land, risk: -1}\n`)[0]).toMatch(/^eu\.yaml:8:56 mechanism\.risk: /);
  });
});

describe('expected-utility model: the CLI', () => {
  const FILE = 'scenarios/forecasts/territory-positions.yaml';
  it('run prints the positions table and the forecast; --format json carries the common header', () => {
    const t = parley('run', FILE, '-n', '200');
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/Positions per round/);
    expect(t.stdout).toMatch(/forecast: territory/);
    const j = parley('run', FILE, '-n', '200', '-f', 'json');
    expect(j.status, j.stderr).toBe(0);
    const r = JSON.parse(j.stdout);
    expect(Object.keys(r).slice(0, 4)).toEqual(['parley', 'scenario', 'seed', 'runs']);
    expect(Object.keys(r.scenario)).toEqual(['name', 'title', 'file', 'sha256', 'overrides']);
    expect(r.mechanism).toBe('expected-utility');
    expect(r.rounds).toHaveLength(11);
    const csv = parley('run', FILE, '-n', '50', '-f', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('scenario,section,key,stat,value');
  });

  // Commands that need agreements refuse it with exit 2 and say what to use (one spawn per test: the machine may be slow).
  for (const args of [['compare', FILE, FILE], ['sweep', FILE, '--param', 'parties.us.power=0.1:0.3:0.1'], ['sensitivity', FILE], ['explain', FILE, '--run', '0'], ['solve', FILE], ['run', FILE, '--outer', '2']]) {
    it(`parley ${args[0]} ${args.slice(2).join(' ')} refuses it with exit 2`, () => {
      const r = parley(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/expected-utility/);
      expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    });
  }
});
