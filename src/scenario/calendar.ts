import { show } from './problems.js';

/**
 * The date a round starts: round 1 starts on `calendar.start`, each later round
 * one `calendar.round` after the previous (days and weeks exactly, months by the calendar month).
 * @example roundDate({start: '2025-08-18', round: '1 week'}, 3) // '2025-09-01'
 */
export function roundDate(calendar: { start: string; round: string }, round: number): string {
  const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*(day|week|month)s?$/.exec(calendar.round.trim()) ?? [];
  const d = new Date(`${calendar.start}T00:00:00Z`);
  const k = (round - 1) * Number(amount);
  if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + Math.round(k));
  else d.setUTCDate(d.getUTCDate() + Math.round(k * (unit === 'week' ? 7 : 1)));
  return d.toISOString().slice(0, 10);
}

/** The last day a round may start on: dates are written YYYY-MM-DD. */
export const LAST_DATE = '9999-12-31';

/**
 * Why the calendar cannot date every round of the window (through the day the
 * window ends, round `rounds + 1`), or null: a date past 9999-12-31, or one
 * JavaScript's Date cannot hold ("99999999999 months").
 */
export function calendarProblem(calendar: { start: string; round: string }, rounds: number): string | null {
  let end = '';
  try {
    end = roundDate(calendar, rounds + 1);
  } catch {
    // An invalid Date ("Invalid time value"): past anything a Date holds.
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(end) && end <= LAST_DATE) return null;
  return `expected a round short enough that the window's ${rounds} rounds from ${calendar.start} end by ${LAST_DATE} (dates are YYYY-MM-DD), but with rounds of ${show(calendar.round)} they end after it`;
}
