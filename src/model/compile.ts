import type { DocPath, Problem, Result } from '../scenario/problems.js';
import { compileStrategy } from '../strategies/specs.js';
import { isNumericIssue, type Scenario, type ScenarioParty } from '../scenario/schema.js';
import { compileExpression } from './expr.js';
import { enumeratePackages } from './outcomeSpace.js';
import { tabulate } from './tabulate.js';
import { isDrawn, param, partyParams } from './params.js';
import { compileWorld } from './world.js';
import { compileConsent } from './consent.js';
import { compileDecision } from './decision.js';
import { mapOf } from '../scenario/maps.js';
import type { BreakdownDef, ConstraintDef, IssueDef, IssueUtility, MediationDef, Model, PartyDef, Recognition, StrategyDef } from './types.js';

const DEFAULT_GRID = 101;
/** Compiles a validated scenario: issues, utilities, constraints, feasible packages, recognition. */
export function compileModel(s: Scenario): Result<Model> {
  const problems: Problem[] = [];
  const say = (path: DocPath, message: string, offset?: number) => problems.push({ path, message, offset });
  const issues = compileIssues(s);
  const parties = Object.entries(s.parties).map(([id, p], index) => compileParty(s, issues, id, p, index, say));
  const constraints = compileConstraints(s, issues, say);
  const mediation = mediationOf(s, parties);
  const mediationParams = mediation ? [mediation.bias, mediation.step, ...mediation.leverage] : [];
  const world = compileWorld(s, issues, parties, [...parties.flatMap(partyParams), ...mediationParams], say);
  const breakdown = compileBreakdown(s, issues, parties, constraints, say);
  if (problems.length > 0) return { ok: false, problems };

  const space = enumeratePackages(issues, constraints);
  if ('message' in space) return { ok: false, problems: [space] };
  const consent = compileConsent(s, issues, parties, space);
  const utilityDrawn = parties.some(
    (p) => p.weights.some(isDrawn) || p.utilities.some((u) => (u.kind === 'linear' && isDrawn(u.ideal)) || (u.kind === 'values' && u.values.some(isDrawn))),
  );
  const mechanismDrawn = mediation !== null && [mediation.bias, mediation.step, ...mediation.leverage].some(isDrawn);
  const worldDrawn = world?.nodeal ? [...world.nodeal.state, ...world.nodeal.cost].some(isDrawn) : false;
  const anyDrawn = utilityDrawn || mechanismDrawn || worldDrawn || parties.some((p) => [p.reservation, p.discount, p.power, ...(p.outside ? [p.outside] : [])].some(isDrawn));
  return {
    ok: true,
    value: {
      scenario: s, issues, parties, constraints, space, consent, decision: compileDecision(s, parties), recognition: recognitionOf(s, parties), mediation, world, utilityDrawn, anyDrawn, breakdown,
    },
  };
}

function compileIssues(s: Scenario): IssueDef[] {
  // Fixed ideals of parties that weigh the issue (a zero weight makes the ideal irrelevant).
  const fixedIdeals = (id: string) =>
    Object.values(s.parties)
      .filter((p) => p.weights[id] !== undefined && p.weights[id] !== 0)
      .map((p) => p.ideal[id])
      .filter((v): v is number => typeof v === 'number');
  return Object.entries(s.issues).map(([id, issue], index): IssueDef => {
    if (!isNumericIssue(issue)) return { kind: 'options', id, index, options: issue.options };
    const [lo, hi] = issue.range;
    const n = issue.grid ?? DEFAULT_GRID;
    const points = Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
    // Fixed ideals join the search points, so a party's best value is never missed between two of them.
    const grid = [...new Set([...points, ...fixedIdeals(id)])].sort((a, b) => a - b);
    return { kind: 'numeric', id, index, lo, hi, grid, step: (hi - lo) / (n - 1) };
  });
}

type Say = (path: DocPath, message: string, offset?: number) => void;

function compileParty(s: Scenario, issues: IssueDef[], id: string, p: ScenarioParty, index: number, say: Say): PartyDef {
  const base = `parties.${id}`;
  const weights = issues.map((i) => param(`${base}.weights.${i.id}`, p.weights[i.id] ?? 0, { min: 0 }));
  const utilities = issues.map((issue) => compileIssueUtility(issue, id, p, say, weights[issue.index].fixed === 0));
  return {
    id,
    name: p.name ?? id,
    index,
    required: signs(s, id),
    strategy: compileStrategy(p.strategy, s.rounds),
    temperature: p.temperature,
    reservation: param(`${base}.reservation`, p.reservation, { min: 0, max: 1 }),
    ...(p.outside === undefined ? {} : { outside: param(`${base}.outside`, p.outside, { min: 0, max: 1 }) }),
    discount: param(`${base}.discount`, p.discount, { min: 0, max: 1, open: true }),
    power: param(`${base}.power`, p.power, { min: 0 }),
    weights,
    utilities,
  };
}

function compileIssueUtility(issue: IssueDef, pid: string, p: ScenarioParty, say: Say, unused: boolean): IssueUtility {
  const spec = p.utility[issue.id];
  const ideal = p.ideal[issue.id];
  const path = ['parties', pid, 'utility', issue.id];
  if (issue.kind === 'options') {
    if (spec && typeof spec !== 'string')
      return { kind: 'values', values: issue.options.map((o) => param(`${path.join('.')}.values.${o}`, spec.values[o], { min: 0, max: 1 })) };
    return typeof ideal === 'string' ? { kind: 'rank', ideal: issue.options.indexOf(ideal) } : { kind: 'none' };
  }
  if (typeof spec === 'string') {
    const c = compileExpression(spec, { symbols: ['x'], slots: { x: 0 } });
    if (!c.ok) return say(path, c.message, c.offset), { kind: 'none' };
    const arg = new Float64Array(1);
    const fn = (x: number) => ((arg[0] = x), Number(c.fn(arg)));
    const table = tabulate(fn, issue.lo, issue.hi);
    // Report the worst point, which says most about what is wrong (NaN counts as worst).
    const excess = (v: number) => (Number.isNaN(v) ? Infinity : Math.max(-v, v - 1));
    let worst = 0;
    table.values.forEach((v, i) => { if (excess(v) > excess(table.values[worst])) worst = i; });
    if (excess(table.values[worst]) > 1e-9 && !unused) {
      const x = issue.lo + ((issue.hi - issue.lo) * worst) / (table.values.length - 1);
      say(path, `expected an expression that maps the range [${issue.lo}, ${issue.hi}] into [0, 1], but at x = ${x} it gives ${table.values[worst]}`);
    }
    return { kind: 'expr', table, text: spec };
  }
  if (ideal !== undefined && typeof ideal !== 'string') return { kind: 'linear', ideal: param(`parties.${pid}.ideal.${issue.id}`, ideal, { min: issue.lo, max: issue.hi }) };
  return { kind: 'none' };
}

function compileConstraints(s: Scenario, issues: IssueDef[], say: Say): ConstraintDef[] {
  const numeric = issues.filter((i) => i.kind === 'numeric').map((i) => i.id);
  // Null-prototype maps: an issue named `constructor` or `toString` is found as itself, and no other name is.
  const options = mapOf(issues.flatMap((i): [string, string[]][] => (i.kind === 'options' ? [[i.id, i.options]] : [])));
  const slots = mapOf(issues.map((iss): [string, number] => [iss.id, iss.index]));
  const out: ConstraintDef[] = [];
  s.constraints.forEach((text, i) => {
    const c = compileExpression(text, { symbols: numeric, options, slots });
    if (!c.ok) return say(['constraints', i], c.message, c.offset);
    out.push({ text, fn: c.fn, numeric: c.symbols.some((sym) => numeric.includes(sym)) });
  });
  return out;
}

/**
 * The breakdown hazard: a constant, or an expression over the options issues (a deal's chance of
 * collapse is then one number per combination of options). The closed form carries it (solvers/
 * closedForm), so the scenario must be one it solves: at most one numeric issue, constraints over
 * options only.
 */
function compileBreakdown(s: Scenario, issues: IssueDef[], parties: PartyDef[], constraints: ConstraintDef[], say: Say): BreakdownDef | null {
  const b = s.breakdown;
  if (!b) return null;
  const at: DocPath = ['breakdown', 'hazard'];
  const numeric = issues.filter((i) => i.kind === 'numeric');
  if (numeric.length > 1 || constraints.some((c) => c.numeric))
    say(at, `a breakdown hazard works with at most one numeric issue and constraints over options issues only (this scenario has ${numeric.length} numeric issues${constraints.some((c) => c.numeric) ? ' and a constraint on a numeric issue' : ''})`);
  if (s.mechanism.kind === 'expected-utility') say(at, 'a breakdown hazard works with the alternating-offers and mediator mechanisms, not expected-utility');
  const clamp = (x: number) => (x > 0 ? Math.min(1, x) : 0);
  const named = Object.keys(b.cost).length > 0;
  const cost = named ? Float64Array.from(parties, (p) => b.cost[p.id] ?? 0) : null;
  if (typeof b.hazard === 'number') {
    const h = b.hazard;
    return { text: String(h), hazard: () => h, after: b.after, cost };
  }
  const options = mapOf(issues.flatMap((i): [string, string[]][] => (i.kind === 'options' ? [[i.id, i.options]] : [])));
  const slots = mapOf(issues.map((iss): [string, number] => [iss.id, iss.index]));
  const c = compileExpression(b.hazard, { symbols: [], options, slots });
  if (!c.ok) {
    const named = numeric.find((i) => new RegExp(`(^|[^A-Za-z0-9_])${i.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`).test(String(b.hazard)));
    say(at, named ? `the hazard may depend on options issues only; "${named.id}" is a numeric issue` : c.message, named ? undefined : c.offset);
    return null;
  }
  const fn = c.fn;
  return { text: b.hazard, hazard: (values) => clamp(Number(fn(values))), after: b.after, cost };
}

/**
 * Whether a party's consent is needed: its veto, or unanimity when no party
 * has one. A mediator never signs (validation refuses a mediator with a veto).
 * Under a decision rule (a quota, weighted votes) only a veto: the rule decides among the others.
 */
function signs(s: Scenario, id: string): boolean {
  const broker = s.mechanism.kind === 'mediator' ? s.mechanism.mediator : null;
  if (id === broker) return false;
  const m = s.mechanism;
  if ((m.kind === 'alternating-offers' || m.kind === 'mediator') && m.decision !== undefined && m.decision !== 'unanimity') return s.parties[id].veto;
  return s.parties[id].veto || !Object.entries(s.parties).some(([q, p]) => q !== broker && p.veto);
}

function mediationOf(s: Scenario, parties: PartyDef[]): MediationDef | null {
  const m = s.mechanism;
  if (m.kind !== 'mediator') return null;
  return {
    mediator: parties.findIndex((p) => p.id === m.mediator),
    bias: param('mechanism.bias', m.bias, { min: 0, max: 1 }),
    step: param('mechanism.step', m.step, { min: 0, max: 1 }),
    leverage: parties.map((p) => param(`mechanism.leverage.${p.id}`, m.leverage[p.id] ?? 0, { min: 0, max: 1 })),
  };
}

function recognitionOf(s: Scenario, parties: PartyDef[]): Recognition {
  const index = (id: string) => parties.findIndex((p) => p.id === id);
  const m = s.mechanism;
  // The expected-utility model has no proposers and the mediator keeps the text itself: recognition is unused there (power only).
  if (m.kind !== 'alternating-offers') return { kind: 'random', weights: 'power' };
  if (m.order) return { kind: 'order', order: m.order.map(index) };
  if (m.proposers) return { kind: 'random', weights: parties.map((p) => m.proposers?.[p.id] ?? 0) };
  return { kind: 'random', weights: 'power' };
}
