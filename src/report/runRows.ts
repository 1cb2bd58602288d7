import type { RunOutcome } from '../core/outcome.js';
import { termsOf } from '../montecarlo/explain.js';
import { drawParam, isDrawn, modelParams } from '../model/params.js';
import type { Model } from '../model/types.js';

/**
 * One row per run for analysis elsewhere (pandas, R): run index, what was
 * drawn, whether and when a deal came, its terms, each party's value.
 * `header`/`row` give CSV lines; `json` gives a JSON Lines record.
 */
export function runRowWriter(model: Model, seed: number) {
  const drawn = modelParams(model).filter(isDrawn);
  const columns = [
    'run', 'agreed', 'round',
    ...model.issues.map((i) => `term_${i.id}`),
    ...model.parties.map((p) => `value_${p.id}`),
    ...drawn.map((p) => p.path),
  ];
  const record = (runIndex: number, o: RunOutcome): Record<string, number | string | boolean | null> => {
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
  return {
    header: columns.join(','),
    row: (runIndex: number, o: RunOutcome) => {
      const r = record(runIndex, o);
      return columns.map((c) => (r[c] === null ? '' : String(r[c]))).join(',');
    },
    json: (runIndex: number, o: RunOutcome) => JSON.stringify(record(runIndex, o)),
  };
}
