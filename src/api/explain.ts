import { resolveSeed } from '../model/defaults.js';
import { assertBargaining, type OpenScenario } from '../model/open.js';
import type { Model } from '../model/types.js';
import { recordRun } from '../montecarlo/explain.js';
import { transcriptOf, type Transcript } from '../report/transcriptOf.js';

/** The transcript of run `runIndex` of a compiled model: the engine's recording of the run, in words. */
export function explainRun(model: Model, seed: number, runIndex: number): Transcript {
  return transcriptOf(model, seed, runIndex, recordRun(model, seed, runIndex));
}

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
