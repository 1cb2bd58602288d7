/**
 * Numbers checked for what they will do (issue 19): weights and power near
 * 1e308, whose plain sum overflows, are normalised to the same shares as
 * their ratios. Expected values: the same scenario with the ratios written
 * small (1e308 : 1e308 is 1 : 1), a hand comparison.
 */
import { describe, expect, it } from 'vitest';
import { openScenarioText, runScenario, sensitivity } from '../src/api.js';
import { meanRunParams } from '../src/model/runParams.js';
import { problemsOf, scenario } from './helpers.js';

const text = (weights: string, power: string) => `
name: extreme
rounds: 10
issues:
  share: {range: [0, 1], grid: 11}
  status: {options: [none, partial, full]}
parties:
  a: {ideal: {share: 1, status: full}, weights: ${weights}, discount: 0.9, veto: true, power: ${power}}
  b: {ideal: {share: 0, status: none}, weights: {share: 1, status: 1}, discount: 0.9, veto: true, power: ${power}}
`;

describe('weights and power near 1e308', () => {
  it('weights {1e308, 1e308} play as {1, 1} (before: both became 0)', () => {
    const big = scenario(text('{share: 1e308, status: 1e308}', '1'));
    const small = scenario(text('{share: 1, status: 1}', '1'));
    expect([...meanRunParams(big.model).weights]).toEqual([0.5, 0.5, 0.5, 0.5]);
    const { scenario: _a, ...r1 } = runScenario(big, { runs: 40, seed: 2 });
    const { scenario: _b, ...r2 } = runScenario(small, { runs: 40, seed: 2 });
    expect(r1).toEqual(r2);
  });
  it('power 1e308 for both parties gives each half the rounds (before: recognition probabilities of 0)', () => {
    const big = scenario(text('{share: 1, status: 1}', '1e308'));
    expect([...meanRunParams(big.model).proposerProbs]).toEqual([0.5, 0.5]);
  });
});

describe('messages stay short whatever was written', () => {
  it('an id, a date and a duration of thousands of characters are quoted shortened', () => {
    const long = `-${'x'.repeat(5000)}`;
    const yaml = `
name: long
calendar: {start: "${long}", round: "${long}"}
issues:
  share: {range: [0, 1]}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}}
  b: {ideal: {share: 0}, weights: {share: 1}}
mechanism: {order: [a, "${long}"]}
`;
    const problems = problemsOf(() => openScenarioText('long.yaml', yaml));
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const p of problems) expect(p.length, p.slice(0, 200)).toBeLessThan(300);
  });
});

describe('validated, then run', () => {
  it('sensitivity --include-fixed leaves an options issue\'s no-deal option alone (before: it moved the option by 20% and crashed)', () => {
    const open = scenario(`${text('{share: 1, status: 1}', '1')}nodeal: {state: {share: 0.5, status: partial}}\n`);
    const r = sensitivity(open, { runs: 10, seed: 1, includeFixed: true });
    expect(r.rows.map((row) => row.path)).not.toContain('nodeal.state.status');
    expect(r.rows.map((row) => row.path)).toContain('nodeal.state.share');
  });
});
