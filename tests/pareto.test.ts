import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gameFor, gameForRun, type Game } from '../src/core/game.js';
import { ConcessionOffers, concessionOffer } from '../src/strategies/concession/concession.js';
import { topUtility } from '../src/core/tops.js';
import { utilityTable } from '../src/model/runParams.js';
import { MAX_GROUP_PAIRS, paretoFrontier, scanFrontier as linearFrontier, type CombosOf } from '../src/model/pareto.js';
import { scenario } from './helpers.js';

/**
 * The oracle: the sort-then-scan skyline, as the engine computed the frontier before its
 * grouped search. Packages by total utility (descending, ties: lower index first), each
 * kept unless a package kept before it is at least as good for every party and needs no
 * signatory it does not.
 */
function scanFrontier(table: Float64Array, n: number, P: number, combos?: CombosOf): Int32Array {
  const total = new Float64Array(P);
  for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) total[p] += table[i * P + p];
  const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => total[b] - total[a] || a - b);
  const kept: number[] = [];
  for (const p of order) {
    const dominated = kept.some((q) => {
      if (combos?.required) for (let i = 0; i < n; i++) if (combos.required[combos.combo[q] * n + i] > combos.required[combos.combo[p] * n + i]) return false;
      for (let i = 0; i < n; i++) if (table[i * P + q] < table[i * P + p]) return false;
      return true;
    });
    if (!dominated) kept.push(p);
  }
  return Int32Array.from(kept.sort((a, b) => a - b));
}

// Utilities from a few values whose floating-point sums tie or nearly tie (0.1 + 0.2 ≠ 0.3),
// so equal vectors, equal totals of different vectors and exact ties per party all occur.
const value = fc.constantFrom(0, 0.1, 0.2, 0.3, 0.5, 0.7, 1);
const instance = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), P: fc.integer({ min: 1, max: 120 }), C: fc.integer({ min: 1, max: 6 }), seedValues: fc.array(value, { minLength: 1, maxLength: 600 }) })
  .chain(({ n, P, C, seedValues }) =>
    fc.record({
      n: fc.constant(n),
      P: fc.constant(P),
      table: fc.constant(Float64Array.from({ length: n * P }, (_, k) => seedValues[k % seedValues.length] + (k % 7 === 3 ? 0.05 * ((k * 31) % 5) : 0))),
      combo: fc.array(fc.nat(C - 1), { minLength: P, maxLength: P }).map((c) => Int32Array.from(c)),
      required: fc.array(fc.constantFrom(0, 1), { minLength: C * n, maxLength: C * n }).map((r) => Uint8Array.from(r)),
      withSigners: fc.boolean(),
    }),
  );

describe('Pareto frontier', () => {
  it('is the sort-then-scan skyline exactly (generated tables with ties, combinations and signatories)', () => {
    fc.assert(
      fc.property(instance, ({ n, P, table, combo, required, withSigners }) => {
        const combos: CombosOf = withSigners ? { combo, required } : { combo };
        expect(Array.from(paretoFrontier(table, n, P, combos))).toEqual(Array.from(scanFrontier(table, n, P, combos)));
        // Without combinations every package is one group: the same set as the scan without signatories.
        expect(Array.from(paretoFrontier(table, n, P))).toEqual(Array.from(scanFrontier(table, n, P)));
      }),
      { numRuns: 400 },
    );
  });

  it('falls back, past MAX_GROUP_PAIRS pairs of groups, to a scan with linear memory that gives the same set (generated tables)', () => {
    fc.assert(
      fc.property(instance, ({ n, P, table, combo, required, withSigners }) => {
        const combos: CombosOf = withSigners ? { combo, required } : { combo };
        const grouped = Array.from(paretoFrontier(table, n, P, combos));
        // maxGroupPairs 0: every space takes the fallback.
        expect(Array.from(paretoFrontier(table, n, P, combos, 0))).toEqual(grouped);
        expect(Array.from(linearFrontier(table, n, P, combos))).toEqual(grouped);
        expect(Array.from(paretoFrontier(table, n, P, undefined, 0))).toEqual(Array.from(paretoFrontier(table, n, P)));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the frontier of 4 options issues of 22 options (234,256 combinations) without a G x G table', () => {
    // Regression: the grouped search allocated 234,256^2 bytes here and crashed. Two parties whose
    // utilities are the same up to a package's index mod 7: the frontier is those with the best vector.
    const P = 22 ** 4;
    expect(P * P).toBeGreaterThan(MAX_GROUP_PAIRS);
    const table = new Float64Array(2 * P);
    for (let p = 0; p < P; p++) (table[p] = (p % 7) / 7), (table[P + p] = ((p * 3) % 7) / 7);
    const combo = Int32Array.from({ length: P }, (_, p) => p);
    const got = paretoFrontier(table, 2, P, { combo });
    expect(got.length).toBeGreaterThan(0);
    // Only the first package of each undominated vector survives: p % 7 in {6, 5, 4} against (3p) % 7.
    for (const p of got) expect(p).toBeLessThan(7);
  });

  it('keeps the first of equal vectors, drops a dominated package, and keeps one a needed signatory protects', () => {
    // Parties in rows: packages 0 and 2 are equal, 1 is dominated by 0, 3 is best for party 1.
    const table = Float64Array.from([0.5, 0.4, 0.5, 0.1, /* party 1 */ 0.5, 0.5, 0.5, 0.9]);
    expect(Array.from(paretoFrontier(table, 2, 4))).toEqual([0, 3]);
    // Package 1 needs only party 0's signature, package 0 both: 0 cannot prune 1.
    const combos: CombosOf = { combo: Int32Array.from([1, 0, 1, 1]), required: Uint8Array.from([1, 0, 1, 1]) };
    expect(Array.from(paretoFrontier(table, 2, 4, combos))).toEqual([0, 1, 3]);
  });

  it("equals the scan on shipped scenarios' drawn tables, by both methods", () => {
    for (const file of ['default', 'bilateral-first', 'us-mediates']) {
      const { model } = scenario(readFileSync(`scenarios/${file}.yaml`, 'utf8'));
      for (let run = 0; run < 5; run++) {
        const g = gameForRun(model, 1, run);
        const table = utilityTable(model, g.rp);
        const combos: CombosOf = { combo: model.space.combo, ...(model.consent.varies ? { required: model.consent.required } : {}) };
        expect(Array.from(g.candidates)).toEqual(Array.from(scanFrontier(table, g.n, g.P, combos)));
        expect(Array.from(paretoFrontier(table, g.n, g.P, combos, 0))).toEqual(Array.from(g.candidates));
      }
    }
  });
});

/** The concession offer as a scan of the frontier (the engine's definition, before it stopped building the frontier for it). */
function concessionByScan(g: Game, j: number, target: number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (const p of g.candidates) {
    if (g.table[j * g.P + p] < target) continue;
    let score = 0;
    for (let i = 0; i < g.n; i++) if (i !== j && g.model.consent.ever[i] !== 0) score += g.table[i * g.P + p];
    if (score > bestScore) (bestScore = score), (best = p);
  }
  return best;
}
const packageOf = (g: Game, offer: { values: Float64Array } | null): number => {
  if (!offer) return -1;
  for (let p = 0; p < g.P; p++) if (offer.values.every((v, k) => v === g.model.space.packages[p * g.K + k])) return p;
  throw new Error('not a package');
};

describe('concession offers and top utilities without the frontier', () => {
  it("equal the scan of the frontier on shipped scenarios' games, for every party and generated aspirations", () => {
    // The NegMAS-like session: 1,331 grid packages with linear utilities, so equal scores occur (the tie rule).
    for (const file of ['scenarios/three-week-window', 'scenarios/bilateral-first', 'scenarios/no-preconditions', 'bench/negmas-sao']) {
      const { model } = scenario(readFileSync(`${file}.yaml`, 'utf8'));
      fc.assert(
        fc.property(fc.nat(10000), fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { minLength: 1, maxLength: 4 }), (run, levels) => {
          const g = gameForRun(model, 1, run);
          const indexed = new ConcessionOffers(g);
          for (let j = 0; j < g.n; j++) {
            const top = Math.max(...Array.from(g.candidates, (p) => g.table[j * g.P + p]));
            expect(topUtility(g, j)).toBe(top);
            for (const level of levels) {
              const scan = concessionByScan(g, j, level * top);
              expect(packageOf(g, concessionOffer(g, j, level * top))).toBe(scan);
              // The index built once per proposer gives the same offer, aspiration after aspiration.
              expect(packageOf(g, indexed.offer(j, level * top))).toBe(scan);
            }
            // Exactly a package's own utility (the bucket edge), and above every package.
            const u = g.table[j * g.P + (run % g.P)];
            expect(packageOf(g, indexed.offer(j, u))).toBe(concessionByScan(g, j, u));
            expect(indexed.offer(j, top + 1e-9)).toBeNull();
          }
        }),
        { numRuns: 25 },
      );
    }
  });

  it('the index built once per proposer gives the scan\'s offer when many packages tie (generated games on a coarse grid)', () => {
    // Four issues of five options, each option worth 0, 0.5 or 1 to a party, equal weights: totals tie
    // across hundreds of the 625 packages, so the first-best-package rule and the frontier tie rule are hit
    // inside the aspiration's own bucket and across buckets.
    const optionValues = fc.array(fc.constantFrom(0, 0.5, 1), { minLength: 60, maxLength: 60 });
    fc.assert(
      fc.property(optionValues, fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { minLength: 1, maxLength: 5 }), (vals, levels) => {
        const names = ['o0', 'o1', 'o2', 'o3', 'o4'];
        const party = (i: number) =>
          `  p${i}:\n    weights: {a: 1, b: 1, c: 1, d: 1}\n    utility: {${['a', 'b', 'c', 'd']
            .map((k, x) => `${k}: {values: {${names.map((o, y) => `${o}: ${vals[i * 20 + x * 5 + y]}`).join(', ')}}}`)
            .join(', ')}}\n    veto: true\n    reservation: 0\n`;
        const issues = ['a', 'b', 'c', 'd'].map((k) => `  ${k}: {options: [${names.join(', ')}]}\n`).join('');
        const { model } = scenario(`name: ties\nrounds: 4\nissues:\n${issues}parties:\n${party(0)}${party(1)}${party(2)}mechanism: {order: [p0, p1, p2]}\n`);
        const g = gameForRun(model, 1, 0);
        const indexed = new ConcessionOffers(g);
        for (let j = 0; j < g.n; j++) {
          const top = topUtility(g, j);
          for (const level of [...levels, 0, 0.25, 0.5, 0.75, 1]) expect(packageOf(g, indexed.offer(j, level * top))).toBe(packageOf(g, concessionOffer(g, j, level * top)));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('skips a tied package off the frontier: the first package with the best total for the others may be dominated', () => {
    // Only a cares about `flag`; b's utility is the same for both flags, so (x, off) and (x, on) tie for
    // a concession offer by a (its score is b's utility), and (x, on) dominates (x, off), which comes first.
    const { model } = scenario(`
name: tie
rounds: 4
issues:
  flag: {options: ['off', 'on']}
  split: {options: [low, high]}
parties:
  a:
    weights: {flag: 0.5, split: 0.5}
    utility: {flag: {values: {'off': 0, 'on': 1}}, split: {values: {low: 1, high: 0}}}
    veto: true
    reservation: 0
    strategy: {concession: {exponent: 1, horizon: 4}}
  b:
    weights: {flag: 0, split: 1}
    utility: {split: {values: {low: 0, high: 1}}}
    veto: true
    reservation: 0
mechanism: {order: [a, b]}
`);
    const g = gameForRun(model, 1, 0);
    const off = packageOf(g, { values: Float64Array.from([0, 1]) }), on = packageOf(g, { values: Float64Array.from([1, 1]) });
    expect(off).toBeLessThan(on);
    expect(Array.from(g.candidates)).not.toContain(off);
    expect(packageOf(g, concessionOffer(g, 0, 0))).toBe(on);
    expect(packageOf(g, new ConcessionOffers(g).offer(0, 0))).toBe(on);
    expect(concessionByScan(g, 0, 0)).toBe(on);
  });
});

describe("a run's next game", () => {
  it('borrows the table and frontier of the game it replaces only when no utility parameter changed', () => {
    const { model } = scenario(readFileSync('scenarios/three-week-window.yaml', 'utf8'));
    const g = gameForRun(model, 1, 7);
    const table = g.table, candidates = g.candidates;
    const patience = { ...g.rp, discount: g.rp.discount.map((d) => d * 0.99) };
    const next = gameFor(model, patience, false, g);
    expect(next.table).toBe(table);
    expect(next.candidates).toBe(candidates);
    const weights = Float64Array.from(g.rp.weights);
    weights[0] += 0.01;
    const moved = gameFor(model, { ...g.rp, weights }, false, g);
    expect(moved.table).not.toBe(table);
    expect(moved.table[0]).not.toBe(table[0]);
    const ideal = g.rp.utilities.map((row) => row.map((r) => ({ ...r })));
    ideal[0][0].ideal += 0.01;
    expect(gameFor(model, { ...g.rp, utilities: ideal }, false, g).table).not.toBe(table);
  });
});
