import type { Terms, Transcript } from './transcriptOf.js';
import { roundDate } from './calendar.js';
import { toCsv, toMarkdownTable } from './csv.js';

const f3 = (x: number) => x.toFixed(3);
const words = (t: Terms) => Object.entries(t).map(([k, v]) => `${k} ${typeof v === 'number' ? f3(v) : v}`).join(', ');

/**
 * `explain -f csv`: one row per event — each offer (or a proposer's waiting),
 * each reply, then the end — with the terms offered in one column per issue.
 */
export function renderTranscriptCsv(t: Transcript, calendar?: { start: string; round: string }): string {
  const issues = Object.keys(t.end.terms ?? t.rounds.find((r) => r.offer)?.offer ?? {});
  const rows: (string | number | boolean | null)[][] = [['run', 'round', 'date', 'event', 'party', 'accepted', 'utility', 'needed', ...issues]];
  const date = (r: number | null) => (calendar && r !== null ? roundDate(calendar, r) : null);
  const terms = (x: Terms | null) => issues.map((k) => (x ? x[k] : null));
  for (const r of t.rounds) {
    for (const e of r.events ?? []) rows.push([t.run, r.round, date(r.round), `event ${e.id}: ${e.effects.join('; ')}`, null, null, null, null, ...terms(null)]);
    for (const [p, v] of Object.entries(r.flows ?? {})) rows.push([t.run, r.round, date(r.round), 'no-deal flow', p, null, v, null, ...terms(null)]);
    rows.push([t.run, r.round, date(r.round), r.offer ? (r.mediated ? 'text' : 'offer') : 'no offer', r.proposer, null, null, null, ...terms(r.offer)]);
    for (const a of r.replies) rows.push([t.run, r.round, date(r.round), 'reply', a.party, a.accepted, a.utility, a.needed, ...terms(r.offer)]);
  }
  const w = t.end.walkedAway;
  if (w) for (const e of w.events) rows.push([t.run, w.round, date(w.round), `event ${e.id}: ${e.effects.join('; ')}`, null, null, null, null, ...terms(null)]);
  const o = t.end.tookOutsideOption;
  const ending = t.end.agreed ? 'deal' : w ? `walked away: ${w.parties.join(', ')}` : o ? `walked away by choice (outside option): ${o.parties.join(', ')}` : 'no deal in window';
  const endRound = t.end.round ?? w?.round ?? o?.round ?? null;
  rows.push([t.run, endRound, date(endRound), ending, null, null, null, null, ...terms(t.end.terms)]);
  for (const p of t.end.coalition ?? []) rows.push([t.run, t.end.round, date(t.end.round), `winning coalition (${t.decision})`, p, true, null, null, ...terms(null)]);
  for (const [p, v] of Object.entries(t.end.values)) rows.push([t.run, t.end.round, date(t.end.round), 'value of the run', p, null, v, null, ...terms(null)]);
  return toCsv(rows);
}

/** `explain -f md`: the draws, the parties, the rounds and the end as Markdown tables. */
export function renderTranscriptMarkdown(t: Transcript, calendar?: { start: string; round: string }): string {
  const name = Object.fromEntries(t.parties.map((p) => [p.id, p.name]));
  const when = (r: number) => (calendar ? ` (${roundDate(calendar, r)})` : '');
  const draws = Object.entries(t.draws);
  const anyEvents = t.rounds.some((r) => r.events);
  const parts = [
    `### Run ${t.run} of "${t.scenario}" (seed ${t.seed})`,
    `Replays exactly run ${t.run} of \`parley run -s ${t.seed}\`.`,
    '**What was drawn for this run**',
    draws.length ? toMarkdownTable(['parameter', 'value'], draws.map(([k, v]) => [k, f3(v)])) : 'Nothing: every parameter of this scenario is fixed.',
    '**The parties**',
    toMarkdownTable(['party', 'no-deal flow', 'discount', 'must sign', 'strategy'], t.parties.map((p) => [p.name, f3(p.noDealFlow), f3(p.discount), p.required ? 'yes' : p.consentFor ? `deals with ${p.consentFor.join(' or ')}` : 'no', p.strategy])),
    '**The talks**',
    toMarkdownTable(
      ['round', ...(anyEvents ? ['events'] : []), 'proposer', 'offer', 'replies (worth / needed)'],
      t.rounds.map((r) => [
        `${r.round}${when(r.round)}`,
        ...(anyEvents ? [(r.events ?? []).map((e) => `${e.description ?? e.id}: ${e.effects.join('; ')}`).join('<br>')] : []),
        name[r.proposer],
        r.offer ? words(r.offer) : 'no offer',
        r.replies.map((a) => `${name[a.party]} ${a.accepted ? 'accepts' : 'rejects'} (${f3(a.utility)} / ${f3(a.needed)})`).join('; '),
      ]),
    ),
    t.end.agreed && t.end.terms
      ? `**The end:** a deal in round ${t.end.round}${when(t.end.round as number)}: ${words(t.end.terms)}.${t.end.coalition ? ` Decided by ${t.decision}: the winning coalition was ${t.end.coalition.map((k) => name[k]).join(', ')}.` : ''}`
      : t.end.walkedAway
        ? `**The end:** in round ${t.end.walkedAway.round}${when(t.end.walkedAway.round)} ${t.end.walkedAway.parties.map((p) => name[p]).join(' and ')} walked away (${t.end.walkedAway.events.map((e) => e.description ?? e.id).join('; ')}); talks end.`
        : t.end.tookOutsideOption
          ? `**The end:** in round ${t.end.tookOutsideOption.round}${when(t.end.tookOutsideOption.round)} ${t.end.tookOutsideOption.parties.map((p) => name[p]).join(' and ')} walked away by choice (took the outside option); talks end.`
          : `**The end:** no deal within the ${t.rounds.length}-round window.`,
    toMarkdownTable(['party', 'value of the run'], Object.entries(t.end.values).map(([k, v]) => [name[k], f3(v)])),
  ];
  return parts.join('\n\n') + '\n';
}
