import { openScenarioText, type OpenScenario } from '../src/api.js';
import { formatProblem } from '../src/scenario/problems.js';

/** Opens a scenario from YAML text, failing the test with the problems if it is invalid. */
export function scenario(yaml: string, sets: string[] = []): OpenScenario {
  const r = openScenarioText('inline.yaml', yaml, sets);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

/**
 * Rubinstein (1982), "Perfect equilibrium in a bargaining model", Econometrica 50(1): two parties
 * split one unit (party a's share), linear utilities, nothing while disagreeing, a proposes first.
 */
export const rubinsteinSplit = (d1: number, d2: number, rounds = 24) => `
name: rubinstein
rounds: ${rounds}
issues:
  share: {range: [0, 1], description: "party a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: ${d1}, veto: true, reservation: 0}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: ${d2}, veto: true, reservation: 0}
mechanism: {order: [a, b]}
`;
