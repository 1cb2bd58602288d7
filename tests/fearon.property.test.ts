import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playMechanism } from '../src/engine/engine.js';
import { drawRunParams } from '../src/model/runParams.js';
import { scenario } from './helpers.js';

// Fearon (1995), "Rationalist explanations for war", IO 49(3): no party with a veto
// accepts a deal worth less to it than fighting on. Here: every agreement gives every
// veto party at least its no-deal value in that run, whatever the strategies.
const strategyArb = fc.constantFrom('rational', 'bayesian', 'boulware', 'linear', 'conceder', 'reciprocal', '{concession: {exponent: 0.5, horizon: 6}}');
// Numbers on a grid of hundredths: fast-check's doubles favour tiny values, which would
// leave reservations near 0 and the property nearly vacuous.
const hundredths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => v / 100);
const partyArb = fc.record({
  ideal: hundredths(0, 100),
  opt: fc.integer({ min: 0, max: 2 }),
  wNum: hundredths(5, 100),
  wOpt: hundredths(0, 100),
  reservation: fc.oneof(hundredths(0, 80).map(String), fc.constant('{uniform: [0.1, 0.7]}'), fc.constant('{uniform: [0.1, 0.7], private: true}')),
  discount: fc.oneof(hundredths(50, 99).map(String), fc.constant('{uniform: [0.9, 0.99]}')),
  veto: fc.boolean(),
  strategy: strategyArb,
});
const scenarioArb = fc.record({
  parties: fc.array(partyArb, { minLength: 2, maxLength: 3 }),
  fixedOrder: fc.boolean(),
  constrained: fc.boolean(),
});

function toYaml(s: fc.infer<typeof scenarioArb>): string {
  const ids = s.parties.map((_, i) => `p${i}`);
  const parties = s.parties
    .map(
      (p, i) => `  p${i}:
    ideal: {x: ${p.ideal}, level: ${['low', 'mid', 'high'][p.opt]}}
    weights: {x: ${p.wNum}, level: ${p.wOpt}}
    reservation: ${p.reservation}
    discount: ${p.discount}
    veto: ${p.veto}
    strategy: ${p.strategy}`,
    )
    .join('\n');
  return `name: generated
rounds: 8
issues:
  x: {range: [0, 1], grid: 11}
  level: {options: [low, mid, high]}
constraints: [${s.constrained ? `'level != "high" or x <= 0.5'` : ''}]
parties:
${parties}
mechanism: {${s.fixedOrder ? `order: [${ids.join(', ')}]` : ''}}
`;
}

describe('Fearon range: agreements are individually rational for veto parties', () => {
  it('holds for generated scenarios and strategies', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1000 }), (s, seed) => {
        const { model } = scenario(toYaml(s));
        for (let run = 0; run < 6; run++) {
          const out = playMechanism(model, seed, run);
          if (!out.agreed) continue;
          const rp = drawRunParams(model, seed, run);
          model.parties.forEach((p, i) => {
            if (p.required) expect(out.dealUtils![i]).toBeGreaterThanOrEqual(rp.reservation[i] - 1e-9);
          });
        }
      }),
      { numRuns: 60, seed: 20251122 },
    );
  });
});
