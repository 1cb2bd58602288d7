import type { EffectSpec, Scenario } from '../scenario/schema.js';

/**
 * An event's effects in plain words, for transcripts a journalist can retell:
 * "Ukraine's cost of a round of war rises by 0.02", "Russia leaves the table",
 * "the United States stops drafting texts: the parties bargain directly".
 */
export function effectWords(s: Scenario, f: EffectSpec): string {
  const name = (id: string) => s.parties[id]?.name ?? id;
  if ('leave' in f) return `${name(f.leave)} leaves the table`;
  if ('join' in f) return `${name(f.join)} returns to the table`;
  if ('order' in f) return `from now on the proposers take turns: ${f.order.map(name).join(', ')}`;
  if ('proposers' in f) {
    const total = Object.values(f.proposers).reduce((a, b) => a + b, 0);
    const shares = Object.entries(f.proposers).filter(([, v]) => v > 0).map(([k, v]) => `${name(k)} ${Math.round((100 * v) / total)}%`);
    return `from now on who proposes is drawn each round: ${shares.join(', ')}`;
  }
  if ('mechanism' in f) {
    const m = s.mechanism;
    const broker = m.kind === 'mediator' ? name(m.mediator) : 'the mediator';
    return f.mechanism === 'alternating-offers'
      ? `${broker} stops drafting texts: the parties bargain directly (alternating offers)`
      : `${broker} takes over the talks: it keeps a single negotiating text`;
  }
  if ('set' in f) return Object.entries(f.set).map(([path, v]) => `${subject(s, path)} is set to ${typeof v === 'number' ? round(v) : v}`).join('; ');
  return Object.entries(f.shift).map(([path, d]) => `${subject(s, path)} ${d >= 0 ? 'rises' : 'falls'} by ${round(Math.abs(d))}`).join('; ');
}

const round = (x: number) => String(Number(x.toFixed(4)));

/** What a parameter path is, in words. */
function subject(s: Scenario, path: string): string {
  const name = (id: string) => s.parties[id]?.name ?? id;
  const k = path.split('.');
  if (k[0] === 'nodeal') {
    if (k[1] === 'state') return `where things stand without a deal on ${k[2]}`;
    if (k[1] === 'drift') return `the drift of ${k[2]} per round without a deal`;
    if (k[1] === 'volatility') return `the volatility of ${k[2]} per round`;
    if (k[1] === 'cost') return `${name(k[2])}'s cost of a round of war`;
  }
  if (k[0] === 'parties') {
    const who = name(k[1]);
    switch (k[2]) {
      case 'reservation':
        return `${who}'s value of no deal`;
      case 'discount':
        return `${who}'s patience (discount per round)`;
      case 'power':
        return `${who}'s bargaining power`;
      case 'weights':
        return `the weight ${who} puts on ${k[3]}`;
      case 'ideal':
        return `${who}'s ideal ${k[3]}`;
      case 'utility':
        return k[4] === 'values' ? `${who}'s utility of ${k[3]} ${k[5]}` : `${who}'s utility of ${k[3]}`;
    }
  }
  if (k[0] === 'mechanism') {
    if (k[1] === 'bias') return "the mediator's bias toward its own preferences";
    if (k[1] === 'step') return "the mediator's amendment step";
    if (k[1] === 'leverage') return `the leverage on ${name(k[2])} (fall of its no-deal value per rejection)`;
  }
  return path;
}
