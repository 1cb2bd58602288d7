import type { Game } from '../core/game.js';
import type { RoundRecord } from '../core/outcome.js';
import { consentByOption } from '../model/consent.js';
import { decisionWords } from '../model/decision.js';
import { membersOf } from '../core/coalitions.js';
import { effectWords } from '../model/effectWords.js';
import { isPrivate, modelParams } from '../model/params.js';
import { termsOf, type Terms } from '../model/terms.js';
import type { Model } from '../model/types.js';
import type { RunRecording } from '../montecarlo/explain.js';
import { isNumericIssue } from '../scenario/schema.js';
import { strategyWords } from '../strategies/specs.js';

export type { Terms };

/** One round of a transcript. */
export interface TranscriptRound {
  round: number;
  proposer: string;
  /** null: the proposer made no offer (waiting was worth more to it, or nothing was acceptable). */
  offer: Terms | null;
  replies: { party: string; accepted: boolean; utility: number; needed: number }[];
  /** A bayesian proposer's belief that every required party would accept its offer. */
  chance?: number;
  /** What the guarantors of the offer's options commit (issues' `commitments`), when any. */
  commitments?: string[];
  /** Mediator leverage: each party whose no-deal flow is below its own this round, and what it is now. */
  leverage?: { party: string; flow: number; from: number }[];
  /** Scenarios with a mediator: whether the mediator tabled the text this round (an event can switch the mechanism). */
  mediated?: boolean;
  /** Scenarios with events: those that fired at the start of this round, with their effects in words. */
  events?: FiredEvent[];
  /** Scenarios with events or a moving no-deal state: each party's no-deal flow this round. */
  flows?: Record<string, number>;
  /**
   * When rational players see the world coming: each party's value of no deal ever from this round on,
   * along its own expected path (the floor of what it signs, in place of this round's flow).
   */
  noDeal?: Record<string, number>;
  /** Scenarios with a nodeal block: where things stand without a deal this round. */
  state?: Terms;
}

/** An event that fired: its id, its description and what it changed, in words. */
export interface FiredEvent {
  id: string;
  description?: string;
  effects: string[];
}

/** Everything that happened in one run, as data (`parley explain`). */
export interface Transcript {
  scenario: string;
  seed: number;
  run: number;
  /** Every parameter drawn for this run, by path. */
  draws: Record<string, number>;
  /** The paths of the draws only their party knows (`private: true`). */
  privateDraws: string[];
  parties: {
    id: string;
    name: string;
    noDealFlow: number;
    discount: number;
    required: boolean;
    /** Options ("issue option") a deal with which needs this party's consent although it has no veto (given only when there are some). */
    consentFor?: string[];
    strategy: string;
    proposeProbability: number | null;
    /** Under a decision rule: the party's vote (1 under a quota; its weight under weighted votes). */
    vote?: number;
  }[];
  /** Under a decision rule (mechanism.decision): the rule in words. */
  decision?: string;
  equilibrium: { values: Record<string, number>; mixed: boolean; converged: boolean; iterations: number } | null;
  /** The mediator's settings in this run (mechanism kind mediator). */
  mediator?: { party: string; bias: number; step: number; leverage: Record<string, number> };
  rounds: TranscriptRound[];
  end: {
    agreed: boolean;
    round: number | null;
    terms: Terms | null;
    values: Record<string, number>;
    dealUtility: Record<string, number> | null;
    /** Why a run without a deal ended early or without a bargaining range (see noDeal in the run report). */
    reason?: 'walkedAway' | 'tookOutsideOption' | 'noFeasiblePackage';
    /** Under a decision rule, a deal's winning coalition: the parties that voted for it (its proposer included). */
    coalition?: string[];
    /** A party whose consent is needed left: in which round, who, after which events. */
    walkedAway?: { round: number; parties: string[]; events: FiredEvent[] };
    /** Walked away by choice: the parties that rejected an offer and took their outside option, in which round, and what the option pays each of them per round. */
    tookOutsideOption?: { round: number; parties: string[]; outside: Record<string, number> };
    /**
     * Scenarios whose deals can break down: the rounds at whose start a deal in force collapsed, and
     * whether a deal was in force at the end of the window (its terms are then `terms`).
     */
    breakdown?: { collapsedIn: number[]; holding: boolean };
  };
}

/** Run `runIndex`'s recording in words: the transcript `parley explain` prints. */
export function transcriptOf(model: Model, seed: number, runIndex: number, recording: RunRecording): Transcript {
  const { g, eq, out, records, walkout, flows, draws, collapses } = recording;
  const ids = model.parties.map((p) => p.id);
  const byParty = (xs: ArrayLike<number>) => Object.fromEntries(ids.map((id, i) => [id, xs[i]]));
  const strategyName = (i: number) => {
    if (model.mediation?.mediator === i) return 'mediator';
    const base = strategyWords(model.parties[i].strategy);
    const t = model.parties[i].temperature;
    return t > 0 ? `${base}, noisy replies (temperature ${t})` : base;
  };
  const med = model.mediation && g.rp.mediation;
  const consentFor = model.parties.map((p) => (p.required ? [] : consentOptions(model, p.index)));
  return {
    scenario: model.scenario.name,
    seed,
    run: runIndex,
    draws,
    privateDraws: modelParams(model).filter(isPrivate).map((p) => p.path),
    parties: model.parties.map((p, i) => ({
      id: p.id,
      name: p.name,
      noDealFlow: flows[i],
      discount: g.rp.discount[i],
      required: p.required,
      ...(consentFor[i].length > 0 ? { consentFor: consentFor[i] } : {}),
      strategy: strategyName(i),
      proposeProbability: model.recognition.kind === 'random' && !model.mediation ? g.rp.proposerProbs[i] : null,
      ...(model.decision ? { vote: model.decision.weight[i] } : {}),
    })),
    ...(model.decision ? { decision: decisionWords(model.decision, model.parties) } : {}),
    equilibrium: eq && { values: byParty(eq.V.subarray(0, g.n)), mixed: eq.mixed, converged: eq.converged, iterations: eq.iterations },
    ...(model.mediation && med
      ? { mediator: { party: ids[model.mediation.mediator], bias: med.bias, step: med.step, leverage: Object.fromEntries(ids.flatMap((id, i) => (med.leverage[i] > 0 ? [[id, med.leverage[i]]] : []))) } }
      : {}),
    rounds: records.map((r) => ({
      round: r.round,
      proposer: ids[r.proposer],
      offer: r.offer && termsOf(model.issues, r.offer.values),
      replies: r.replies.flatMap((a, i) => (a === null || !r.offer ? [] : [{ party: ids[i], accepted: a, utility: r.offer.utils[i], needed: r.thresholds[i] }])),
      ...(r.chance === undefined ? {} : { chance: r.chance }),
      ...commitmentsOf(model, r.offer?.values ?? null),
      ...(model.world ? worldOf(model, r, byParty) : r.flows ? { leverage: leverageOf(g, ids, r.flows) } : {}),
    })),
    end: {
      agreed: out.agreed,
      round: out.agreed ? out.round : null,
      terms: out.terms && termsOf(model.issues, out.terms),
      values: byParty(out.values),
      dealUtility: out.dealUtils && byParty(out.dealUtils),
      ...(out.agreed && out.coalition !== undefined ? { coalition: membersOf(out.coalition, model.parties.length).map((i) => ids[i]) } : {}),
      ...(out.end ? { reason: out.end } : {}),
      ...(out.left ? { tookOutsideOption: { round: out.left.round, parties: out.left.parties.map((i) => ids[i]), outside: Object.fromEntries(out.left.parties.map((i) => [ids[i], (g.rp.outside as Float64Array)[i]])) } } : {}),
      ...(walkout ? { walkedAway: { round: walkout.round, parties: walkedOut(model, walkout.events), events: fired(model, walkout.events) } } : {}),
      ...(out.breakdown ? { breakdown: { collapsedIn: collapses, holding: out.breakdown.holding } } : {}),
    },
  };
}

/** What the world did in a round: the events that fired, the flows, the no-deal state, which mechanism played. */
function worldOf(model: Model, r: RoundRecord, byParty: (xs: ArrayLike<number>) => Record<string, number>): Partial<TranscriptRound> {
  return {
    ...(model.mediation ? { mediated: r.mediated === true } : {}),
    ...(r.events ? { events: fired(model, r.events) } : {}),
    ...(r.flows ? { flows: byParty(r.flows) } : {}),
    ...(r.noDeal ? { noDeal: byParty(r.noDeal) } : {}),
    ...(r.state ? { state: termsOf(model.issues, r.state) } : {}),
  };
}

/** The events with these ids, with their effects in words. */
function fired(model: Model, ids: string[]): FiredEvent[] {
  const s = model.scenario;
  return ids.map((id) => {
    const e = s.events.find((x) => x.id === id);
    return { id, ...(e?.description ? { description: e.description } : {}), effects: (e?.effects ?? []).map((f) => effectWords(s, f)) };
  });
}

/** The parties whose consent is needed that these events took from the table. */
function walkedOut(model: Model, ids: string[]): string[] {
  const required = new Set(model.parties.filter((p) => p.required).map((p) => p.id));
  return model.scenario.events.filter((e) => ids.includes(e.id)).flatMap((e) => e.effects.flatMap((f) => ('leave' in f && required.has(f.leave) ? [f.leave] : [])));
}

/** The parties whose no-deal flow has been lowered (by mediator leverage) this round. */
function leverageOf(g: Game, ids: string[], flows: Float64Array): { party: string; flow: number; from: number }[] {
  return ids.flatMap((party, i) => (flows[i] < g.rp.reservation[i] ? [{ party, flow: flows[i], from: g.rp.reservation[i] }] : []));
}

/** The options ("issue option") whose deals need party i's consent. */
function consentOptions(model: Model, i: number): string[] {
  return model.issues.flatMap((issue) => {
    const who = consentByOption(model.scenario, issue, model.parties);
    return issue.kind === 'options' ? issue.options.filter((_, o) => who[o].includes(i)).map((o) => `${issue.id} ${o}`) : [];
  });
}

/** The commitments of an offer's options ({} when none has any). */
function commitmentsOf(model: Model, values: ArrayLike<number> | null): { commitments?: string[] } {
  if (!values) return {};
  const out = model.issues.flatMap((issue) => {
    const spec = model.scenario.issues[issue.id];
    if (issue.kind !== 'options' || isNumericIssue(spec)) return [];
    const option = issue.options[values[issue.index]];
    const text = spec.commitments?.[option];
    return text ? [`${issue.id} ${option}: ${text}`] : [];
  });
  return out.length > 0 ? { commitments: out } : {};
}
