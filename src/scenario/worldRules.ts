import { supportOf } from '../rng/distributions.js';
import type { DocPath, Problem } from './problems.js';
import { unknownName } from './suggest.js';
import { show } from './problems.js';
import { distributionProblems } from './numbers.js';
import { isNumericIssue, type Scenario } from './schema.js';

/** Cross-field rules of `nodeal` and `events`: the issues, parties and events they name exist and fit. */
export function worldProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const say = (path: DocPath, message: string) => out.push({ path, message });
  const issueIds = Object.keys(s.issues);
  const partyIds = Object.keys(s.parties);
  const unknownIssue = (path: DocPath, k: string) => say(path, unknownName('issue', k, issueIds));
  const unknownParty = (path: DocPath, k: string) => say(path, unknownName('party', k, partyIds));
  if ((s.nodeal || s.events.length > 0) && s.mechanism.kind === 'expected-utility')
    say(['mechanism', 'kind'], 'nodeal and events work with the alternating-offers and mediator mechanisms, not expected-utility');

  for (const [pid, party] of Object.entries(s.parties))
    for (const k of Object.keys(party.beliefs?.drift ?? {})) {
      const path: DocPath = ['parties', pid, 'beliefs', 'drift', k];
      const issue = s.issues[k];
      if (!issue) unknownIssue(path, k);
      else if (!isNumericIssue(issue)) say(path, `beliefs about the drift apply to numeric issues; "${k}" is an options issue`);
      else if (!s.nodeal) say(path, 'beliefs about the drift need a nodeal block (the no-deal state that drifts)');
      const mean = party.beliefs?.drift[k]?.mean;
      // A drawn prior is the party's type: the others hold beliefs about it (docs/model.md, "Private priors").
      if (typeof mean === 'object' && !mean.private)
        say([...path, 'mean'], 'a prior mean given as a distribution must be marked private: true (the party knows its own prior; the others know only the distribution); a prior known to all is a number');
    }

  const n = s.nodeal;
  if (n) {
    for (const [k, v] of Object.entries(n.state)) {
      const issue = s.issues[k];
      if (!issue) { unknownIssue(['nodeal', 'state', k], k); continue; }
      if (isNumericIssue(issue)) {
        const [lo, hi] = issue.range;
        if (typeof v === 'string') say(['nodeal', 'state', k], `expected a number in [${lo}, ${hi}], got ${show(v)}`);
        else {
          const [a, b] = typeof v === 'number' ? [v, v] : 'normal' in v ? [v.normal[0], v.normal[0]] : supportOf(v);
          if (a < lo || b > hi) say(['nodeal', 'state', k], `expected a number in [${lo}, ${hi}] (the issue's range), got ${show(v)}`);
          // A draw outside the range is redrawn: enough of them must land inside (numbers.ts).
          else if (typeof v !== 'number') for (const p of distributionProblems(v, { min: lo, max: hi })) say(['nodeal', 'state', k, ...p.path], p.message);
        }
      } else if (typeof v !== 'string' || !issue.options.includes(v)) say(['nodeal', 'state', k], `expected one of the options ${issue.options.join(', ')}, got ${show(v)}`);
    }
    const missing = issueIds.filter((k) => !(k in n.state));
    if (missing.length > 0) say(['nodeal', 'state'], `missing the no-deal value of issue(s) ${missing.join(', ')}`);
    for (const field of ['drift', 'volatility'] as const)
      for (const k of Object.keys(n[field])) {
        const issue = s.issues[k];
        if (!issue) unknownIssue(['nodeal', field, k], k);
        else if (!isNumericIssue(issue)) say(['nodeal', field, k], `${field} applies to numeric issues; "${k}" is an options issue (change it with an event instead)`);
      }
    for (const k of Object.keys(n.cost)) if (!(k in s.parties)) unknownParty(['nodeal', 'cost', k], k);
  }
  for (const k of Object.keys(s.breakdown?.cost ?? {})) if (!(k in s.parties)) unknownParty(['breakdown', 'cost', k], k);

  const seen = new Set<string>();
  s.events.forEach((e, i) => {
    if (seen.has(e.id)) say(['events', i, 'id'], `event id "${e.id}" is used twice`);
    seen.add(e.id);
    e.effects.forEach((f, j) => {
      const at: DocPath = ['events', i, 'effects', j];
      if ('leave' in f && !(f.leave in s.parties)) unknownParty([...at, 'leave'], f.leave);
      if ('join' in f && !(f.join in s.parties)) unknownParty([...at, 'join'], f.join);
      if ('order' in f) f.order.forEach((p, k) => { if (!(p in s.parties)) unknownParty([...at, 'order', k], p); });
      if ('mechanism' in f && f.mechanism === 'mediator' && s.mechanism.kind !== 'mediator')
        say([...at, 'mechanism'], 'mechanism: mediator needs a mediator: give the scenario mechanism.kind: mediator (its mediator, bias, step, leverage), and switch to alternating-offers by an event to start with direct talks');
      if ('proposers' in f) {
        for (const p of Object.keys(f.proposers)) if (!(p in s.parties)) unknownParty([...at, 'proposers', p], p);
        if (Object.values(f.proposers).every((v) => v === 0)) say([...at, 'proposers'], 'expected at least one probability > 0');
      }
    });
  });
  return out;
}
