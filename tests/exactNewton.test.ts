import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedFormOf } from '../src/solvers/closedForm/index.js';
import { closedFormMapJacobian, exactNewton } from '../src/solvers/exactNewton.js';
import { gameForRun } from '../src/core/game.js';
import { recognitionOf } from '../src/core/recognition.js';
import { rubinsteinSplit, scenario } from './helpers.js';
import { applyMap, mapOptions } from '../src/solvers/map.js';
import { newtonFixedPoint } from '../src/solvers/newton.js';
import { andersonFixedPoint } from '../src/solvers/anderson.js';
import { solveEquilibrium } from '../src/solvers/equilibrium.js';
import type { Game } from '../src/core/game.js';
import { decisionMapJacobian, hasDecisionJacobian } from '../src/solvers/decisionJacobian.js';

// The equilibrium map's exact Jacobian (exactNewton.ts) against finite differences, and the
// Newton solve it drives against Rubinstein's closed form.
const model = scenario(readFileSync('tests/fixtures/static-default.yaml', 'utf8')).model;

describe('exact Jacobian of the equilibrium map', () => {
  it('agrees with one-sided differences on the smooth side of any kink (default scenario, generated runs and points)', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 4, maxLength: 4 }), (run, v) => {
        const g = gameForRun(model, 1, run);
        const cf = closedFormOf(g);
        expect(cf).not.toBeNull();
        const rec = recognitionOf(g);
        const d = rec.states * g.n;
        const V = Float64Array.from(v);
        const T = new Float64Array(d), J = new Float64Array(d * d);
        closedFormMapJacobian(g, cf!, rec, V, T, J);
        const h = 1e-7;
        const up = new Float64Array(d), down = new Float64Array(d), scratch = new Float64Array(d * d);
        let mismatches = 0;
        for (let k = 0; k < d; k++) {
          const Vu = Float64Array.from(V), Vd = Float64Array.from(V);
          Vu[k] += h;
          Vd[k] -= h;
          closedFormMapJacobian(g, cf!, rec, Vu, up, scratch);
          closedFormMapJacobian(g, cf!, rec, Vd, down, scratch);
          for (let i = 0; i < d; i++) {
            // The map is piecewise smooth: a choice or the binding responder changes at a kink. A kink
            // inside (V − h, V + h) leaves at least one side, the one V's own piece covers, smooth, and
            // the exact Jacobian is that piece's derivative; so it must match one of the one-sided
            // differences (both, away from kinks). A wrong entry matches neither.
            const right = (up[i] - T[i]) / h, left = (T[i] - down[i]) / h;
            const Jik = J[i * d + k];
            if (Math.min(Math.abs(right - Jik), Math.abs(left - Jik)) > 1e-5) mismatches++;
          }
        }
        expect(mismatches).toBe(0);
      }),
      { numRuns: 150, examples: [[3678, [0.05, 0.05, 0.05, 0.05]]] },
    );
  });
});

describe('exact Jacobian with a breakdown hazard', () => {
  // default.yaml: deals collapse back to the table with a chance that depends on the guarantee, so a deal in
  // slot c is worth κ_i(c)·u_i + (1 − κ_i(c))·B_i, B_i the value of being back at the table (V_i averaged over
  // the recognition states, through the continuation when the world may move). Variants: a fixed order of
  // proposers (four recognition states, so B averages over them) with a collapse cost, war for good (B
  // constant), an outside option (a responder held at it does not move with V).
  const text = readFileSync('scenarios/default.yaml', 'utf8');
  const variants: [string, string[]][] = [
    ['random recognition, back to the table', []],
    ['a fixed order, a collapse cost', ['mechanism.order=[us, ukraine, russia, europe]', 'breakdown.cost.russia=0.1']],
    ['a fixed order, war for good', ['mechanism.order=[russia, us, ukraine, europe]', 'breakdown.after=war']],
    ['an outside option', ['parties.ukraine.outside=0.3']],
  ];
  const unit = fc.double({ min: 0.05, max: 0.95, noNaN: true });
  for (const [label, sets] of variants) {
    const m = scenario(text, sets).model;
    it(`agrees with one-sided differences (${label}; generated runs, flows, continuations and points)`, () => {
      fc.assert(
        fc.property(
          fc.nat(5000),
          fc.array(unit, { minLength: 16, maxLength: 16 }),
          fc.array(fc.double({ min: -0.2, max: 0.4, noNaN: true }), { minLength: 4, maxLength: 4 }),
          fc.option(fc.record({ stay: fc.double({ min: 0, max: 1, noNaN: true }), elsewhere: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 16, maxLength: 16 }) })),
          (run, v, flows, moving) => {
            const g = gameForRun(m, 1, run);
            expect(g.breakdown).toBeDefined();
            g.rp.reservation.set(flows);
            const rec = recognitionOf(g);
            const d = rec.states * g.n;
            if (moving) g.continuation = { stay: moving.stay, elsewhere: Float64Array.from(moving.elsewhere.slice(0, d)) };
            expect(mismatches(g, Float64Array.from(v.slice(0, d)))).toBe(0);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

/** How many entries of the exact Jacobian at V match neither one-sided difference (step 1e-7) of T. */
function mismatches(g: ReturnType<typeof gameForRun>, V: Float64Array): number {
  const cf = closedFormOf(g)!;
  const rec = recognitionOf(g);
  const d = V.length;
  const T = new Float64Array(d), J = new Float64Array(d * d);
  closedFormMapJacobian(g, cf, rec, V, T, J);
  const h = 1e-7;
  const up = new Float64Array(d), down = new Float64Array(d), scratch = new Float64Array(d * d);
  let bad = 0;
  for (let k = 0; k < d; k++) {
    const Vu = Float64Array.from(V), Vd = Float64Array.from(V);
    Vu[k] += h;
    Vd[k] -= h;
    closedFormMapJacobian(g, cf, rec, Vu, up, scratch);
    closedFormMapJacobian(g, cf, rec, Vd, down, scratch);
    for (let i = 0; i < d; i++) {
      const right = (up[i] - T[i]) / h, left = (T[i] - down[i]) / h;
      if (Math.min(Math.abs(right - J[i * d + k]), Math.abs(left - J[i * d + k])) > 1e-5) bad++;
    }
  }
  return bad;
}

// Rubinstein (1982) with a fixed order a, b: V_a(a's turn) = (1 − δb)/(1 − δa·δb).
const split = (d1: number, d2: number) => rubinsteinSplit(d1, d2);

describe('Newton with the exact Jacobian', () => {
  for (const [d1, d2] of [
    [0.9, 0.8],
    [0.999, 0.998],
  ]) {
    it(`lands on Rubinstein's split in a few evaluations (δ = ${d1}, ${d2}), where plain iteration needs thousands`, () => {
      const g = gameForRun(scenario(split(d1, d2)).model, 1, 0);
      const rec = recognitionOf(g);
      const r = exactNewton(g, closedFormOf(g)!, rec, new Float64Array(rec.states * g.n), 1e-12, 30);
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeLessThanOrEqual(6);
      const first = (1 - d2) / (1 - d1 * d2);
      // State 0: a proposes; state 1: b proposes (b's own share is (1 − δa)/(1 − δa·δb)).
      expect(r.x[0]).toBeCloseTo(first, 9);
      expect(r.x[1]).toBeCloseTo(1 - first, 9);
      expect(r.x[3]).toBeCloseTo((1 - d1) / (1 - d1 * d2), 9);
    });
  }
});

/** T at τ = 0 as a new array, and with its exact Jacobian (Newton's two ways of stepping). */
function maps(g: Game) {
  const rec = recognitionOf(g);
  const d = rec.states * g.n;
  const T = (V: Float64Array) => {
    const out = new Float64Array(d);
    applyMap(g, rec, V, out, mapOptions(0));
    return out;
  };
  const withJacobian = (V: Float64Array, J: Float64Array) => {
    const out = new Float64Array(d);
    applyMap(g, rec, V, out, mapOptions(0, { jacobian: J }));
    return out;
  };
  return { T, withJacobian };
}
const clamp = (x: Float64Array) => x.forEach((v, i) => (x[i] = Math.min(1, Math.max(0, v))));

describe('Newton with the exact Jacobian under a breakdown hazard (back to the table)', () => {
  // Two parties split a unit, δ = 0.9, a proposes in state 0 and b in state 1, flows 0.2 (a) and 0.1 (b); a deal
  // collapses with chance 0.05 a round back to the table, so it is worth κ·u + (1 − κ)·B, B_i = (V_i(0) + V_i(1))/2.
  // By hand: each state's deal splits the unit, so V_a(s) + V_b(s) = κ + (1 − κ)·(B_a + B_b), and summing over the
  // states B_a + B_b = κ + (1 − κ)·(B_a + B_b), i.e. B_a + B_b = 1 and V_a(s) + V_b(s) = 1. The responders are held
  // to their values of rejecting: V_a(1) = 0.1·0.2 + 0.9·V_a(0) and V_b(0) = 0.1·0.1 + 0.9·V_b(1), so
  // 1 − V_a(0) = 0.01 + 0.9·(1 − V_a(1)), V_a(0) = 0.09 + 0.9·V_a(1) = 0.108 + 0.81·V_a(0) = 0.108/0.19:
  // the values are Rubinstein's on the flows whatever the hazard (only the terms move).
  const yaml = `
name: fragile
rounds: 12
issues:
  share: {range: [0, 1], description: "a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.2}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.1}
mechanism: {order: [a, b]}
breakdown: {hazard: 0.05, after: table}
`;
  const va0 = 0.108 / 0.19;
  const va1 = 0.02 + 0.9 * va0;
  const expected = [va0, 1 - va0, va1, 1 - va1];

  it('lands on the hand-computed values in a few evaluations, where differences spend dim + 1 per step', () => {
    const g = gameForRun(scenario(yaml).model, 1, 0);
    const { T, withJacobian } = maps(g);
    const start = Float64Array.from([0.2, 0.1, 0.2, 0.1]);
    const exact = newtonFixedPoint(T, start, { tol: 1e-12, project: clamp, withJacobian });
    const byDifferences = newtonFixedPoint(T, start, { tol: 1e-12, project: clamp });
    expect(exact.converged).toBe(true);
    expect(exact.iterations).toBeLessThanOrEqual(6);
    expect(byDifferences.iterations).toBeGreaterThan(exact.iterations);
    expected.forEach((v, k) => expect(exact.x[k]).toBeCloseTo(v, 9));
    expected.forEach((v, k) => expect(solveEquilibrium(g).V[k]).toBeCloseTo(v, 9));
  });

  it('takes the steps Newton by differences takes: from where Anderson stalls, the same fixed point, for fewer evaluations (default.yaml)', () => {
    // The solver's path (Anderson, then Newton) selects the equilibrium among several: stepping with the exact
    // Jacobian must not change where it lands. Runs of default.yaml (a hazard, back to the table) at varied flows.
    const m = scenario(readFileSync('scenarios/default.yaml', 'utf8')).model;
    let compared = 0, evalsExact = 0, evalsDiff = 0;
    for (let run = 0; run < 150; run++) {
      const g = gameForRun(m, 1, run);
      g.rp.reservation.set([0.3, 0.2, 0.35, 0.2].map((v, i) => v - (0.1 * ((run * (i + 3)) % 5)) / 5));
      const { T, withJacobian } = maps(g);
      const rec = recognitionOf(g);
      const stalled = andersonFixedPoint((V, out) => applyMap(g, rec, V, out, mapOptions(0)), Float64Array.from(g.rp.reservation), { tol: 1e-8, maxIterations: 400, stallWindow: 25, project: clamp });
      if (stalled.converged) continue;
      const opts = { tol: 1e-8, maxIterations: 12, stallWindow: 4, project: clamp };
      const diff = newtonFixedPoint(T, stalled.x, opts);
      const exact = newtonFixedPoint(T, stalled.x, { ...opts, withJacobian });
      expect(exact.converged).toBe(diff.converged);
      if (!diff.converged) continue;
      compared++;
      evalsExact += exact.iterations;
      evalsDiff += diff.iterations;
      diff.x.forEach((v, k) => expect(Math.abs(exact.x[k] - v)).toBeLessThan(1e-9));
    }
    expect(compared).toBeGreaterThan(20);
    expect(evalsExact).toBeLessThan(evalsDiff / 2);
  });
});

describe('exact Jacobian under a decision rule', () => {
  // default.yaml with a quota of 3 of the 4 parties and no vetoes: each proposer buys the cheapest of several
  // coalitions (each a view of the game with its closed form), or waits; with its hazard, and with a fixed order.
  const text = readFileSync('scenarios/default.yaml', 'utf8');
  const free = ['mechanism.decision.quota=3', 'parties.us.veto=false', 'parties.russia.veto=false', 'parties.ukraine.veto=false'];
  const variants: [string, string[]][] = [
    ['random recognition, a hazard', free],
    ['a fixed order, deals final', [...free, 'mechanism.order=[us, ukraine, russia, europe]', 'breakdown.hazard=0']],
  ];
  const unit = fc.double({ min: 0.05, max: 0.95, noNaN: true });
  for (const [label, sets] of variants) {
    const m = scenario(text, sets).model;
    it(`agrees with one-sided differences of T by the coalitions' search (${label}; generated runs, flows, continuations and points)`, () => {
      fc.assert(
        fc.property(
          fc.nat(5000),
          fc.array(unit, { minLength: 16, maxLength: 16 }),
          fc.array(fc.double({ min: -0.2, max: 0.4, noNaN: true }), { minLength: 4, maxLength: 4 }),
          fc.option(fc.record({ stay: fc.double({ min: 0, max: 1, noNaN: true }), elsewhere: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 16, maxLength: 16 }) })),
          (run, v, flows, moving) => {
            const g = gameForRun(m, 1, run);
            expect(hasDecisionJacobian(g)).toBe(true);
            g.rp.reservation.set(flows);
            const rec = recognitionOf(g);
            const d = rec.states * g.n;
            if (moving) g.continuation = { stay: moving.stay, elsewhere: Float64Array.from(moving.elsewhere.slice(0, d)) };
            const V = Float64Array.from(v.slice(0, d));
            const { T, withJacobian } = decisionMaps(g);
            const J = new Float64Array(d * d);
            const TV = withJacobian(V, J);
            // Recording the choices for the Jacobian leaves T as it is.
            expect(TV).toEqual(T(V));
            const h = 1e-7;
            let bad = 0;
            for (let k = 0; k < d; k++) {
              const Vu = Float64Array.from(V), Vd = Float64Array.from(V);
              Vu[k] += h;
              Vd[k] -= h;
              const up = T(Vu), down = T(Vd);
              for (let i = 0; i < d; i++) {
                const right = (up[i] - TV[i]) / h, left = (TV[i] - down[i]) / h;
                if (Math.min(Math.abs(right - J[i * d + k]), Math.abs(left - J[i * d + k])) > 1e-5) bad++;
              }
            }
            expect(bad).toBe(0);
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it('takes the steps Newton by differences takes: from where Anderson stalls, the same fixed point, for fewer evaluations', () => {
    const m = scenario(text, free).model;
    let compared = 0, evalsExact = 0, evalsDiff = 0;
    for (let run = 0; run < 60; run++) {
      const g = gameForRun(m, 1, run);
      g.rp.reservation.set([0.3, 0.2, 0.35, 0.2].map((v, i) => v - (0.1 * ((run * (i + 3)) % 5)) / 5));
      const { T, withJacobian } = decisionMaps(g);
      const rec = recognitionOf(g);
      const stalled = andersonFixedPoint((V, out) => applyMap(g, rec, V, out, mapOptions(0)), Float64Array.from(g.rp.reservation), { tol: 1e-8, maxIterations: 400, stallWindow: 25, project: clamp });
      if (stalled.converged) continue;
      const opts = { tol: 1e-8, maxIterations: 12, stallWindow: 4, project: clamp };
      const diff = newtonFixedPoint(T, stalled.x, opts);
      const exact = newtonFixedPoint(T, stalled.x, { ...opts, withJacobian });
      expect(exact.converged).toBe(diff.converged);
      if (!diff.converged) continue;
      compared++;
      evalsExact += exact.iterations;
      evalsDiff += diff.iterations;
      diff.x.forEach((v, k) => expect(Math.abs(exact.x[k] - v)).toBeLessThan(1e-9));
    }
    expect(compared).toBeGreaterThan(5);
    expect(evalsExact).toBeLessThan(evalsDiff / 2);
  });
});

/** T by the coalitions' search (a decision rule) as a new array, and with its exact Jacobian (decisionJacobian.ts). */
function decisionMaps(g: Game) {
  const rec = recognitionOf(g);
  const { T } = maps(g);
  const withJacobian = (V: Float64Array, J: Float64Array) => {
    const out = new Float64Array(V.length);
    decisionMapJacobian(g, rec, V, out, J);
    return out;
  };
  return { T, withJacobian };
}

