import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledger } from '../src/api.js';
import { gameFor } from '../src/core/game.js';
import { playMechanism } from '../src/engine/engine.js';
import { bestOffer, searchTopOffers } from '../src/solvers/proposer.js';
import { explainRun } from '../src/api/explain.js';
import { drawRunParams } from '../src/model/runParams.js';
import { renderTranscript } from '../src/report/transcript.js';
import { scenario } from './helpers.js';

/**
 * a and b (both with a veto) split x ∈ [0, 1]: u_a = 0.5·x + 0.5·[form B]
 * (weights normalised, rank utility with ideal B), u_b = 1 − x. Option B
 * needs c's consent; c holds no veto and values A at 1, B at 0.5.
 */
const split = (consent: string, cReservation = 0) => `name: consent-oracle
rounds: 6
issues:
  x: {range: [0, 1]}
  form: {options: [A, B]${consent}}
parties:
  a: {ideal: {x: 1, form: B}, weights: {x: 1, form: 1}, veto: true, discount: 0.9}
  b: {ideal: {x: 0}, weights: {x: 1}, veto: true, discount: 0.9}
  c: {utility: {form: {values: {A: 1, B: 0.5}}}, weights: {form: 1}, reservation: ${cReservation}, discount: 0.9}
mechanism: {order: [a, b]}
`;

describe('consent: the proposer needs the consent of the parties its package asks', () => {
  const game = (yaml: string) => {
    const { model } = scenario(yaml);
    return gameFor(model, drawRunParams(model, 1, 0));
  };
  // Thresholds: b needs 0.4, so x ≤ 0.6 (hand computation: 1 − x ≥ 0.4); a takes x = 0.6.
  const w = (wc: number) => Float64Array.from([0, 0.4, wc]);

  it('offers the best A package when c would refuse B (c needs 0.7 > 0.5), else B (hand computation)', () => {
    const g = game(split(', consent: {B: [c]}'));
    for (const search of [false, true]) {
      const offer = (wc: number) => (search ? searchTopOffers(g, 0, w(wc), 1)[0] : bestOffer(g, 0, w(wc)))!;
      const ruledOut = offer(0.7);
      expect(ruledOut.values[1]).toBe(0); // A
      expect(ruledOut.values[0]).toBeCloseTo(0.6, 9);
      expect(ruledOut.utils[0]).toBeCloseTo(0.3, 9); // 0.5 · 0.6
      const allowed = offer(0.4);
      expect(allowed.values[1]).toBe(1); // B
      expect(allowed.values[0]).toBeCloseTo(0.6, 9);
      expect(allowed.utils[0]).toBeCloseTo(0.8, 9); // 0.5 · 0.6 + 0.5
    }
  });

  it('without consent c is not asked: B even when c would refuse it', () => {
    const g = game(split(''));
    expect(bestOffer(g, 0, w(0.7))!.values[1]).toBe(1);
  });

  it('a consent list needs the parties for every option but the no-deal one', () => {
    const { model } = scenario(split(', consent: [c], nodeal: A'));
    const n = model.parties.length;
    expect(Array.from(model.consent.required.subarray(0, n))).toEqual([1, 1, 0]); // combination A
    expect(Array.from(model.consent.required.subarray(n, 2 * n))).toEqual([1, 1, 1]); // combination B
    expect(model.consent.varies).toBe(true);
  });

  // a always proposes, so c's value of talks is its utility of a's offer: c refuses B (0.5) exactly when
  // (1 − δ)·reservation + δ·0.5 > 0.5, i.e. reservation > 0.5 (hand computation, δ = 0.9).
  it('in equilibrium play the deal is A when c prefers fighting on to B, B otherwise', () => {
    const form = (cReservation: number) => {
      const yaml = split(', consent: {B: [c]}', cReservation).replace('order: [a, b]', 'order: [a]');
      const out = playMechanism(scenario(yaml).model, 1, 0);
      expect(out.agreed).toBe(true);
      expect(out.dealUtils![2]).toBeGreaterThanOrEqual(cReservation - 1e-9);
      return out.terms![1];
    };
    expect(form(0.8)).toBe(0);
    expect(form(0.3)).toBe(1);
  });

  it('a party that has left cannot consent: the packages that need it are off the table', () => {
    const yaml = `${split(', consent: {B: [c]}')}events:\n  - {id: c_leaves, when: "round >= 1", probability: 1, effects: [{leave: c}]}\n`;
    const { model } = scenario(yaml);
    for (let run = 0; run < 5; run++) {
      const out = playMechanism(model, 1, run);
      expect(out.agreed).toBe(true);
      expect(out.terms![1]).toBe(0);
    }
  });
});

// Fearon's range with consent: whoever must sign the package that was agreed got at least its no-deal value.
const hundredths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => v / 100);
const partyArb = fc.record({
  ideal: hundredths(0, 100),
  opt: fc.integer({ min: 0, max: 2 }),
  wNum: hundredths(5, 100),
  wOpt: hundredths(0, 100),
  reservation: fc.oneof(hundredths(0, 80).map(String), fc.constant('{uniform: [0.1, 0.7]}'), fc.constant('{uniform: [0.1, 0.7], private: true}')),
  discount: fc.oneof(hundredths(50, 99).map(String), fc.constant('{uniform: [0.9, 0.99]}')),
  veto: fc.boolean(),
  strategy: fc.constantFrom('rational', 'bayesian', 'boulware', 'linear', 'reciprocal'),
});
const scenarioArb = fc.record({
  parties: fc.array(partyArb, { minLength: 2, maxLength: 3 }),
  // Per option of `level`: which parties (by bit) must consent.
  consent: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 3, maxLength: 3 }),
  fixedOrder: fc.boolean(),
});

function toYaml(s: fc.infer<typeof scenarioArb>): string {
  const ids = s.parties.map((_, i) => `p${i}`);
  const options = ['low', 'mid', 'high'];
  const consent = options.map((o, k) => `${o}: [${ids.filter((_, i) => (s.consent[k] >> i) & 1).join(', ')}]`).join(', ');
  const parties = s.parties
    .map((p, i) => `  p${i}: {ideal: {x: ${p.ideal}, level: ${options[p.opt]}}, weights: {x: ${p.wNum}, level: ${p.wOpt}}, reservation: ${p.reservation}, discount: ${p.discount}, veto: ${p.veto}, strategy: ${p.strategy}}`)
    .join('\n');
  return `name: generated
rounds: 8
issues:
  x: {range: [0, 1], grid: 11}
  level: {options: [low, mid, high], consent: {${consent}}}
parties:
${parties}
mechanism: {${s.fixedOrder ? `order: [${ids.join(', ')}]` : ''}}
`;
}

describe('Fearon range with consent by option', () => {
  it('every accepted deal gives every party whose consent that package needs at least its no-deal value', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1000 }), (s, seed) => {
        const { model } = scenario(toYaml(s));
        const n = model.parties.length;
        for (let run = 0; run < 5; run++) {
          const out = playMechanism(model, seed, run);
          if (!out.agreed) continue;
          const rp = drawRunParams(model, seed, run);
          const combo = out.terms![1]; // one options issue: the combination is its option
          for (let i = 0; i < n; i++)
            if (model.consent.required[combo * n + i]) expect(out.dealUtils![i]).toBeGreaterThanOrEqual(rp.reservation[i] - 1e-9);
        }
      }),
      { numRuns: 50, seed: 20251123 },
    );
  });
});

describe('ledger and explain show consent and commitments', () => {
  it('default.yaml: Europe must consent to a European force; the offer shows what its guarantors commit', () => {
    const open = scenario(readFileSync('scenarios/default.yaml', 'utf8'));
    const rows = ledger(open).rows;
    expect(rows.find((r) => r.path === 'issues.security.consent.european_force')?.value).toBe('europe, us must consent');
    expect(rows.find((r) => r.path === 'issues.security.commitments.article5_like')?.value).toMatch(/no US troops/);
    const t = explainRun(open.model, 1, 3);
    expect(t.parties.find((p) => p.id === 'europe')?.consentFor).toEqual(['security european_force']);
    expect(t.parties.find((p) => p.id === 'us')?.consentFor).toBeUndefined(); // it holds a veto
    const text = renderTranscript(t);
    expect(text).toMatch(/Europe \(EU and European NATO members\): .*must sign a deal with security european_force/);
    const offered = t.rounds[0].offer!.security as string;
    expect(t.rounds[0].commitments?.[0]).toMatch(new RegExp(`^security ${offered}: `));
  });
});
