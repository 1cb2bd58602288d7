import type { RunRecord } from '../montecarlo/runRecord.js';

/**
 * One row per run for analysis elsewhere (pandas, R), from the run records
 * (montecarlo/runRecord.ts): `header`/`row` give CSV lines; `json` gives a
 * JSON Lines record.
 */
export function runRowWriter<O>(records: { columns: string[]; record: (runIndex: number, o: O) => RunRecord }) {
  const { columns, record } = records;
  return {
    header: columns.join(','),
    row: (runIndex: number, o: O) => {
      const r = record(runIndex, o);
      return columns.map((c) => (r[c] === null ? '' : String(r[c]))).join(',');
    },
    json: (runIndex: number, o: O) => JSON.stringify(record(runIndex, o)),
  };
}
