import type { DocPath, Problem } from './problems.js';
import { unknownName } from './suggest.js';
import { isNumericIssue, type Scenario } from './schema.js';

/** Cross-field rules of the `mechanism` block: the parties and issue it names exist and fit. */
export function mechanismProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const say = (path: DocPath, message: string) => out.push({ path, message });
  const partyIds = Object.keys(s.parties);
  const unknownParty = (path: DocPath, pid: string) => say(path, unknownName('party', pid, partyIds));
  const m = s.mechanism;
  if (m.kind === 'alternating-offers') {
    if (m.order && m.proposers) say(['mechanism'], 'give either order (fixed) or proposers (random recognition), not both');
    m.order?.forEach((pid, i) => {
      if (!(pid in s.parties)) unknownParty(['mechanism', 'order', i], pid);
    });
    for (const pid of Object.keys(m.proposers ?? {})) if (!(pid in s.parties)) unknownParty(['mechanism', 'proposers', pid], pid);
    if (m.proposers && Object.values(m.proposers).every((v) => v === 0)) say(['mechanism', 'proposers'], 'expected at least one probability > 0');
    return out;
  }
  if (m.kind !== 'expected-utility') return out;
  for (const pid of Object.keys(m.salience)) if (!(pid in s.parties)) unknownParty(['mechanism', 'salience', pid], pid);
  if (typeof m.risk === 'object') for (const pid of Object.keys(m.risk)) if (!(pid in s.parties)) unknownParty(['mechanism', 'risk', pid], pid);
  const issue = expectedUtilityIssue(s);
  if ('message' in issue) return [...out, issue];
  for (const [pid, p] of Object.entries(s.parties))
    if (p.ideal[issue.id] === undefined)
      say(['parties', pid, 'ideal'], `the expected-utility model needs every party's position on "${issue.id}": give ideal.${issue.id}`);
  return out;
}

/** The issue the expected-utility model runs on: `mechanism.issue`, or the only issue; it must be numeric. */
export function expectedUtilityIssue(s: Scenario): { id: string } | Problem {
  const m = s.mechanism;
  if (m.kind !== 'expected-utility') return { path: ['mechanism', 'kind'], message: 'not an expected-utility mechanism' };
  const ids = Object.keys(s.issues);
  const numeric = ids.filter((k) => isNumericIssue(s.issues[k]));
  if (m.issue === undefined) {
    if (ids.length === 1 && numeric.length === 1) return { id: ids[0] };
    return {
      path: ['mechanism'],
      message: `the scenario has ${ids.length} issues: say which numeric one is the dimension with issue: <id> (numeric issues: ${numeric.join(', ') || 'none'})`,
    };
  }
  const issue = s.issues[m.issue];
  if (!issue) return { path: ['mechanism', 'issue'], message: unknownName('issue', m.issue, ids) };
  if (!isNumericIssue(issue))
    return { path: ['mechanism', 'issue'], message: `expected a numeric issue (one with a range), but "${m.issue}" is an options issue (numeric issues: ${numeric.join(', ') || 'none'})` };
  return { id: m.issue };
}

/** An outside option is taken by a party that rejects an offer: the mediator (which never signs) and the expected-utility forecast have none to reject. */
export function outsideProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const say = (path: DocPath, message: string) => out.push({ path, message });
  const m = s.mechanism;
  for (const [pid, p] of Object.entries(s.parties)) {
    if (p.outside === undefined) continue;
    if (m.kind === 'expected-utility')
      say(['parties', pid, 'outside'], 'an outside option is taken after rejecting an offer, and the expected-utility model forecasts positions without offers: remove outside, or use kind alternating-offers or mediator');
    else if (m.kind === 'mediator' && m.mediator === pid)
      say(['parties', pid, 'outside'], `"${pid}" is the mediator: it never signs, so it has no offer to reject and no outside option to take (remove outside from it)`);
  }
  return out;
}
