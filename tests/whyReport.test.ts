import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/api.js';
import { rubinsteinSplit, scenario } from './helpers.js';

// The run report says why its rate is what it is (docs/model.md "Why the rate is what it is").

describe('the range as talks opened and who blocked it', () => {
  // Three vetoes over a's share x: u_a = x, u_b = 1 − x, c wants x = 0.5 (u_c = 1 − 2|x − 0.5|).
  // a needs 0.6 (x ≥ 0.6), b needs 0.5 (x ≤ 0.5), c needs 0.95 (0.475 ≤ x ≤ 0.525): no range.
  // Relaxing a: b and c accept x ∈ [0.475, 0.5], the best for a is x = 0.5, its gap 0.6 − 0.5 = 0.1.
  // Relaxing b or c: a (x ≥ 0.6) and c (x ≤ 0.525), or a and b (x ≥ 0.6, x ≤ 0.5), are still at
  // odds. So a blocks, in every run.
  const blocked = `
name: blocked
rounds: 4
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, veto: true, reservation: 0.6}
  b: {ideal: {share: 0}, weights: {share: 1}, veto: true, reservation: 0.5}
  c: {ideal: {share: 0.5}, weights: {share: 1}, veto: true, reservation: 0.95}
`;
  it('names the party whose demand is furthest above what the others can give it', () => {
    const r = runScenario(scenario(blocked), { runs: 20, seed: 1 });
    expect(r.range.atStart).toBe(0);
    expect(r.range.blockedBy).toEqual({ a: 1, b: 0, c: 0 });
    expect(r.range.jointly).toBe(0);
    expect(r.agreement.rate).toBe(0);
  });
  it('moves to the other side when c wants what a wants', () => {
    // c's ideal 0.7 (u_c = 1 − |x − 0.7|/0.7 ≥ 0.95: x ∈ [0.665, 0.735]). Relaxing a leaves b (x ≤ 0.5)
    // against c; relaxing c leaves a and b at odds; relaxing b, a (x ≥ 0.6) and c agree on
    // [0.665, 0.735], the best for b is x = 0.665, its gap 0.5 − 0.335 = 0.165. So b blocks.
    const r = runScenario(scenario(blocked.replace('ideal: {share: 0.5}', 'ideal: {share: 0.7}')), { runs: 10, seed: 1 });
    expect(r.range.blockedBy).toEqual({ a: 0, b: 1, c: 0 });
  });
  it('Rubinstein with nothing for no deal: a range in every run, every deal in round 1', () => {
    const r = runScenario(scenario(rubinsteinSplit(0.9, 0.9, 6)), { runs: 10, seed: 1 });
    expect(r.range.atStart).toBe(1);
    expect(r.dealsBy.map((d) => d.share)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('deals before any event fired', () => {
  // The sure lever of tests/levers.test.ts (b's flow falls at round 3): rational players settle in
  // round 1, before it fires, in every run.
  const yaml = `
name: lever
rounds: 6
calendar: {start: "2025-01-06", round: 1 week}
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: 0.9, veto: true, reservation: 0.5}
mechanism: {order: [a, b]}
events:
  - {id: cut, when: "round >= 3", effects: [{set: {parties.b.reservation: 0}}]}
`;
  it('counts them, and dates the cumulative curve', () => {
    const r = runScenario(scenario(yaml), { runs: 10, seed: 1 });
    expect(r.beforeEvents).toBe(1);
    expect(r.dealsBy[0]).toEqual({ round: 1, share: 1, date: '2025-01-06' });
    expect(r.dealsBy[2].date).toBe('2025-01-20');
  });
});
