import { show, type DocPath } from '../scenario/problems.js';
import { describeDomain, inDomain, type Domain } from '../scenario/numbers.js';
import type { EffectSpec, Scenario } from '../scenario/schema.js';
import { compileExpression, type CompiledExpr } from './expr.js';
import { isPrivate, meanParam, param, type Param } from './params.js';
import { mapOf } from '../scenario/maps.js';
import type { IssueDef, PartyDef } from './types.js';

/** The moving no-deal state: where it starts, how it drifts, what a round of war costs each party. */
export interface NoDealDef {
  /** Per issue: the starting value (numeric: in the range, maybe drawn; options: the option's position). */
  state: Param[];
  /** Per issue: mean change per round, and the sd of the normal shock (0 for options issues). */
  drift: Float64Array;
  volatility: Float64Array;
  /** Per party: cost of a round of war (0 when not given). */
  cost: Param[];
  /** Per party: its prior about the drift (`beliefs`), or null when it knows the drift. */
  beliefs: (DriftPrior | null)[];
}

/** A normal prior on the drift of each numeric issue the party has a belief about (has[k] = 1), its means drawn in the run. */
export interface DriftBelief {
  has: Uint8Array;
  mean: Float64Array;
  sd: Float64Array;
}

/**
 * A party's prior as the scenario states it: each mean a parameter (a number, or a distribution marked
 * private: the party's own, the others know only the distribution), the sd public. `means[k]` is null
 * where the party has no belief about issue k.
 */
export interface DriftPrior {
  has: Uint8Array;
  means: (Param | null)[];
  sd: Float64Array;
  /** Whether some mean is private (the others hold beliefs about it). */
  private: boolean;
}

/** What an effect changes: a model parameter, or a part of the no-deal state. */
export type Target =
  | { kind: 'param'; path: string; domain: Domain; utility: boolean }
  | { kind: 'state' | 'drift' | 'volatility'; issue: number }
  | { kind: 'cost'; party: number };

export type EffectDef =
  | { kind: 'set' | 'shift'; target: Target; value: number }
  | { kind: 'leave' | 'join'; party: number }
  | { kind: 'order'; order: number[] }
  | { kind: 'proposers'; weights: number[] }
  | { kind: 'mechanism'; to: 'alternating-offers' | 'mediator' };

export interface EventDef {
  id: string;
  /** Called with the condition variables (see WorldDef.slots). */
  when: CompiledExpr;
  /** The chance it fires in a round where `when` holds, from the same variables (a number is a constant function). */
  probability: CompiledExpr;
  repeat: boolean;
  /** Whether rational players see it coming (a repeating event never is: engine/levers.ts). */
  anticipated: boolean;
  effects: EffectDef[];
}

/** The world around the table: a moving no-deal state and events. */
export interface WorldDef {
  nodeal: NoDealDef | null;
  events: EventDef[];
  /** Where each condition variable sits: round, state_<issue>, fired_<event>, present_<party>. */
  slots: Record<string, number>;
  size: number;
}

type Say = (path: DocPath, message: string, offset?: number) => void;

/** Compiles `nodeal` and `events` (null when the scenario has neither): conditions once, paths resolved to targets. */
export function compileWorld(s: Scenario, issues: IssueDef[], parties: PartyDef[], params: Param[], say: Say): WorldDef | null {
  if (!s.nodeal && s.events.length === 0) return null;
  const nodeal = s.nodeal ? compileNodeal(s, issues, parties) : null;
  const names = [
    'round',
    ...issues.map((i) => `state_${i.id}`),
    ...s.events.map((e) => `fired_${e.id}`),
    ...parties.map((p) => `present_${p.id}`),
  ];
  const slots = mapOf(names.map((nm, k): [string, number] => [nm, k]));
  const byPath = new Map(params.map((p) => [p.path, p]));
  const partyIndex = (id: string) => parties.findIndex((p) => p.id === id);
  const events = s.events.map((e, i): EventDef => {
    const c = compileExpression(e.when, { symbols: names, slots });
    let when: CompiledExpr = () => false;
    if (!c.ok) say(['events', i, 'when'], c.message, c.offset);
    else when = c.fn;
    let probability: CompiledExpr = () => e.probability;
    if (typeof e.probability === 'string') {
      const p = compileExpression(e.probability, { symbols: names, slots });
      if (!p.ok) say(['events', i, 'probability'], p.message, p.offset);
      else {
        probability = p.fn;
        const nan = c.ok ? notANumberRound(when, p.fn, openingVars(issues, parties, nodeal, names.length), s.rounds) : null;
        if (nan !== null)
          say(['events', i, 'probability'], `expected a probability, but ${show(e.probability)} gives NaN (not a number) in round ${nan}, before any event fired, where the condition holds: NaN would mean never`);
      }
    }
    const effects = e.effects.flatMap((f, j) => compileEffect(f, ['events', i, 'effects', j], issues, nodeal, byPath, partyIndex, say));
    return { id: e.id, when, probability, repeat: e.repeat, anticipated: e.anticipated && !e.repeat, effects };
  });
  return { nodeal, events, slots, size: names.length };
}

/**
 * The condition variables as they stand before any event fired: the no-deal
 * state where it starts (a drawn start at its mean), everyone at the table.
 * Slot order: round, state_<issue>, fired_<event>, present_<party>.
 */
function openingVars(issues: IssueDef[], parties: PartyDef[], nodeal: NoDealDef | null, size: number): Float64Array {
  const v = new Float64Array(size);
  issues.forEach((_, k) => (v[1 + k] = nodeal ? meanParam(nodeal.state[k]) : 0));
  parties.forEach((_, k) => (v[size - parties.length + k] = 1));
  return v;
}

/** How many opening rounds a probability expression is tried in at validation (bounded: expressions may be long). */
const PROBED_ROUNDS = 100;

/**
 * The first round of the window (1 … rounds, at most PROBED_ROUNDS, at the
 * opening variables) in which `when` holds and the probability is NaN, or
 * null. The engine reads NaN as "never fires"; a probability that is not a
 * number is a mistake.
 */
function notANumberRound(when: CompiledExpr, probability: CompiledExpr, vars: Float64Array, rounds: number): number | null {
  for (let r = 1; r <= Math.min(rounds, PROBED_ROUNDS); r++) {
    vars[0] = r;
    if (when(vars) && Number.isNaN(Number(probability(vars)))) return r;
  }
  return null;
}

function compileNodeal(s: Scenario, issues: IssueDef[], parties: PartyDef[]): NoDealDef {
  const n = s.nodeal!;
  const state = issues.map((issue) => {
    const v = n.state[issue.id];
    const path = `nodeal.state.${issue.id}`;
    if (issue.kind === 'options') return param(path, typeof v === 'string' ? Math.max(0, issue.options.indexOf(v)) : 0);
    return param(path, typeof v === 'string' || v === undefined ? issue.lo : v, { min: issue.lo, max: issue.hi });
  });
  return {
    state,
    drift: Float64Array.from(issues, (i) => n.drift[i.id] ?? 0),
    volatility: Float64Array.from(issues, (i) => n.volatility[i.id] ?? 0),
    cost: parties.map((p) => param(`nodeal.cost.${p.id}`, n.cost[p.id] ?? 0, { min: 0, max: 1 })),
    beliefs: parties.map((p): DriftPrior | null => {
      const drift = s.parties[p.id].beliefs?.drift;
      if (!drift) return null;
      const b: DriftPrior = { has: new Uint8Array(issues.length), means: issues.map(() => null), sd: new Float64Array(issues.length), private: false };
      issues.forEach((issue, k) => {
        const prior = drift[issue.id];
        if (!prior) return;
        b.has[k] = 1;
        b.sd[k] = prior.sd;
        const mean = (b.means[k] = param(`parties.${p.id}.beliefs.drift.${issue.id}.mean`, prior.mean));
        b.private ||= isPrivate(mean);
      });
      return b;
    }),
  };
}

const UTILITY_PATH = /^parties\.[^.]+\.(weights|ideal|utility)\./;

function compileEffect(
  f: EffectSpec,
  at: DocPath,
  issues: IssueDef[],
  nodeal: NoDealDef | null,
  byPath: Map<string, Param>,
  partyIndex: (id: string) => number,
  say: Say,
): EffectDef[] {
  if ('leave' in f) return [{ kind: 'leave', party: partyIndex(f.leave) }];
  if ('join' in f) return [{ kind: 'join', party: partyIndex(f.join) }];
  if ('order' in f) return [{ kind: 'order', order: f.order.map(partyIndex) }];
  if ('proposers' in f) return [{ kind: 'proposers', weights: proposerWeights(f.proposers, partyIndex) }];
  if ('mechanism' in f) return [{ kind: 'mechanism', to: f.mechanism }];
  const kind = 'set' in f ? 'set' : 'shift';
  const entries = Object.entries('set' in f ? f.set : f.shift);
  return entries.flatMap(([path, raw]): EffectDef[] => {
    const where = [...at, kind, path];
    const target = targetOf(path, issues, nodeal, byPath, partyIndex);
    if (typeof target === 'string') return say(where, target), [];
    let value: number;
    if (typeof raw === 'string') {
      const issue = target.kind === 'state' ? issues[target.issue] : undefined;
      if (kind !== 'set' || !issue || issue.kind !== 'options') return say(where, `expected a number, got ${show(raw)} (an option name can only set nodeal.state of an options issue)`), [];
      value = issue.options.indexOf(raw);
      if (value < 0) return say(where, `unknown option "${raw}" for ${issue.id} (options are: ${issue.options.join(', ')})`), [];
    } else value = raw;
    const problem = kind === 'set' ? setProblem(target, value, issues) : undefined;
    if (problem) return say(where, problem), [];
    return [{ kind, target, value }];
  });
}

function proposerWeights(w: Record<string, number>, partyIndex: (id: string) => number): number[] {
  const out: number[] = [];
  for (const [id, v] of Object.entries(w)) out[partyIndex(id)] = v;
  return out;
}

/** The effect's target, or what is wrong with its path. */
function targetOf(path: string, issues: IssueDef[], nodeal: NoDealDef | null, byPath: Map<string, Param>, partyIndex: (id: string) => number): Target | string {
  const m = /^nodeal\.(state|drift|volatility|cost)\.([A-Za-z][A-Za-z0-9_]*)$/.exec(path);
  if (m) {
    if (!nodeal) return `${path}: the scenario has no nodeal block to change`;
    const [, field, key] = m;
    if (field === 'cost') {
      const party = partyIndex(key);
      return party < 0 ? `${path}: unknown party "${key}"` : { kind: 'cost', party };
    }
    const issue = issues.findIndex((i) => i.id === key);
    if (issue < 0) return `${path}: unknown issue "${key}"`;
    if (field !== 'state' && issues[issue].kind !== 'numeric') return `${path}: ${field} applies to numeric issues only`;
    return { kind: field as 'state' | 'drift' | 'volatility', issue };
  }
  const p = byPath.get(path);
  if (!p) {
    const known = [...byPath.keys()].slice(0, 6).join(', ');
    return `unknown parameter path "${path}" (expected a party's number field such as ${known}, ..., or nodeal.state|drift|volatility.<issue>, nodeal.cost.<party>)`;
  }
  if (path.endsWith('.reservation') && nodeal) return `${path}: with a nodeal block the no-deal flow comes from the state; change nodeal.state or nodeal.cost instead`;
  return { kind: 'param', path, domain: p.domain, utility: UTILITY_PATH.test(path) };
}

function setProblem(t: Target, v: number, issues: IssueDef[]): string | undefined {
  const domain: Domain =
    t.kind === 'param' ? t.domain
    : t.kind === 'cost' ? { min: 0, max: 1 }
    : t.kind === 'volatility' ? { min: 0 }
    : t.kind === 'state' && issues[t.issue].kind === 'numeric' ? { min: (issues[t.issue] as { lo: number }).lo, max: (issues[t.issue] as { hi: number }).hi }
    : {};
  if (t.kind === 'state' && issues[t.issue].kind === 'options') return Number.isInteger(v) && v >= 0 && v < (issues[t.issue] as { options: string[] }).options.length ? undefined : `expected an option of ${issues[t.issue].id}`;
  return inDomain(v, domain) ? undefined : `expected ${describeDomain(domain)}, got ${v}`;
}
