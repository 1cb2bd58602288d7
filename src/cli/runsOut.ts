import { InputError } from '../api.js';
import type { RunOutcome } from '../core/outcome.js';
import type { RunRecord } from '../montecarlo/runRecord.js';
import { runRowWriter } from '../report/runRows.js';
import { lineFile } from './io.js';

/** --runs-out's file must say its format: FILE.csv or FILE.jsonl (exit 2 otherwise, before any run). */
export function checkRunsOut(file: string | undefined): void {
  if (file !== undefined && !/\.(csv|jsonl)$/i.test(file)) throw new InputError(`--runs-out expects a .csv or .jsonl file, got ${JSON.stringify(file)}`);
}

type Records = { columns: string[]; record: (runIndex: number, o: RunOutcome) => RunRecord };

/**
 * Streams every run (of one scenario, or of each variant or sweep point:
 * `set`) to FILE.csv or FILE.jsonl while `work` runs; the file appears whole
 * when it ends, and not at all if it throws.
 */
export async function withRunsOut<T>(file: string, sets: Records[], work: (onRun: (set: number, runIndex: number, o: RunOutcome) => void) => T | Promise<T>): Promise<T> {
  const rows = runRowWriter(sets);
  const jsonl = /\.jsonl$/i.test(file);
  const out = lineFile(file);
  try {
    if (!jsonl) out.line(rows.header);
    const result = await work((set, runIndex, o) => out.line(jsonl ? rows.json(runIndex, o, set) : rows.row(runIndex, o, set)));
    out.commit();
    return result;
  } catch (e) {
    out.abort();
    throw e;
  }
}
