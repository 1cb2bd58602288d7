import type { RunOutcome } from '../core/outcome.js';
import { drawParam, isDrawn, modelParams } from '../model/params.js';
import { termsOf } from '../model/terms.js';
import type { Model } from '../model/types.js';
import { membersOf } from '../core/coalitions.js';

/** One run as a flat record: index, whether and when a deal came, its terms, each party's value, what was drawn. */
export type RunRecord = Record<string, number | string | boolean | null>;

/** Columns that say which run of which comparison a record is: a variant's label, a sweep point's values. */
export type RecordContext = Record<string, number | string | boolean | null>;

/** How a run ended, in one word: a deal, the window, a walk-out, or no package every required party prefers to no deal. */
export function endOf(o: RunOutcome): 'deal' | 'window' | 'walkedAway' | 'tookOutsideOption' | 'noFeasiblePackage' {
  if (o.agreed) return 'deal';
  return o.end ?? 'window';
}

/**
 * The per-run records of `--runs-out` (for pandas, R): their columns, and the
 * record of a run from its outcome (its draws are redrawn from the seed,
 * exactly as the run drew them). Each record carries what it needs to be
 * traced alone: the seed and the scenario file's sha256, how the run ended,
 * the events that fired (`;`-separated), each party's utility of the deal, under a decision rule the
 * deal's winning coalition (`;`-separated),
 * and `context`'s columns first (a variant, a sweep point).
 */
export function runRecords(
  model: Model,
  seed: number,
  sha256: string,
  context: RecordContext = {},
): { columns: string[]; record: (runIndex: number, o: RunOutcome) => RunRecord } {
  const drawn = modelParams(model).filter(isDrawn);
  const events = model.world?.events.map((e) => e.id) ?? [];
  const columns = [
    ...Object.keys(context),
    'run', 'agreed', 'round', 'end', 'events_fired',
    ...model.issues.map((i) => `term_${i.id}`),
    ...model.parties.map((p) => `value_${p.id}`),
    ...model.parties.map((p) => `deal_utility_${p.id}`),
    ...drawn.map((p) => p.path),
    ...(model.decision ? ['coalition'] : []),
    'seed', 'scenario_sha256',
  ];
  const record = (runIndex: number, o: RunOutcome): RunRecord => {
    const terms = o.terms ? termsOf(model.issues, o.terms) : null;
    return {
      ...context,
      run: runIndex,
      agreed: o.agreed,
      round: o.agreed ? o.round : null,
      end: endOf(o),
      events_fired: events.filter((_, k) => o.fired?.[k]).join(';'),
      ...Object.fromEntries(model.issues.map((i) => [`term_${i.id}`, terms ? terms[i.id] : null])),
      ...Object.fromEntries(model.parties.map((p, k) => [`value_${p.id}`, o.values[k]])),
      ...Object.fromEntries(model.parties.map((p, k) => [`deal_utility_${p.id}`, o.dealUtils ? o.dealUtils[k] : null])),
      ...Object.fromEntries(drawn.map((p) => [p.path, drawParam(p, seed, runIndex)])),
      // Under a decision rule: the deal's winning coalition, its parties joined by ';'.
      ...(model.decision ? { coalition: o.coalition === undefined ? null : membersOf(o.coalition, model.parties.length).map((i) => model.parties[i].id).join(';') } : {}),
      seed,
      scenario_sha256: sha256,
    };
  };
  return { columns, record };
}
