import { resolveSeed } from '../model/defaults.js';
import { assertBargaining, type OpenScenario } from '../model/open.js';
import { explainRun, type Transcript } from '../montecarlo/explain.js';

/**
 * `parley explain`: the transcript of run `run` — what was drawn, each
 * round's offer and replies, the events, the end and why — exactly the run
 * `runScenario` plays under the same seed (default: the scenario's).
 * @throws InputError on an expected-utility scenario.
 * @example
 * const t = explainScenario(openScenario('scenarios/private-limits.yaml'), 4);
 * console.log(renderTranscript(t));
 */
export function explainScenario(open: OpenScenario, run: number, opts: { seed?: number } = {}): Transcript {
  assertBargaining(open, 'explainScenario');
  return explainRun(open.model, resolveSeed(open.model, opts.seed), run);
}
