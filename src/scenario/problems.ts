/** A path into the scenario document: keys and array indexes. */
export type DocPath = (string | number)[];

/**
 * One thing wrong with a scenario, as data. Detection produces `path` and
 * `message`; loading adds where it is (file, line, column, or the `--set` that caused it).
 */
export interface Problem {
  path: DocPath;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** Set when the problem is in a `--set` override rather than in the file. */
  override?: string;
  /** Column offset inside the located scalar (e.g. where a constraint fails to parse). */
  offset?: number;
  /** Point at the key of the mapping entry rather than at its value (e.g. an unknown provenance path). */
  atKey?: boolean;
}

/** Success with a value, or every problem found. */
export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `parties.russia.weights.territory`, `sources[0].outlet`. */
export function formatPath(path: DocPath): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s === '' ? '(document)' : s;
}

/** `scenarios/x.yaml:14:7 parties.russia.weights.territory: expected a number >= 0, got "high"`. */
export function formatProblem(p: Problem): string {
  const where = p.override
    ? `${p.file ?? ''}${p.file ? ' ' : ''}(--set ${p.override})`
    : `${p.file ?? '<input>'}${p.line ? `:${p.line}:${p.col}` : ''}`;
  return p.path.length === 0 ? `${where}: ${p.message}` : `${where} ${formatPath(p.path)}: ${p.message}`;
}

/** What a number that is infinite or NaN (`1e400`, `.inf`, `.nan`) is called in messages. */
export const NOT_FINITE = 'not a finite number';

/** A short, quoted rendering of a value for messages. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  // JSON would print null: say what it is (locate() puts the text as written in front, when it has it).
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (${NOT_FINITE})`;
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Bad input to the library: every problem found, as data (`problems`, each
 * with its path and, for a scenario file, file:line:col), or only a message
 * when the input is wrong as a whole (a forecast scenario given to `compare`).
 * The one error parley's public functions throw for user input; anything else
 * thrown is a bug. The CLI prints the problems (or the message) and exits 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}
