import type { core } from 'zod';
import { show, type DocPath, type Problem } from './problems.js';
import { slipHint } from './suggest.js';

type Issue = core.$ZodIssue;

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

function expectedType(t: string): string {
  if (t === 'record' || t === 'object') return 'a mapping (key: value)';
  if (t === 'array' || t === 'tuple') return 'a list';
  if (t === 'int') return 'a whole number';
  return article(t);
}

/** Whether a union branch failed only because the value had the wrong shape at its root. */
function shallow(issues: Issue[]): boolean {
  return issues.every(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' || i.code === 'unrecognized_keys' || (i.code === 'invalid_union' && (i.errors as Issue[][]).every(shallow))),
  );
}
const missingField = (i: Issue) => i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined;
const depth = (issues: Issue[]) => Math.max(...issues.map((i) => i.path.length));

/** Turns zod's issues into problems worded for people, each with its document path. */
export function wordIssues(issues: Issue[], prefix: DocPath = []): Problem[] {
  return issues.flatMap((i) => wordIssue(i, prefix));
}

/** A number was expected: the fix for a common slip (`0.5 - 0.8`, `30%`, a quoted number) is added to the message. */
function wordIssue(i: Issue, prefix: DocPath): Problem[] {
  const input = (i as { input?: unknown }).input;
  const hint = slipHint(input);
  // A nested issue (a union's branch) may already carry the hint: it is added once.
  return wordIssueBare(i, prefix).map((p) =>
    p.path.length === prefix.length + i.path.length && /^expected (a|an) (whole )?number/.test(p.message) && !p.message.endsWith(hint) ? { ...p, message: `${p.message}${hint}` } : p,
  );
}

function wordIssueBare(i: Issue, prefix: DocPath): Problem[] {
  const path = [...prefix, ...(i.path as DocPath)];
  const input = (i as { input?: unknown }).input;
  const got = input === undefined ? 'it is missing' : `got ${show(input)}`;
  switch (i.code) {
    case 'invalid_type':
      return [{ path, message: `expected ${expectedType(i.expected)}, ${got}` }];
    case 'too_small':
    case 'too_big': {
      const bound = i.code === 'too_small' ? i.minimum : i.maximum;
      const op = i.code === 'too_small' ? (i.inclusive ? '>=' : '>') : i.inclusive ? '<=' : '<';
      if (i.origin === 'array') {
        const n = Array.isArray(input) ? input.length : '?';
        const which = i.code === 'too_small' ? 'at least' : 'at most';
        return [{ path, message: `expected ${which} ${bound} items, got ${n}` }];
      }
      return [{ path, message: `expected a number ${op} ${bound}, ${got}` }];
    }
    case 'invalid_value':
      return [{ path, message: `expected one of ${i.values.map((v) => show(v)).join(', ')}, ${got}` }];
    case 'unrecognized_keys':
      return i.keys.map((k) => ({ path: [...path, k], message: `unknown field "${k}"` }));
    case 'invalid_union': {
      const branches = i.errors as Issue[][];
      let useful = branches.filter((b) => !shallow(b));
      // A branch whose keys all matched (nothing required is missing) is the one the author meant.
      const matched = useful.filter((b) => !b.some(missingField));
      if (matched.length > 0) useful = matched;
      if (useful.length > 0) {
        const best = useful.reduce((a, b) => (depth(b) > depth(a) ? b : a));
        return wordIssues(best, path);
      }
      // A discriminated union (mechanism.kind): name the value of the discriminator, not the whole mapping.
      const disc = (i as { discriminator?: string }).discriminator;
      if (disc && input && typeof input === 'object') return [{ path, message: `${i.message}, got ${show((input as Record<string, unknown>)[disc])}` }];
      return [{ path, message: `${i.message}, ${got}` }];
    }
    default:
      return [{ path, message: i.message }];
  }
}
