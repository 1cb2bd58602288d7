import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../src/core/outcome.js';
import { playMechanism } from '../src/engine/engine.js';
import type { Model } from '../src/model/types.js';
import { scenario } from './helpers.js';

/**
 * Forward-looking signatories under a mediator (docs/model.md, "Forward-looking signatories"): a
 * rational signatory's value of rejecting a text includes the mediator's amended texts to come.
 * Two signatories split x ∈ [0, 1] (a wants it high, b low, linear utilities, no-deal values da, db);
 * m mediates and wants x = 0.9.
 */
const split = (o: { da: number; db: number; bias: number; step: number; leverage?: string; discount?: number; strategyB?: string }) => `name: split
rounds: 12
issues:
  x: {range: [0, 1], grid: 11}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, reservation: ${o.da}, discount: ${o.discount ?? 0.9}, veto: true}
  b: {ideal: {x: 0}, weights: {x: 1}, reservation: ${o.db}, discount: ${o.discount ?? 0.9}, veto: true, strategy: ${o.strategyB ?? 'rational'}}
  m: {ideal: {x: 0.9}, weights: {x: 1}}
mechanism: {kind: mediator, mediator: m, bias: ${o.bias}, step: ${o.step}, leverage: {${o.leverage ?? ''}}}
`;

function traced(model: Model) {
  const rounds: RoundRecord[] = [];
  const out = playMechanism(model, 1, 0, (r) => rounds.push(r));
  return { out, rounds };
}

describe('forward-looking signatories under a mediator', () => {
  it('an honest broker with step 1 still reaches the Nash split in round 1', () => {
    // Nash (1950): x* = (1 + da − db)/2 = 0.4 for da = 0.2, db = 0.4. Nobody is short of its level, so the rule
    // tables the same text again after a rejection: rejecting is worth (1 − δ)·d + δ·u(x*) < u(x*), hand-derived:
    // a: 0.1·0.2 + 0.9·0.4 = 0.38; b: 0.1·0.4 + 0.9·0.6 = 0.58. Both accept at once.
    const { out, rounds } = traced(scenario(split({ da: 0.2, db: 0.4, bias: 0, step: 1 })).model);
    expect(out.round).toBe(1);
    expect(out.terms![0]).toBeCloseTo(0.4, 7);
    expect(rounds[0].thresholds[0]).toBeCloseTo(0.38, 7);
    expect(rounds[0].thresholds[1]).toBeCloseTo(0.58, 7);
  });

  it('a signatory who gains by holding out holds out (hand-worked two rounds)', () => {
    // bias 1: the mediator tables its best text meeting the requirements; step 0.5; leverage on b 0.2 per rejection; δ = 0.9.
    // Round 1: x = 0.9, b gets 0.1 < 0.4 (its flow): b rejects either way; its flow falls to 0.2.
    // Round 2: half of b's shortfall made up: b gets 0.1 + 0.5·0.3 = 0.25 (x = 0.75) — above its flow 0.2, so a
    //   signatory that looked only at this round's flow would sign. The rule, known to all, tables next the text
    //   meeting b's level 0.4 in full (x = 0.6, a gets 0.6 ≥ 0.2: a signs it); b's flow there would be 0. Rejecting is
    //   worth (1 − δ)·0.2 + δ·0.4 = 0.02 + 0.36 = 0.38 > 0.25: b holds out.
    // Round 3: b gets 0.4, its value of rejecting (1 − δ)·0 + δ·0.4 = 0.36 (the same text would come back): a deal.
    const { out, rounds } = traced(scenario(split({ da: 0.2, db: 0.4, bias: 1, step: 0.5, leverage: 'b: 0.2' })).model);
    expect(rounds[1].offer!.utils[1]).toBeCloseTo(0.25, 7);
    expect(rounds[1].flows![1]).toBeCloseTo(0.2, 12);
    expect(rounds[1].thresholds[1]).toBeCloseTo(0.38, 7);
    expect(rounds[1].replies[1]).toBe(false);
    expect(out.round).toBe(3);
    expect(out.terms![0]).toBeCloseTo(0.6, 7);
    // Holding out paid: b's value (1 − δ)·(0.4 + δ·0.2) + δ²·0.4 = 0.058 + 0.324 = 0.382, against
    // (1 − δ)·0.4 + δ·0.25 = 0.265 had it signed in round 2.
    expect(out.values[1]).toBeCloseTo(0.382, 7);
  });

  it('when holding out does not pay, the same signatory signs the round-2 text', () => {
    // As above with δ = 0.2: rejecting the round-2 text is worth (1 − δ)·0.2 + δ·0.4 = 0.16 + 0.08 = 0.24 < 0.25: b signs.
    // a signs too: its value of rejecting is 0.8·0.2 + 0.2·0.6 = 0.28 < 0.75.
    const { out, rounds } = traced(scenario(split({ da: 0.2, db: 0.4, bias: 1, step: 0.5, leverage: 'b: 0.2', discount: 0.2 })).model);
    expect(rounds[1].thresholds[1]).toBeCloseTo(0.24, 7);
    expect(out.round).toBe(2);
    expect(out.terms![0]).toBeCloseTo(0.75, 7);
  });
});
