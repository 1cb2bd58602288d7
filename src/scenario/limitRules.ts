import { count, howToRaise, limit } from './limits.js';
import type { Problem } from './problems.js';
import type { Scenario } from './schema.js';

/**
 * The scenario-wide resource limits (Limits: constraints, events, the characters of all
 * expressions together), checked after the schema and before anything else looks at the
 * scenario: every constraint is evaluated at every candidate package, and every event's
 * condition in every round of every run, so their number and size bound a run's cost.
 * The limits on one expression (length, depth) are checked where it is parsed (model/expr.ts).
 */
export function limitProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const most = (what: 'constraints' | 'events', n: number) => {
    const max = limit(what);
    if (n > max) problems.push({ path: [what], message: `the scenario has ${count(n)} ${what}, more than the limit of ${count(max)}; ${howToRaise(what, n)}` });
  };
  most('constraints', s.constraints.length);
  most('events', s.events.length);
  const max = limit('exprTotalChars');
  let total = 0;
  for (const [path, text] of expressions(s)) {
    total += text.length;
    if (total > max) {
      problems.push({
        path,
        message: `the scenario's expressions reach ${count(total)} characters here, more than the limit of ${count(max)} for all of them together; ${howToRaise('exprTotalChars', totalChars(s))}`,
      });
      break;
    }
  }
  return problems;
}

/** Every expression of a scenario, with its path: constraints, utilities of x, events' conditions and probabilities. */
function* expressions(s: Scenario): Generator<[Problem['path'], string]> {
  for (const [i, c] of s.constraints.entries()) yield [['constraints', i], c];
  for (const [pid, p] of Object.entries(s.parties))
    for (const [issue, u] of Object.entries(p.utility)) if (typeof u === 'string') yield [['parties', pid, 'utility', issue], u];
  for (const [i, e] of s.events.entries()) {
    yield [['events', i, 'when'], e.when];
    if (typeof e.probability === 'string') yield [['events', i, 'probability'], e.probability];
  }
}

function totalChars(s: Scenario): number {
  let n = 0;
  for (const [, text] of expressions(s)) n += text.length;
  return n;
}
