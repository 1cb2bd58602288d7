import type { RunRecord } from '../montecarlo/runRecord.js';

type Records<O> = { columns: string[]; record: (runIndex: number, o: O) => RunRecord };

const csvCell = (v: RunRecord[string] | undefined) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One row per run for analysis elsewhere (pandas, R), from the run records
 * (montecarlo/runRecord.ts) of one scenario or of several (compare's variants,
 * sweep's points: `set` says whose run it is). `header`/`row` give CSV lines
 * over the union of their columns (a column a set lacks is empty); `json`
 * gives a JSON Lines record.
 */
export function runRowWriter<O>(sets: Records<O> | Records<O>[]) {
  const all = Array.isArray(sets) ? sets : [sets];
  const columns = [...new Set(all.flatMap((s) => s.columns))];
  return {
    header: columns.join(','),
    row: (runIndex: number, o: O, set = 0) => {
      const r = all[set].record(runIndex, o);
      return columns.map((c) => csvCell(r[c])).join(',');
    },
    json: (runIndex: number, o: O, set = 0) => JSON.stringify(all[set].record(runIndex, o)),
  };
}
