import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playMechanism } from '../src/engine/engine.js';
import type { RoundRecord } from '../src/core/outcome.js';
import { simulate } from '../src/montecarlo/simulate.js';
import { scenario } from './helpers.js';

// A moving no-deal state and events (docs/model.md "The world around the table").

const base = (extra: string, opts: { order?: string; resA?: number; resB?: number } = {}) => `name: w
rounds: 10
issues:
  share: {range: [0, 1], grid: 21}
  status: {options: [none, partial, full]}
parties:
  a:
    ideal: {share: 1, status: full}
    weights: {share: 1, status: 1}
    discount: 0.9
    veto: true
${opts.resA !== undefined ? `    reservation: ${opts.resA}\n` : ''}  b:
    ideal: {share: 0, status: none}
    weights: {share: 1, status: 1}
    discount: 0.9
    veto: true
${opts.resB !== undefined ? `    reservation: ${opts.resB}\n` : ''}  c:
    ideal: {share: 0.5, status: partial}
    weights: {share: 1}
    discount: 0.9
mechanism: {order: [${opts.order ?? 'a, b, c'}]}
${extra}`;

function traced(yaml: string, run: number) {
  const { model } = scenario(yaml);
  const rounds: RoundRecord[] = [];
  const out = playMechanism(model, 1, run, (r) => rounds.push(r));
  return { model, out, rounds };
}

describe('a no-deal state that does not move', () => {
  it('plays exactly like the constant reservations it implies', () => {
    // a: u(0.3, partial) = (0.3 + 0.5)/2 = 0.4, minus cost 0.1 → 0.3; b: (0.7 + 0.5)/2 = 0.6, minus 0.2 → 0.4.
    const world = traced(base('nodeal:\n  state: {share: 0.3, status: partial}\n  cost: {a: 0.1, b: 0.2}\n'), 0);
    const plain = traced(base('', { resA: 0.3, resB: 0.4 }), 0);
    expect(world.out.agreed).toBe(plain.out.agreed);
    expect(world.out.round).toBe(plain.out.round);
    world.out.terms!.forEach((v, k) => expect(v).toBeCloseTo(plain.out.terms![k], 6));
    world.out.values.forEach((v, i) => expect(v).toBeCloseTo(plain.out.values[i], 6));
    expect(world.rounds[0].flows![0]).toBeCloseTo(0.3, 12);
    expect(world.rounds[0].flows![1]).toBeCloseTo(0.4, 12);
  });

});

describe('events', () => {
  it('order: the new proposer order applies from the round it fires', () => {
    const { rounds } = traced(base('events:\n  - {id: summit, when: "round == 2", effects: [{order: [c]}], probability: 1}\n', { resA: 0.9, resB: 0.9 }), 0);
    expect(rounds[0].proposer).toBe(0);
    expect(rounds[1].events).toEqual(['summit']);
    for (const r of rounds.slice(1)) expect(r.proposer).toBe(2);
  });

  it('leave: a party whose consent is needed ends talks (walked away), scored as no deal from then on', () => {
    const { out, rounds } = traced(base('events:\n  - {id: walkout, when: "round == 3", effects: [{leave: b}]}\n', { resA: 0.9, resB: 0.9 }), 0);
    expect(out.agreed).toBe(false);
    expect(out.end).toBe('walkedAway');
    expect(rounds.length).toBe(2);
    expect(out.values[0]).toBeCloseTo(0.9, 12);
  });

  it('leave and join: a party that need not sign stops proposing while away', () => {
    const { rounds } = traced(
      base('events:\n  - {id: out, when: "round == 2", effects: [{leave: c}]}\n  - {id: back, when: "round == 6", effects: [{join: c}]}\n', { resA: 0.9, resB: 0.9 }),
      0,
    );
    const proposers = rounds.map((r) => r.proposer);
    expect(proposers.slice(1, 5)).not.toContain(2);
    expect(proposers.slice(5)).toContain(2);
  });

  it('set and shift: the changed parameter changes the game when it fires', () => {
    // Both refuse everything (reservations 0.9) until the event lowers a's, then a deal follows.
    const y = base('events:\n  - {id: squeeze, when: "round == 4", effects: [{set: {parties.a.reservation: 0.1}}, {shift: {parties.b.reservation: -0.5}}]}\n', { resA: 0.9, resB: 0.9 });
    const { out } = traced(y, 0);
    expect(out.agreed).toBe(true);
    expect(out.round).toBe(4);
    // Values count the realised flows: 0.9 for three rounds of no deal, then the deal.
    expect(out.values[0]).toBeCloseTo((1 - 0.9 ** 3) * 0.9 + 0.9 ** 3 * out.dealUtils![0], 12);
    const none = traced(base('', { resA: 0.9, resB: 0.9 }), 0).out;
    expect(none.agreed).toBe(false);
  });

  it('probability: an event fires in about that share of runs, at most once without repeat; fired_ chains conditions', () => {
    const y = base('events:\n  - {id: coin, probability: 0.3, when: "round == 1", effects: [{shift: {parties.c.power: 1}}]}\n  - {id: after, when: "fired_coin == 1", effects: [{shift: {parties.c.power: 1}}]}\n', { resA: 0.9, resB: 0.9 });
    const { model } = scenario(y);
    const agg = simulate(model, { seed: 7, runs: 2000 });
    const share = agg.fired[0] / agg.runs;
    expect(Math.abs(share - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 2000));
    expect(agg.fired[1]).toBe(agg.fired[0]);
  });

  it('probability as an expression: reads fired_ of earlier events, clamped to [0, 1]; a signal event with no effects', () => {
    // signal fires in round 1 (or never); then bump fires in round 2 with 0.1 + 0.8·fired_signal.
    const y = (signal: string, bump: string) =>
      base(`events:\n  - {id: signal, when: "${signal}"}\n  - {id: bump, when: "round == 2", probability: "${bump}", effects: [{shift: {parties.c.power: 1}}]}\n`, { resA: 0.9, resB: 0.9 });
    const share = (yaml: string) => {
      const agg = simulate(scenario(yaml).model, { seed: 3, runs: 2000 });
      return { signal: agg.fired[0] / agg.runs, bump: agg.fired[1] / agg.runs };
    };
    const se = (p: number) => 4 * Math.sqrt((p * (1 - p)) / 2000);
    const after = share(y('round == 1', '0.1 + 0.8 * fired_signal'));
    expect(after.signal).toBe(1);
    expect(Math.abs(after.bump - 0.9)).toBeLessThan(se(0.9));
    const without = share(y('false', '0.1 + 0.8 * fired_signal'));
    expect(without.signal).toBe(0);
    expect(Math.abs(without.bump - 0.1)).toBeLessThan(se(0.1));
    expect(share(y('false', '2 - round / 10')).bump).toBe(1);
    expect(share(y('false', 'round - 3')).bump).toBe(0);
  });

  it('runs are reproducible: the same run index gives the same events and state path', () => {
    const y = base('nodeal:\n  state: {share: 0.5, status: partial}\n  volatility: {share: 0.1}\nevents:\n  - {id: coin, probability: 0.5, when: "state_share > 0.5", effects: [{shift: {nodeal.cost.a: 0.05}}]}\n', { order: 'c' });
    const a = traced(y, 5).rounds.map((r) => [r.events, Array.from(r.flows!)]);
    const b = traced(y, 5).rounds.map((r) => [r.events, Array.from(r.flows!)]);
    expect(a).toEqual(b);
  });
});

// Fearon (1995): whatever the drift, shocks and events, no accepted deal gives a
// party whose consent is needed less than its no-deal value in the round it was accepted: its flow,
// or, when rational players see the world coming, its value of no deal ever along its expected path.
describe('Fearon range in a moving world', () => {
  const hundredths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => v / 100);
  const arb = fc.record({
    start: hundredths(0, 100),
    drift: hundredths(-5, 5),
    vol: hundredths(0, 15),
    costA: hundredths(0, 30),
    costB: hundredths(0, 30),
    strategy: fc.constantFrom('rational', 'boulware', 'conceder', 'reciprocal', 'bayesian'),
    p: hundredths(0, 100),
    k: fc.integer({ min: 1, max: 8 }),
  });
  it('holds for generated worlds', () => {
    fc.assert(
      fc.property(arb, (w) => {
        const y = base(`nodeal:
  state: {share: ${w.start}, status: partial}
  drift: {share: ${w.drift}}
  volatility: {share: ${w.vol}}
  cost: {a: ${w.costA}, b: ${w.costB}}
events:
  - {id: shock, probability: ${w.p}, when: "round >= ${w.k}", effects: [{shift: {nodeal.cost.b: 0.1}}, {set: {nodeal.state.status: full}}]}
`).replace(/discount: 0.9\n    veto: true\n  b:/, `discount: 0.9\n    veto: true\n    strategy: ${w.strategy}\n  b:`);
        const { model } = scenario(y);
        let checked = 0;
        for (let run = 0; run < 4; run++) {
          const rounds: RoundRecord[] = [];
          const out = playMechanism(model, 3, run, (r) => rounds.push(r));
          if (!out.agreed) continue;
          const last = rounds[rounds.length - 1];
          model.parties.forEach((p, i) => {
            // Rational players see the shock coming: their floor is the value of no deal ever along the expected path.
            const floor = last.noDeal ?? last.flows!;
            if (p.required) expect(out.dealUtils![i]).toBeGreaterThanOrEqual(floor[i] - 1e-9);
          });
          checked++;
        }
        return checked >= 0;
      }),
      { numRuns: 60 },
    );
  });
});
