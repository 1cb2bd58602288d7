import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closedFormOf } from '../src/solvers/closedForm/index.js';
import { closedFormMapJacobian, exactNewton } from '../src/solvers/exactNewton.js';
import { gameForRun } from '../src/core/game.js';
import { recognitionOf } from '../src/core/recognition.js';
import { rubinsteinSplit, scenario } from './helpers.js';

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
