import type { DocPath, Problem } from './problems.js';
import { unknownName } from './suggest.js';
import { isNumericIssue, type Scenario } from './schema.js';
import type { DecisionSpec } from './mechanismSpec.js';
import { compileStrategy, strategyFormWords } from '../strategies/specs.js';

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
    if (m.decision !== undefined) decisionProblems(s, m.decision, say);
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

/**
 * The decision rule: a quota or weighted votes with a threshold, not both; a quota no larger than the
 * parties at the table; votes that name parties; a threshold the votes can reach. At most MAX_VOTERS
 * parties: the proposer's problem weighs each minimal winning coalition in turn (and the bayesian
 * proposer's chance of passing sums over at most 2^(MAX_VOTERS − 1) vote totals).
 */
export const MAX_VOTERS = 10;
export function decisionProblems(s: Scenario, d: DecisionSpec, say: (path: DocPath, message: string) => void): void {
  if (d === 'unanimity') return;
  const at: DocPath = ['mechanism', 'decision'];
  // Under a mediator the parties at the table that vote are the signatories: the mediator drafts and does not vote.
  const broker = s.mechanism.kind === 'mediator' ? s.mechanism.mediator : null;
  const partyIds = Object.keys(s.parties).filter((pid) => pid !== broker);
  const n = partyIds.length;
  if (n > MAX_VOTERS) say(at, `a decision rule works with at most ${MAX_VOTERS} parties (the rational proposer weighs every winning coalition); this scenario has ${n}`);
  if (d.quota === undefined && d.votes === undefined) return say(at, 'expected quota: k or votes: {party: weight} with a threshold (or decision: unanimity)');
  if (d.quota !== undefined && d.votes !== undefined) return say(at, 'give either quota (k yes votes) or votes with a threshold, not both');
  if (d.quota !== undefined) {
    if (d.threshold !== undefined) say([...at, 'threshold'], 'a threshold goes with votes; a quota counts yes votes itself (remove threshold, or give votes)');
    if (d.quota > n) say([...at, 'quota'], `quota ${d.quota} is more than the ${n} ${broker ? 'signatories' : 'parties at the table'} (${partyIds.join(', ')}${broker ? `; the mediator ${broker} does not vote` : ''}): expected 1 to ${n}`);
  } else {
    const votes = d.votes as Record<string, number>;
    for (const pid of Object.keys(votes)) {
      if (pid === broker) say([...at, 'votes', pid], `"${pid}" is the mediator: it drafts the text and does not vote (remove it from votes)`);
      else if (!(pid in s.parties)) say([...at, 'votes', pid], unknownName('party', pid, partyIds));
    }
    const total = Object.entries(votes).reduce((a, [pid, w]) => a + (pid in s.parties && pid !== broker ? w : 0), 0);
    if (d.threshold === undefined) say(at, `weighted votes need a threshold: the weight of yes votes a deal needs (all votes together: ${total})`);
    else if (!(d.threshold > 0)) say([...at, 'threshold'], 'expected a threshold > 0 (no votes needed is unanimity of the required parties: leave decision out)');
    else if (d.threshold > total) say([...at, 'threshold'], `threshold ${d.threshold} cannot be reached: all votes together weigh ${total}`);
  }
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
    else if ((m.kind === 'alternating-offers' || m.kind === 'mediator') && m.decision !== undefined && m.decision !== 'unanimity')
      say(['parties', pid, 'outside'], 'outside options are not played under a decision rule yet (the proposer buys a winning coalition without pricing who may leave): remove outside, or mechanism.decision');
  }
  return out;
}
