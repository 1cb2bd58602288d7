import type { DocPath, Problem } from './problems.js';
import { unknownName } from './suggest.js';

import { isNumericIssue, type Scenario } from './schema.js';

/**
 * Cross-field rules of an options issue's `consent`, `commitments` and
 * `nodeal`: they name known parties and options; a consent list (any move
 * off the no-deal value) has a no-deal value to move off; a mediator never
 * signs, so no consent names it.
 */
export function consentProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const say = (path: DocPath, message: string) => out.push({ path, message });
  const partyIds = Object.keys(s.parties);
  const broker = s.mechanism.kind === 'mediator' ? s.mechanism.mediator : null;
  const checkParties = (path: DocPath, list: string[]) =>
    list.forEach((p, k) => {
      if (!(p in s.parties)) say([...path, k], unknownName('party', p, partyIds));
      else if (p === broker) say([...path, k], `"${p}" is the mediator, and a mediator does not sign the deal: it cannot be asked to consent`);
    });
  for (const [id, issue] of Object.entries(s.issues)) {
    if (isNumericIssue(issue)) continue;
    const at: DocPath = ['issues', id];
    const option = (path: DocPath, o: string) => {
      if (issue.options.includes(o)) return true;
      say(path, unknownName('option', o, issue.options));
      return false;
    };
    if (issue.nodeal !== undefined) {
      option([...at, 'nodeal'], issue.nodeal);
      if (s.nodeal) say([...at, 'nodeal'], `the no-deal value of "${id}" is already given by nodeal.state.${id}: give it in one place`);
    }
    for (const o of Object.keys(issue.commitments ?? {})) option([...at, 'commitments', o], o);
    const c = issue.consent;
    if (c === undefined) continue;
    if (Array.isArray(c)) {
      checkParties([...at, 'consent'], c);
      if (issue.nodeal === undefined && !s.nodeal)
        say([...at, 'consent'], `a consent list applies to any option other than the issue's no-deal value, and "${id}" has none: give it (issues.${id}.nodeal: <option>, or nodeal.state.${id}), or list the options: {option: [parties]}`);
      continue;
    }
    for (const [o, list] of Object.entries(c)) if (option([...at, 'consent', o], o)) checkParties([...at, 'consent', o], list);
  }
  return out;
}

/** The option that stands without a deal, for a consent list: issues.<id>.nodeal or nodeal.state.<id>. */
export function noDealOption(s: Scenario, id: string): string | undefined {
  const issue = s.issues[id];
  if (!issue || isNumericIssue(issue)) return undefined;
  const v = issue.nodeal ?? s.nodeal?.state[id];
  return typeof v === 'string' ? v : undefined;
}


