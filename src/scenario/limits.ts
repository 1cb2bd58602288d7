import { InputError } from './problems.js';

/**
 * Resource limits: how much work and memory a scenario file or a command may
 * ask for, checked before the work starts (docs/format.md, "Limits"). Each
 * has a default that the shipped scenarios are far below, and an environment
 * variable that raises it for a user with a real reason. The variables are read
 * here, the one place below cli/ that reads the environment, so that worker
 * threads and the re-spawned `--runs-out` child (which inherit it) enforce the same
 * limits as the command that started them; `setLimits` overrides them for a
 * library user.
 */
export interface Limits {
  /** Bytes of a scenario file. */
  fileBytes: number;
  /** Characters of one expression (a utility, a constraint, an event's `when` or `probability`). */
  exprChars: number;
  /** Levels of nesting of one expression's syntax tree (`a + b + c` is two: each operator a level). */
  exprDepth: number;
  /** Characters of all of a scenario's expressions together. */
  exprTotalChars: number;
  /** Constraints of a scenario. */
  constraints: number;
  /** Events of a scenario. */
  events: number;
  /** Candidate packages (all grid points times all option counts) of a scenario. */
  packages: number;
  /** Points of a sweep's grid (the product of its parameters' values). */
  sweepPoints: number;
  /** Runs of one Monte Carlo (`-n`, or a scenario's `runs`; `--outer K` counts K × runs). */
  runs: number;
  /** Threads of a command, as a multiple of the machine's cores (`-w`). */
  workersPerCore: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  fileBytes: 4 * 1024 * 1024,
  exprChars: 2000,
  exprDepth: 100,
  exprTotalChars: 100_000,
  constraints: 200,
  events: 200,
  packages: 250_000,
  sweepPoints: 10_000,
  runs: 10_000_000,
  workersPerCore: 2,
};

/** The environment variable that raises each limit. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = {
  fileBytes: 'PARLEY_MAX_FILE_BYTES',
  exprChars: 'PARLEY_MAX_EXPRESSION_CHARS',
  exprDepth: 'PARLEY_MAX_EXPRESSION_DEPTH',
  exprTotalChars: 'PARLEY_MAX_EXPRESSION_TOTAL_CHARS',
  constraints: 'PARLEY_MAX_CONSTRAINTS',
  events: 'PARLEY_MAX_EVENTS',
  packages: 'PARLEY_MAX_PACKAGES',
  sweepPoints: 'PARLEY_MAX_SWEEP_POINTS',
  runs: 'PARLEY_MAX_RUNS',
  workersPerCore: 'PARLEY_MAX_WORKERS_PER_CORE',
};

let overrides: Partial<Limits> = {};

/** Sets limits for this thread (a library user's alternative to the environment variables); `{}` restores them. */
export function setLimits(next: Partial<Limits>): void {
  overrides = { ...next };
}

const env = (): Record<string, string | undefined> => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/**
 * The limit in force: `setLimits`, else its environment variable, else the default.
 * @throws InputError when the environment variable is set but is not a whole number >= 1.
 */
export function limit(name: keyof Limits): number {
  const set = overrides[name];
  if (set !== undefined) return set;
  const raw = env()[LIMIT_ENV[name]];
  if (raw === undefined || raw === '') return DEFAULT_LIMITS[name];
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(v) || v < 1) throw new InputError(`${LIMIT_ENV[name]} must be a whole number >= 1, got ${JSON.stringify(raw.slice(0, 40))}`);
  return v;
}

/**
 * Reads every limit once, so that a malformed environment variable is refused before any work.
 * @throws InputError naming the variable.
 */
export function checkLimits(): void {
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) limit(name);
}

/** "set PARLEY_MAX_EVENTS=400 to allow more": how to raise a limit, for messages. */
export function howToRaise(name: keyof Limits, needed?: number): string {
  const value = needed !== undefined && Number.isFinite(needed) && needed <= Number.MAX_SAFE_INTEGER ? needed : 2 * limit(name);
  return `set ${LIMIT_ENV[name]}=${value} to allow it`;
}

/** 12,345,678: counts in messages. */
export const count = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));
