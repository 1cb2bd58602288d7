/**
 * What a fuzzed mutant may do (issue 19, item 6): exit 0 or 2, never 1 or a
 * signal; no stack trace; within the time and memory bounds; no NaN, Infinity
 * or null where a number belongs in the run's JSON; and a file whose ids are
 * renamed throughout runs as the original did. A broken promise is classed by
 * the "What was found" headings.
 */
import type { Kind } from './mutate.js';
import { RENAMES } from './mutate.js';
import type { Outcome, Result } from './runner.js';

export const CLASSES = {
  crash: 'Crashes on valid input (exit 1, "internal error")',
  'js-keys': "Object keys that are JavaScript's",
  'extreme-numbers': 'Silent nonsense from extreme numbers',
  'validated-then-fails': 'Validated, then fails at run time',
  resources: 'No resource bounds',
} as const;
export type FailureClass = keyof typeof CLASSES;

export interface Failure {
  class: FailureClass;
  why: string;
}

const bounded = (o: Outcome): string | undefined => {
  if (o.timedOut) return 'took longer than the time limit';
  if (o.memoryKb) return `peak RSS ${Math.round(o.memoryKb / 1024)} MB, over the memory limit`;
  if (o.signal) return `ended by ${o.signal}`;
  if (o.code !== 0 && o.code !== 1 && o.code !== 2) return `exit ${o.code}: ${o.message ?? ''}`;
  return undefined;
};

/** The promise a result broke, or undefined when it kept them all. */
export function failureOf(r: Result): Failure | undefined {
  const kind: Kind = r.job.kind;
  const renamed = RENAMES.includes(kind);
  for (const [phase, o] of [['validate', r.validate], ['run', r.run]] as const) {
    if (!o) continue;
    const resource = bounded(o);
    // A batch process killed mid-mutant is reported under validate: the time covers validate and run.
    if (resource) return { class: 'resources', why: `${r.via === 'library' && phase === 'validate' ? 'validate and run' : phase}: ${resource}` };
    const stack = o.stderr !== undefined && /^\s+at /m.test(o.stderr);
    if (o.code === 1 || stack) {
      const why = `${phase}: exit ${o.code}${stack ? ' with a stack trace' : ''}: ${o.message ?? ''}`;
      if (renamed) return { class: 'js-keys', why };
      if (/Maximum call stack|Invalid array length|Array buffer allocation|out of memory/i.test(o.message ?? '')) return { class: 'crash', why };
      if (kind.startsWith('alias-') || phase === 'run') return { class: 'validated-then-fails', why };
      return { class: 'crash', why };
    }
  }
  if (r.run?.nulls && r.run.nulls.length > 0) return { class: renamed ? 'js-keys' : 'extreme-numbers', why: `null where a number belongs: ${r.run.nulls.slice(0, 4).join(', ')}` };
  if (r.sameAsOriginal === false) return { class: 'js-keys', why: `valid with ${r.job.note}, but the run differs from the original's` };
  return undefined;
}
