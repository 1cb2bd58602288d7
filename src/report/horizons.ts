import type { Scenario } from '../scenario/schema.js';

/**
 * Horizons typed into a scenario file: the observation window, each concession
 * clock's horizon, each round an event's condition names. When a result's
 * timing lands on one of them, the timing is the file's assumption, not a
 * finding, and the run table says so.
 */
export interface Horizon {
  round: number;
  /** What typed it, in words: `the window (rounds: 26)`, `russia's concession horizon`. */
  what: string;
}

/** The first round a condition like `round > 8`, `round >= 9` or `round == 9` holds. */
function eventRounds(when: string): number[] {
  const out: number[] = [];
  for (const m of when.matchAll(/\bround\s*(>=|>|==)\s*(\d+)/g)) out.push(m[1] === '>' ? Number(m[2]) + 1 : Number(m[2]));
  return out;
}

/** Every `horizon: N` inside a strategy form (concession and the like). */
function strategyHorizons(strategy: unknown): number[] {
  if (strategy === null || typeof strategy !== 'object') return [];
  return Object.entries(strategy as Record<string, unknown>).flatMap(([k, v]) => (k === 'horizon' && typeof v === 'number' ? [v] : strategyHorizons(v)));
}

/** The horizons of a scenario, in the order the file gives them. */
export function typedHorizons(s: Scenario): Horizon[] {
  const out: Horizon[] = [{ round: s.rounds, what: `the window's last round (rounds: ${s.rounds})` }];
  for (const [id, p] of Object.entries(s.parties)) for (const h of strategyHorizons(p.strategy)) out.push({ round: h, what: `${id}'s concession horizon (${h})` });
  for (const e of s.events ?? []) for (const r of eventRounds(e.when)) out.push({ round: r, what: `the first round event ${e.id} can fire ("${e.when}")` });
  return out;
}

/** The warnings for deal timings (median and p90 round) equal to a typed horizon. */
export function timingWarnings(s: Scenario, timing: { p50: number | null; p90: number | null }): string[] {
  const hs = typedHorizons(s);
  const out: string[] = [];
  for (const [label, round] of [['median', timing.p50], ['p90', timing.p90]] as const) {
    if (round === null || round <= 1) continue;
    const hit = hs.filter((h) => h.round === round);
    if (hit.length)
      out.push(`the ${label} deal round (${round}) equals ${hit.map((h) => h.what).join(' and ')}, typed in the file: this timing is that assumption, not a finding`);
  }
  return out;
}
