import { openScenarioText, type OpenScenario } from '../src/api.js';
import { formatProblem } from '../src/scenario/problems.js';

/** Opens a scenario from YAML text, failing the test with the problems if it is invalid. */
export function scenario(yaml: string, sets: string[] = []): OpenScenario {
  const r = openScenarioText('inline.yaml', yaml, sets);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}
