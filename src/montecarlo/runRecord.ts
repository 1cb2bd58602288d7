import type { RunOutcome } from '../core/outcome.js';
import { drawParam, isDrawn, modelParams } from '../model/params.js';
import { termsOf } from '../model/terms.js';
import type { Model } from '../model/types.js';

/** One run as a flat record: index, whether and when a deal came, its terms, each party's value, what was drawn. */
export type RunRecord = Record<string, number | string | boolean | null>;

/**
 * The per-run records of `run --runs-out` (for pandas, R): their columns, and
 * the record of a run from its outcome (its draws are redrawn from the seed,
 * exactly as the run drew them).
 */
export function runRecords(model: Model, seed: number): { columns: string[]; record: (runIndex: number, o: RunOutcome) => RunRecord } {
  const drawn = modelParams(model).filter(isDrawn);
  const columns = [
    'run', 'agreed', 'round',
    ...model.issues.map((i) => `term_${i.id}`),
    ...model.parties.map((p) => `value_${p.id}`),
    ...drawn.map((p) => p.path),
  ];
  const record = (runIndex: number, o: RunOutcome): RunRecord => {
    const terms = o.terms ? termsOf(model.issues, o.terms) : null;
    return {
      run: runIndex,
      agreed: o.agreed,
      round: o.agreed ? o.round : null,
      ...Object.fromEntries(model.issues.map((i) => [`term_${i.id}`, terms ? terms[i.id] : null])),
      ...Object.fromEntries(model.parties.map((p, k) => [`value_${p.id}`, o.values[k]])),
      ...Object.fromEntries(drawn.map((p) => [p.path, drawParam(p, seed, runIndex)])),
    };
  };
  return { columns, record };
}
