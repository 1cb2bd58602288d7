import type { FiredEvent, Terms, Transcript, TranscriptRound } from './transcriptOf.js';
import { roundDate } from './calendar.js';

const f3 = (x: number) => x.toFixed(3);
const words = (t: Terms) => Object.entries(t).map(([k, v]) => `${k} ${typeof v === 'number' ? f3(v) : v}`).join(', ');

/** An event in words: "  (event) the US conditions its aid: Ukraine's value of no deal falls by 0.1." */
function eventLine(e: FiredEvent): string {
  const what = e.effects.length ? e.effects.join('; ') : 'nothing changes at the table (other events may be likelier after it)';
  return `  (event) ${e.description ?? e.id}: ${what}.`;
}

/**
 * What the world did before a round, in words: the events that fired, then
 * where things stand without a deal and each party's no-deal flow when they
 * moved since they were last stated (at 3 decimals).
 */
class WorldNarrator {
  private flows: Record<string, string>;
  private state: Record<string, string>;

  constructor(t: Transcript, private readonly name: Record<string, string>) {
    this.flows = Object.fromEntries(t.parties.map((p) => [p.id, f3(p.noDealFlow)]));
    this.state = Object.fromEntries(Object.entries(t.rounds[0]?.state ?? {}).map(([k, v]) => [k, show(v)]));
  }

  before(r: TranscriptRound): string[] {
    const out = (r.events ?? []).map(eventLine);
    const moved = Object.entries(r.state ?? {}).filter(([k, v]) => show(v) !== this.state[k]);
    if (moved.length > 0) out.push(`  (no deal) where things stand without a deal moves: ${moved.map(([k, v]) => `${k} ${show(v)} (was ${this.state[k]})`).join(', ')}.`);
    for (const [k, v] of moved) this.state[k] = show(v);
    const flows = Object.entries(r.flows ?? {}).filter(([k, v]) => f3(v) !== this.flows[k]);
    if (flows.length > 0) out.push(`  (no deal) another round without a deal is now worth: ${flows.map(([k, v]) => `${this.name[k]} ${f3(v)} (was ${this.flows[k]})`).join(', ')}.`);
    for (const [k, v] of flows) this.flows[k] = f3(v);
    return out;
  }
}

const show = (v: number | string) => (typeof v === 'number' ? f3(v) : v);

/**
 * Who knows a private draw, and what the others make of it. Its owner is the party the path names
 * (`parties.<id>.…`, `nodeal.cost.<id>`). A private cost of war is not part of a bayesian type: the others
 * plan with its mean (docs/model.md, "Bayesian players under a plan"); other private draws they hold as a
 * sample of their range.
 */
function privateNote(t: Transcript, path: string): string {
  const names = new Map(t.parties.map((p) => [p.id, p.name]));
  const owner = path.split('.').slice(1).map((s) => names.get(s)).find((x) => x !== undefined) ?? 'its owner';
  return `private: only ${owner} knows it; ${path.startsWith('nodeal.cost.') ? 'the others plan with its mean' : 'the others know its range'}`;
}

/** The transcript of one run as prose a non-programmer can retell. */
export function renderTranscript(t: Transcript, calendar?: { start: string; round: string }): string {
  const name = Object.fromEntries(t.parties.map((p) => [p.id, p.name]));
  const when = (r: number) => (calendar ? ` (${roundDate(calendar, r)})` : '');
  const out: string[] = [`Run ${t.run} of "${t.scenario}" (seed ${t.seed}): replays exactly run ${t.run} of \`parley run -s ${t.seed}\`.`, ''];
  const draws = Object.entries(t.draws);
  out.push('What was drawn for this run');
  if (draws.length === 0) out.push('  nothing: every parameter of this scenario is fixed');
  for (const [path, v] of draws) out.push(`  ${path} = ${f3(v)}${t.privateDraws.includes(path) ? `  (${privateNote(t, path)})` : ''}`);
  out.push('', 'The parties');
  for (const p of t.parties) {
    const votes = p.vote === undefined ? '' : p.vote > 0 ? `; votes${t.decision?.startsWith('quota') ? '' : ` with weight ${p.vote}`}` : '; has no vote';
    const signs = (p.required ? 'must sign' : p.consentFor ? `must sign a deal with ${p.consentFor.join(' or ')} (its consent), need not sign others` : 'need not sign') + votes;
    const parts = [`no deal is worth ${f3(p.noDealFlow)} to it each round`, `patience ${f3(p.discount)} per round`, signs, p.strategy];
    if (p.proposeProbability !== null) parts.push(`proposes in ${(100 * p.proposeProbability).toFixed(0)}% of rounds`);
    out.push(`  ${p.name}: ${parts.join('; ')}`);
  }
  if (t.decision) out.push(`  A deal passes when every party that must sign accepts and the yes votes, the proposer's own counted, reach the rule: ${t.decision}.`);
  if (t.equilibrium) {
    const e = t.equilibrium;
    out.push('', `What rational players expect from talks (their equilibrium values): ${Object.entries(e.values).map(([k, v]) => `${name[k]} ${f3(v)}`).join(', ')}`);
    if (e.mixed) out.push('  No pure equilibrium exists here: some proposers randomise between offers (or between offering and waiting).');
    if (!e.converged) out.push('  Warning: the equilibrium solve did not fully converge for this run.');
  }
  if (t.mediator) {
    const m = t.mediator;
    const lev = Object.entries(m.leverage).map(([k, v]) => `${name[k]}'s no-deal flow falls by ${f3(v)} for every round it rejects`);
    out.push('', `${name[m.party]} mediates: it keeps a single negotiating text, weighing its own preferences at bias ${f3(m.bias)}, and amends it by step ${f3(m.step)} toward those who reject.`);
    if (lev.length > 0) out.push(`  Leverage: ${lev.join('; ')}.`);
  }
  const world = new WorldNarrator(t, name);
  const start = t.rounds[0]?.state;
  if (start) out.push('', `Where things stand without a deal when talks open: ${words(start)}.`);
  out.push('', 'The talks');
  for (const r of t.rounds) {
    out.push(...world.before(r));
    for (const l of r.leverage ?? []) out.push(`  (leverage) ${name[l.party]}'s no-deal flow is now ${f3(l.flow)} (it was ${f3(l.from)}).`);
    if (!r.offer) {
      const bayesian = t.parties.find((p) => p.id === r.proposer)?.strategy.startsWith('bayesian');
      const why = bayesian ? 'no offer it believes the others might accept is worth more to it than waiting' : 'nothing the others would accept is worth more to it than waiting';
      out.push(`Round ${r.round}${when(r.round)}: ${name[r.proposer]} makes no offer (${why}).`);
      continue;
    }
    const mediated = r.mediated ?? t.mediator !== undefined;
    const what = mediated ? 'text' : 'offer';
    const chance = r.chance !== undefined && r.chance < 1 ? ` It puts the chance that everyone accepts at ${(100 * r.chance).toFixed(0)}%.` : '';
    out.push(`Round ${r.round}${when(r.round)}: ${name[r.proposer]} ${mediated ? 'tables the text' : 'proposes'} ${words(r.offer)}.${chance}`);
    for (const c of r.commitments ?? []) out.push(`  (commitment) ${c}`);
    for (const a of r.replies)
      out.push(`  ${name[a.party]} ${a.accepted ? 'accepts' : 'rejects'}: the ${what} is worth ${f3(a.utility)} to it; it needed ${f3(a.needed)}.`);
  }
  out.push('');
  const e = t.end;
  for (const c of e.breakdown?.collapsedIn ?? []) out.push(`(collapse) at the start of round ${c}${when(c)} the deal in force broke down.`);
  if (e.agreed && e.terms) {
    const held = e.breakdown ? (e.breakdown.holding ? ' It was in force at the end of the window.' : ' It did not hold.') : '';
    out.push(`The end: a deal in round ${e.round}${when(e.round as number)}: ${words(e.terms)}.${held}`);
    if (e.coalition) out.push(`  Decided by ${t.decision}: the winning coalition was ${e.coalition.map((k) => name[k]).join(', ')}.`);
    out.push(`  Utility of the deal: ${Object.entries(e.dealUtility ?? {}).map(([k, v]) => `${name[k]} ${f3(v)}`).join(', ')}.`);
  } else if (e.walkedAway) {
    const w = e.walkedAway;
    for (const ev of w.events) out.push(eventLine(ev));
    const who = w.parties.map((p) => name[p]).join(' and ');
    out.push(`The end: in round ${w.round}${when(w.round)} ${who} walked away from the table; a deal needs ${w.parties.length > 1 ? 'their' : 'its'} signature, so talks end here. The run is scored as no deal from then on.`);
  } else if (e.tookOutsideOption) {
    const o = e.tookOutsideOption;
    const who = o.parties.map((p) => `${name[p]} (worth ${f3(o.outside[p])} a round to it)`).join(' and ');
    out.push(`The end: in round ${o.round}${when(o.round)} ${who} walked away by choice, taking ${o.parties.length > 1 ? 'their outside options' : 'its outside option'}: it was worth more than staying at the table. A deal needed ${o.parties.length > 1 ? 'their' : 'its'} signature, so talks end here; ${o.parties.length > 1 ? 'they are' : 'it is'} paid the option from this round on, the others their no-deal flow.`);
  } else {
    const why = e.reason === 'noFeasiblePackage' ? ' At the end no package gave every party that must sign at least its no-deal value: there was no bargaining range.' : '';
    out.push(`The end: no deal within the ${t.rounds.length}-round window; the run is scored as no deal from then on.${why}`);
  }
  out.push(`  Value of the run (0-1 scale, counting the rounds of war before any deal): ${Object.entries(e.values).map(([k, v]) => `${name[k]} ${f3(v)}`).join(', ')}.`);
  return out.join('\n') + '\n';
}
