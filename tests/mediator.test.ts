import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openScenarioText, runScenario } from '../src/api.js';
import { gameFor, gameForRun } from '../src/core/game.js';
import type { RoundRecord } from '../src/core/outcome.js';
import { solveAxiomatic } from '../src/solvers/axiomatic/solve.js';
import { playMechanism } from '../src/engine/engine.js';
import { meanRunParams } from '../src/model/runParams.js';
import type { Model } from '../src/model/types.js';
import { explainRun } from '../src/api/explain.js';
import { renderTranscript } from '../src/report/transcript.js';
import { problemsOf, scenario } from './helpers.js';

/** Two signatories split x ∈ [0, 1] (a wants it high, b low, linear utilities); m mediates with ideal `ideal`. */
function split(o: { da: number; db: number; ideal?: number; bias?: number; step?: number; leverage?: string; grid?: number; discount?: number; rounds?: number; strategyB?: string }): string {
  return `name: split
rounds: ${o.rounds ?? 12}
issues:
  x: {range: [0, 1], grid: ${o.grid ?? 11}}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: ${o.da}, discount: ${o.discount ?? 0.99}, veto: true}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: ${o.db}, discount: ${o.discount ?? 0.99}, veto: true, strategy: ${o.strategyB ?? 'rational'}}
  m: {ideal: {x: ${o.ideal ?? 0.9}}, weights: {x: 1}}
mechanism: {kind: mediator, mediator: m, bias: ${o.bias ?? 0}, step: ${o.step ?? 0.25}, leverage: {${o.leverage ?? ''}}}
`;
}

/** Plays run `run` and returns its outcome and every round. */
function traced(model: Model, seed: number, run: number) {
  const rounds: RoundRecord[] = [];
  const out = playMechanism(model, seed, run, (r) => rounds.push(r));
  return { out, rounds };
}

describe('mediator: closed forms', () => {
  // Nash (1950): maximise (x − da)(1 − x − db) → x* = (1 + da − db)/2, hand-derived.
  // The reservations put x* between grid points (grid step 0.1), so the continuous refinement is tested.
  for (const [da, db] of [[0, 0], [0.2, 0.4], [0.13, 0.31], [0.05, 0.6]]) {
    it(`bias 0, a zone of agreement: a deal in round 1 at the Nash split (da ${da}, db ${db})`, () => {
      const { model } = scenario(split({ da, db }));
      const out = playMechanism(model, 1, 0);
      expect(out.agreed).toBe(true);
      expect(out.round).toBe(1);
      expect(out.terms![0]).toBeCloseTo((1 + da - db) / 2, 7);
    });
  }

  it('bias 0 tables the Nash solution of the axiomatic solver (options and numeric issues, three signatories)', () => {
    const yaml = `name: three
issues:
  x: {range: [0, 1]}
  g: {options: [none, some, full]}
parties:
  a: {ideal: {x: 1, g: full}, weights: {x: 0.6, g: 0.4}, reservation: 0.2, veto: true}
  b: {ideal: {x: 0, g: none}, weights: {x: 0.5, g: 0.5}, reservation: 0.3, veto: true}
  c: {ideal: {x: 0.3, g: some}, weights: {x: 0.3, g: 0.7}, reservation: 0.25, veto: true}
  m: {ideal: {x: 0.8, g: none}, weights: {x: 1, g: 1}}
mechanism: {kind: mediator, mediator: m}
`;
    const { model } = scenario(yaml);
    const nash = solveAxiomatic(gameFor(model, meanRunParams(model)))!.find((s) => s.id === 'nash')!;
    const { out, rounds } = traced(model, 1, 0);
    expect(out.round).toBe(1);
    // Same package up to the solvers' tolerances: compare the Nash products.
    const product = (u: ArrayLike<number>) => (u[0] - 0.2) * (u[1] - 0.3) * (u[2] - 0.25);
    expect(product(rounds[0].offer!.utils)).toBeCloseTo(product(nash.utils), 8);
    expect(out.terms![1]).toBe(nash.values[1]);
  });

  it('bias 1, rational signatories, no leverage: the rejecter is met in full after 1/step rejections, at its no-deal value', () => {
    // Text 1 is m's ideal 0.9 (b gets 0.1 < 0.4); each rejection makes up step of b's shortfall 0.3;
    // after 1/step = 4 rejections b gets exactly 0.4: x = 0.6 in round 5. Hand-derived.
    for (const step of [0.25, 0.5, 1]) {
      const { model } = scenario(split({ da: 0.2, db: 0.4, bias: 1, step }));
      const { out, rounds } = traced(model, 1, 0);
      expect(rounds[0].offer!.values[0]).toBeCloseTo(0.9, 9);
      expect(out.round).toBe(1 + Math.ceil(1 / step));
      expect(out.terms![0]).toBeCloseTo(0.6, 7);
      // Between: b's utility of the text rises linearly, 0.1 + k·step·0.3.
      rounds.slice(0, -1).forEach((r, k) => expect(r.offer!.utils[1]).toBeCloseTo(0.1 + k * step * 0.3, 7));
    }
  });

  it('leverage lowers the rejecter\'s no-deal flow per rejected round, and the value counts the lowered flows (PRODUCT.md "Time and payoffs")', () => {
    const { model } = scenario(split({ da: 0.2, db: 0.4, bias: 1, leverage: 'b: 0.05', discount: 0.9 }));
    const { out, rounds } = traced(model, 1, 0);
    // b's flow: 0.4, 0.35, 0.30, ... while it rejects; its level (rational, forward-looking) is never below that flow.
    rounds.forEach((r, t) => expect(r.flows![1]).toBeCloseTo(0.4 - 0.05 * t, 12));
    rounds.forEach((r) => expect(r.thresholds[1]).toBeGreaterThanOrEqual(r.flows![1]));
    // Texts give b 0.1 + 0.075·t; the fifth meets its level 0.4 in full. In round 4 (flow 0.25) the text is worth 0.325,
    // above the flow, but holding out is worth (1 − δ)·0.25 + δ·0.4 = 0.385: b holds out (tests/mediatorForesight.test.ts).
    expect(rounds[3].thresholds[1]).toBeCloseTo(0.1 * 0.25 + 0.9 * 0.4, 9);
    expect(out.round).toBe(5);
    const T = out.round - 1;
    // Hand formula: (1 − δ)·Σ_{t<T} δ^t·flow_t + δ^T·u(deal).
    let v = 0;
    for (let t = 0; t < T; t++) v += 0.1 * 0.9 ** t * (0.4 - 0.05 * t);
    expect(out.values[1]).toBeCloseTo(v + 0.9 ** T * out.dealUtils![1], 12);
    // a never rejects: its flow stays.
    rounds.forEach((r) => expect(r.flows![0]).toBe(0.2));
  });

  it('no deal in the window: scored from then on at the last (lowered) flow', () => {
    // b wants x ≤ 0.0 at least 1 − 0.999...: empty zone (da + db > 1), leverage too small to open one in 3 rounds.
    const { model } = scenario(split({ da: 0.6, db: 0.6, leverage: 'b: 0.01', discount: 0.9, rounds: 3 }));
    const out = playMechanism(model, 1, 0);
    expect(out.agreed).toBe(false);
    expect(out.values[0]).toBeCloseTo(0.6, 12);
    // b rejected 3 rounds, so it is 0.57 from round 4 on: 0.1·(0.6 + 0.9·0.59 + 0.81·0.58) + 0.729·0.57.
    expect(out.values[1]).toBeCloseTo(0.1 * (0.6 + 0.9 * 0.59 + 0.81 * 0.58) + 0.729 * 0.57, 12);
  });
});

// Numbers on a grid of hundredths, as in fearon.property.test.ts.
const hundredths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => v / 100);
const signatoryArb = fc.record({
  ideal: hundredths(0, 100),
  opt: fc.integer({ min: 0, max: 2 }),
  wNum: hundredths(5, 100),
  wOpt: hundredths(0, 100),
  reservation: hundredths(0, 70),
  strategy: fc.constantFrom('rational', 'boulware', 'linear', 'conceder', '{concession: {exponent: 0.5, horizon: 6}}'),
  leverage: hundredths(0, 10),
});
const mediationArb = fc.record({
  signatories: fc.array(signatoryArb, { minLength: 2, maxLength: 3 }),
  mediatorIdeal: hundredths(0, 100),
  mediatorOpt: fc.integer({ min: 0, max: 2 }),
  bias: hundredths(0, 100),
  step: hundredths(5, 100),
  constrained: fc.boolean(),
});
type Mediation = fc.infer<typeof mediationArb>;

function generated(s: Mediation, o: { bias?: number; leverage?: boolean } = {}): Model {
  const opt = (k: number) => ['low', 'mid', 'high'][k];
  const parties = s.signatories
    .map((p, i) => `  p${i}: {ideal: {x: ${p.ideal}, level: ${opt(p.opt)}}, weights: {x: ${p.wNum}, level: ${p.wOpt}}, reservation: ${p.reservation}, veto: true, strategy: ${p.strategy}}`)
    .join('\n');
  const leverage = o.leverage === false ? '' : s.signatories.map((p, i) => `p${i}: ${p.leverage}`).join(', ');
  const yaml = `name: generated
rounds: 10
issues:
  x: {range: [0, 1], grid: 11}
  level: {options: [low, mid, high]}
constraints: [${s.constrained ? `'level != "high" or x <= 0.5'` : ''}]
parties:
${parties}
  m: {ideal: {x: ${s.mediatorIdeal}, level: ${opt(s.mediatorOpt)}}, weights: {x: 1, level: 1}}
mechanism: {kind: mediator, mediator: m, bias: ${o.bias ?? s.bias}, step: ${s.step}, leverage: {${leverage}}}
`;
  return scenario(yaml).model;
}

describe('mediator: properties', () => {
  it('a higher bias tables a first text the mediator likes at least as much', () => {
    fc.assert(
      fc.property(mediationArb, hundredths(0, 100), hundredths(0, 100), (s, b1, b2) => {
        const [lo, hi] = b1 <= b2 ? [b1, b2] : [b2, b1];
        const first = (bias: number) => traced(generated(s, { bias }), 1, 0).rounds[0].offer!.utils;
        const m = s.signatories.length;
        // Monotone comparative statics of max (1 − b)·N + b·M: M of the maximiser is non-decreasing in b.
        expect(first(hi)[m]).toBeGreaterThanOrEqual(first(lo)[m] - 1e-6);
      }),
      { numRuns: 60, seed: 20251201 },
    );
  });

  it('leverage never delays a deal (same scenario and seed, with and without leverage)', () => {
    fc.assert(
      fc.property(mediationArb, (s) => {
        const { out: without, rounds: a } = traced(generated(s, { leverage: false }), 1, 0);
        const { out: withLeverage, rounds: b } = traced(generated(s), 1, 0);
        // The mediator drafts as if without leverage: the same texts, round by round.
        b.forEach((r, t) => expect(Array.from(r.offer!.values)).toEqual(Array.from(a[t].offer!.values)));
        if (without.agreed) {
          expect(withLeverage.agreed).toBe(true);
          expect(withLeverage.round).toBeLessThanOrEqual(without.round);
        }
      }),
      { numRuns: 150, seed: 20251202 },
    );
  });

  it('every accepted text meets every signatory\'s acceptance level, and a rational one\'s current no-deal flow', () => {
    fc.assert(
      fc.property(mediationArb, (s) => {
        const model = generated(s);
        const { out, rounds } = traced(model, 1, 0);
        if (!out.agreed) return;
        const last = rounds[rounds.length - 1];
        model.parties.forEach((p, i) => {
          if (!p.required) return expect(last.replies[i]).toBeNull();
          expect(out.dealUtils![i]).toBeGreaterThanOrEqual(last.thresholds[i] - 1e-9);
          expect(last.thresholds[i]).toBeGreaterThanOrEqual(last.flows![i]);
        });
      }),
      { numRuns: 150, seed: 20251203 },
    );
  });
});

describe('mediator: determinism and commands', () => {
  const uncertain = split({ da: 0.2, db: 0.4, bias: 0.6, leverage: 'b: {uniform: [0, 0.05]}' }).replace('reservation: 0.4', 'reservation: {uniform: [0.3, 0.6]}');

  it('a run depends only on (scenario, seed, run index); explain replays it', () => {
    const { model } = scenario(uncertain);
    for (const run of [0, 5, 17]) {
      const a = playMechanism(model, 3, run);
      const b = playMechanism(scenario(uncertain).model, 3, run);
      expect(b).toEqual(a);
      const t = explainRun(model, 3, run);
      expect(Object.values(t.end.values)).toEqual(Array.from(a.values));
      expect(t.end.round).toBe(a.agreed ? a.round : null);
      expect(Object.keys(t.draws).sort()).toEqual(['mechanism.leverage.b', 'parties.b.reservation']);
    }
    expect(JSON.stringify(runScenario(scenario(uncertain), { runs: 40, seed: 2 }))).toBe(JSON.stringify(runScenario(scenario(uncertain), { runs: 40, seed: 2 })));
  });

  it('--set reaches the mechanism\'s numbers (bias, step, leverage)', () => {
    const base = scenario(uncertain);
    const set = scenario(uncertain, ['mechanism.bias=0', 'mechanism.step=1', 'mechanism.leverage.b=0.1']);
    const rp = gameForRun(set.model, 1, 0).rp.mediation!;
    expect([rp.bias, rp.step, rp.leverage[1]]).toEqual([0, 1, 0.1]);
    expect(gameForRun(base.model, 1, 0).rp.mediation!.bias).toBe(0.6);
  });

  it('explain tells the mediator\'s text, each reply against its level, and the leverage applied', () => {
    const { model } = scenario(split({ da: 0.2, db: 0.4, bias: 1, leverage: 'b: 0.05' }));
    const text = renderTranscript(explainRun(model, 1, 0));
    expect(text).toMatch(/m mediates: .*bias 1\.000/);
    expect(text).toMatch(/Round 1: m tables the text x 0\.900\./);
    expect(text).toMatch(/ {2}b rejects: the text is worth 0\.100 to it; it needed 0\.400\./);
    expect(text).toMatch(/\(leverage\) b's no-deal flow is now 0\.350 \(it was 0\.400\)/);
    expect(text).toMatch(/The end: a deal in round \d+/);
    expect(text).not.toMatch(/equilibrium values/);
  });

  it('the mediator never replies; its value still counts its own flow and the deal', () => {
    const { model } = scenario(split({ da: 0.2, db: 0.4 }));
    const rounds: RoundRecord[] = [];
    const out = playMechanism(model, 1, 0, (r) => rounds.push(r));
    expect(rounds.every((r) => r.replies[2] === null && r.proposer === 2)).toBe(true);
    expect(out.values[2]).toBeCloseTo(out.dealUtils![2], 12);
  });
});

describe('mediator: bad input', () => {
  const problems = (yaml: string) => {
    const found = problemsOf(() => openScenarioText('bad.yaml', yaml));
    expect(found).not.toEqual([]);
    return found;
  };
  const good = split({ da: 0.2, db: 0.4 });
  const last = good.split('\n').length - 1; // the mechanism line

  it('an unknown mediator id is named, with its line and column', () => {
    expect(problems(good.replace('mediator: m', 'mediator: us'))).toEqual([
      `bad.yaml:${last}:39 mechanism.mediator: unknown party "us" (parties are: a, b, m)`,
    ]);
  });

  it('a bias outside [0, 1] is refused where it is written', () => {
    const [p] = problems(good.replace('bias: 0', 'bias: 1.5'));
    expect(p).toBe(`bad.yaml:${last}:48 mechanism.bias: expected a number in [0, 1], got 1.5`);
  });

  it('a mediator with a veto is refused (a mediator does not sign)', () => {
    const [p] = problems(good.replace('m: {ideal: {x: 0.9}, weights: {x: 1}}', 'm: {ideal: {x: 0.9}, weights: {x: 1}, veto: true}'));
    expect(p).toMatch(/^bad\.yaml:\d+:\d+ mechanism\.mediator: the mediator "m" has veto: true, but a mediator does not sign the deal \(set parties\.m\.veto: false\)$/);
  });

  it('leverage on an unknown party or on the mediator is refused', () => {
    expect(problems(good.replace('leverage: {}', 'leverage: {z: 0.1}'))[0]).toMatch(/mechanism\.leverage\.z: unknown party "z"/);
    expect(problems(good.replace('leverage: {}', 'leverage: {m: 0.1}'))[0]).toMatch(/mechanism\.leverage\.m: leverage works on a party that replies/);
  });

  it('alternating-offers fields under kind mediator, and an unknown kind, are refused', () => {
    expect(problems(good.replace('leverage: {}', 'order: [a, b]'))[0]).toMatch(/mechanism\.order: unknown field "order"/);
    expect(problems(good.replace('kind: mediator', 'kind: broker'))[0]).toMatch(/mechanism(\.kind)?: expected kind alternating-offers \(the default\), mediator or expected-utility, got "broker"/);
  });
});
