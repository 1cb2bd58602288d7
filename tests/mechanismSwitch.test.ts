import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import type { Model } from '../src/model/types.js';
import { explainRun } from '../src/api/explain.js';
import { renderTranscript } from '../src/report/transcript.js';
import { scenario } from './helpers.js';

// Events that switch the mechanism ({mechanism: alternating-offers|mediator}, docs/format.md "Events").

/** Two signatories split x ∈ [0, 1] (a wants it high, b low); m mediates. */
function split(o: { da: number; db: number; bias?: number; step?: number; leverage?: string; events?: string }): string {
  return `name: split
rounds: 10
issues:
  x: {range: [0, 1], grid: 11}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: ${o.da}, discount: 0.95, veto: true}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: ${o.db}, discount: 0.95, veto: true}
  m: {ideal: {x: 0.9}, weights: {x: 1}}
mechanism: {kind: mediator, mediator: m, bias: ${o.bias ?? 0}, step: ${o.step ?? 0.25}, leverage: {${o.leverage ?? ''}}}
${o.events ?? ''}`;
}

function traced(model: Model, run = 0) {
  const rounds: RoundRecord[] = [];
  const out = playMechanism(model, 1, run, (r) => rounds.push(r));
  return { out, rounds };
}

// The mediator's text is the mediator's own ideal (bias 1) and never amended (step 0): b, which needs 0.3, rejects it every round.
const stubborn = (events: string, leverage = '') => split({ da: 0.2, db: 0.3, bias: 1, step: 0, leverage, events });
const stepBack = (k: number) => `events:\n  - {id: step_back, when: "round == ${k}", effects: [{mechanism: alternating-offers}, {order: [a, b]}]}\n`;

describe('an event switches the mechanism', () => {
  it('a mediator scenario whose event never fires plays exactly as without events (same rounds, same values)', () => {
    const hundredths = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => v / 100);
    fc.assert(
      fc.property(fc.record({ da: hundredths(0, 60), db: hundredths(0, 60), bias: hundredths(0, 100), step: hundredths(5, 100), lev: hundredths(0, 10) }), (o) => {
        const plain = scenario(split({ ...o, leverage: `b: ${o.lev}` })).model;
        const world = scenario(split({ ...o, leverage: `b: ${o.lev}`, events: 'events:\n  - {id: never, when: "false", effects: [{mechanism: alternating-offers}]}\n' })).model;
        const p = traced(plain), w = traced(world);
        expect(w.out.agreed).toBe(p.out.agreed);
        expect(w.out.round).toBe(p.out.round);
        expect(Array.from(w.out.values)).toEqual(Array.from(p.out.values));
        expect(w.rounds.map((r) => Array.from(r.offer!.values))).toEqual(p.rounds.map((r) => Array.from(r.offer!.values)));
      }),
      { numRuns: 60 },
    );
  });

  it('mediator -> alternating offers: the mediator drafts until the round the event fires, then the parties propose directly', () => {
    const { model } = scenario(stubborn(stepBack(4)));
    const { out, rounds } = traced(model);
    const m = 2;
    for (const r of rounds.slice(0, 3)) {
      expect(r.mediated).toBe(true);
      expect(r.proposer).toBe(m);
      expect(r.replies[1]).toBe(false);
    }
    expect(rounds[3].events).toEqual(['step_back']);
    expect(rounds[3].mediated).toBeUndefined();
    // The new order [a, b] cycles by round: round 4 (index 3) is b's turn.
    expect(rounds[3].proposer).toBe(1);
    // Rational direct bargaining agrees at once (a bargaining range exists: 0.2 + 0.3 < 1).
    expect(out.agreed).toBe(true);
    expect(out.round).toBe(4);
    // Without the event the stubborn text is refused for the whole window.
    expect(traced(scenario(stubborn('')).model).out.agreed).toBe(false);
  });

  it('the leverage already applied stays after the mediator steps back, and grows no further', () => {
    const { model } = scenario(stubborn(stepBack(4), 'b: 0.05'));
    const { rounds } = traced(model);
    // b rejected rounds 1–3: its flow fell by 3 × 0.05 (hand computation: 0.3 − 0.15).
    expect(rounds[3].flows![1]).toBeCloseTo(0.15, 12);
    expect(rounds.slice(0, 3).map((r) => r.flows![1])).toEqual([0.3, 0.3 - 0.05, 0.3 - 0.1]);
  });

  it('alternating offers -> mediator: a scenario can open with direct talks and bring the mediator in later', () => {
    const y = split({
      da: 0.6,
      db: 0.6,
      events: 'events:\n  - {id: direct, when: "round == 1", effects: [{mechanism: alternating-offers}]}\n  - {id: broker, when: "round == 3", effects: [{mechanism: mediator}]}\n',
    });
    const { rounds } = traced(scenario(y).model);
    // No range (0.6 + 0.6 > 1): nobody agrees, so every round is played.
    expect(rounds).toHaveLength(10);
    expect(rounds.slice(0, 2).every((r) => r.mediated === undefined)).toBe(true);
    expect(rounds.slice(2).every((r) => r.mediated === true && r.proposer === 2)).toBe(true);
  });

  it('a run depends only on (scenario, seed, run index), with random events and a switch', () => {
    const y = stubborn('events:\n  - {id: step_back, probability: 0.4, when: "round > 1", effects: [{mechanism: alternating-offers}]}\n');
    const { model } = scenario(y);
    const forward = [0, 1, 2, 3, 4, 5].map((r) => playMechanism(model, 9, r));
    const backward = [5, 4, 3, 2, 1, 0].map((r) => playMechanism(model, 9, r)).reverse();
    expect(backward).toEqual(forward);
    expect(new Set(forward.map((o) => o.round)).size).toBeGreaterThan(1);
  });

  it('explain tells the switch in words and changes "tables the text" to "proposes" from that round', () => {
    const { model } = scenario(stubborn(stepBack(4)));
    const t = explainRun(model, 1, 0);
    expect(t.rounds.map((r) => r.mediated)).toEqual([true, true, true, false]);
    expect(t.rounds[3].events?.[0].effects).toEqual(['m stops drafting texts: the parties bargain directly (alternating offers)', 'from now on the proposers take turns: a, b']);
    const prose = renderTranscript(t);
    expect(prose).toMatch(/Round 3: m tables the text x 0\.900\./);
    expect(prose).toMatch(/\(event\) step_back: m stops drafting texts: the parties bargain directly \(alternating offers\); from now on the proposers take turns: a, b\.\nRound 4: b proposes x /);
  });
});
