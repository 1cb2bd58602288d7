import { supportOf, type Distribution } from '../rng/distributions.js';
import type { DocPath, Problem } from './problems.js';
import { unknownName } from './suggest.js';
import { isNumericIssue, type MechanismSpec, type Scenario, type ScenarioIssue } from './schema.js';
import { show } from './problems.js';
import { decisionProblems, mechanismProblems, outsideProblems } from './mechanismRules.js';
import { distributionProblems } from './numbers.js';
import { calendarProblem } from './calendar.js';
import { provenanceProblems } from './provenanceRules.js';
import { worldProblems } from './worldRules.js';
import { consentProblems } from './consentRules.js';

/** Rules that need the whole document: names that refer to issues, parties and options. */
export function semanticProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const say = (path: DocPath, message: string) => out.push({ path, message });
  const issueIds = Object.keys(s.issues);
  const partyIds = Object.keys(s.parties);
  if (issueIds.length === 0) say(['issues'], 'expected at least one issue');
  if (partyIds.length < 2) say(['parties'], `expected at least two parties, got ${partyIds.length}`);

  for (const [id, issue] of Object.entries(s.issues)) {
    if (isNumericIssue(issue) && !(issue.range[0] < issue.range[1]))
      say(['issues', id, 'range'], `expected [low, high] with low < high, got [${issue.range}]`);
    // The grid, distances and utilities divide by the width: it must be a number too.
    else if (isNumericIssue(issue) && !Number.isFinite(issue.range[1] - issue.range[0]))
      say(['issues', id, 'range'], `expected [low, high] whose width high − low is a finite number (at most about 1.8e308), got [${issue.range.join(', ')}]: the width overflows`);
    if (!isNumericIssue(issue)) {
      const dup = issue.options.find((o, i) => issue.options.indexOf(o) !== i);
      if (dup) say(['issues', id, 'options'], `option "${dup}" is listed twice`);
    }
  }

  const unknownIssue = (path: DocPath, key: string) =>
    say([...path, key], unknownName('issue', key, issueIds));
  for (const [pid, p] of Object.entries(s.parties)) {
    const base = ['parties', pid];
    for (const k of Object.keys(p.weights)) if (!(k in s.issues)) unknownIssue([...base, 'weights'], k);
    for (const [k, ideal] of Object.entries(p.ideal)) {
      const issue = s.issues[k];
      if (!issue) unknownIssue([...base, 'ideal'], k);
      else idealProblems(issue, ideal, [...base, 'ideal', k], say);
    }
    for (const [k, u] of Object.entries(p.utility)) {
      const issue = s.issues[k];
      if (!issue) unknownIssue([...base, 'utility'], k);
      else utilityProblems(issue, u, [...base, 'utility', k], say);
    }
    const weights = Object.values(p.weights);
    if (weights.length > 0 && weights.every((w) => w === 0)) say([...base, 'weights'], 'expected at least one weight > 0');
    for (const [k, w] of Object.entries(p.weights)) {
      if (w === 0 || !(k in s.issues)) continue;
      if (!(k in p.ideal) && !(k in p.utility))
        say([...base, 'weights', k], `party weighs issue "${k}" but gives neither an ideal nor a utility for it`);
    }
    if (Object.keys(p.weights).length === 0) say([...base, 'weights'], 'expected a weight for at least one issue');
    // Recognition is public: everyone sees who proposes, so power cannot be a private type.
    if (typeof p.power === 'object' && p.power.private) say([...base, 'power', 'private'], 'power decides who proposes, which every party sees: it cannot be private');
  }

  if (s.calendar) {
    const problem = calendarProblem(s.calendar, s.rounds);
    if (problem) say(['calendar', 'round'], problem);
  }

  const m = s.mechanism;
  if (m.kind === 'mediator') mediatorProblems(s, m, say);
  else out.push(...mechanismProblems(s));
  out.push(...outsideProblems(s));
  out.push(...provenanceProblems(s));
  out.push(...worldProblems(s));
  out.push(...consentProblems(s));
  return out;
}

type Say = (path: DocPath, message: string) => void;

/** The mediator must be a party that does not sign; leverage must name parties that sign (only they reply). */
function mediatorProblems(s: Scenario, m: Extract<MechanismSpec, { kind: 'mediator' }>, say: Say) {
  const partyIds = Object.keys(s.parties);
  const broker = s.parties[m.mediator];
  if (!broker) say(['mechanism', 'mediator'], unknownName('party', m.mediator, partyIds));
  else if (broker.veto)
    say(['mechanism', 'mediator'], `the mediator "${m.mediator}" has veto: true, but a mediator does not sign the deal (set parties.${m.mediator}.veto: false)`);
  const others = Object.entries(s.parties).filter(([pid]) => pid !== m.mediator);
  const anyVeto = others.some(([, p]) => p.veto);
  const rule = m.decision !== undefined && m.decision !== 'unanimity' ? m.decision : null;
  if (rule) decisionProblems(s, rule, say);
  // Who replies to the text: under a rule the veto holders and every party with a vote.
  const votes = (pid: string) => (rule ? (rule.votes ? Object.hasOwn(rule.votes, pid) && rule.votes[pid] > 0 : true) : false);
  const signs = (pid: string) => pid !== m.mediator && (s.parties[pid].veto || votes(pid) || (!rule && !anyVeto));
  for (const pid of Object.keys(m.leverage)) {
    if (!(pid in s.parties)) say(['mechanism', 'leverage', pid], unknownName('party', pid, partyIds));
    else if (!signs(pid)) say(['mechanism', 'leverage', pid], `leverage works on a party that replies to the text, and "${pid}" does not sign (it is the mediator or has no veto)`);
  }
}

function idealProblems(issue: ScenarioIssue, ideal: number | string | Distribution, path: DocPath, say: Say) {
  if (isNumericIssue(issue)) {
    const [lo, hi] = issue.range;
    if (typeof ideal === 'string') return say(path, `expected a number in [${lo}, ${hi}], got ${show(ideal)}`);
    const [a, b] = typeof ideal === 'number' ? [ideal, ideal] : 'normal' in ideal ? [ideal.normal[0], ideal.normal[0]] : supportOf(ideal);
    if (a < lo || b > hi) say(path, `expected a number in [${lo}, ${hi}] (the issue's range), got ${show(ideal)}`);
    // A draw outside the range is redrawn: enough of them must land inside (numbers.ts).
    else if (typeof ideal !== 'number') for (const p of distributionProblems(ideal, { min: lo, max: hi })) say([...path, ...p.path], p.message);
  } else if (typeof ideal !== 'string' || !issue.options.includes(ideal)) {
    say(path, `expected one of the options ${issue.options.join(', ')}, got ${show(ideal)}`);
  }
}

function utilityProblems(issue: ScenarioIssue, u: string | { values: Record<string, unknown> }, path: DocPath, say: Say) {
  if (isNumericIssue(issue)) {
    if (typeof u !== 'string') say(path, 'expected a mathjs expression of x for a numeric issue, got a table of option values');
    return;
  }
  if (typeof u === 'string') return say(path, `expected {values: {option: utility}} for an options issue, got an expression`);
  for (const k of Object.keys(u.values))
    if (!issue.options.includes(k)) say([...path, 'values', k], unknownName('option', k, issue.options));
  const missing = issue.options.filter((o) => !(o in u.values));
  if (missing.length > 0) say([...path, 'values'], `missing a utility for option(s) ${missing.join(', ')}`);
}
