import { show } from './problems.js';

/**
 * The date a round starts: round 1 starts on `calendar.start`, each later round
 * one `calendar.round` after the previous (days and weeks exactly, months by the calendar month,
 * a day past a month's end clamped to its last day).
 * @example roundDate({start: '2025-08-18', round: '1 week'}, 3) // '2025-09-01'
 */
export function roundDate(calendar: { start: string; round: string }, round: number): string {
  const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*(day|week|month)s?$/.exec(calendar.round.trim()) ?? [];
  const d = new Date(`${calendar.start}T00:00:00Z`);
  const k = (round - 1) * Number(amount);
  if (unit === 'month') return addMonths(d, Math.round(k)).toISOString().slice(0, 10);
  d.setUTCDate(d.getUTCDate() + Math.round(k * (unit === 'week' ? 7 : 1)));
  return d.toISOString().slice(0, 10);
}

/**
 * `months` calendar months after d, on the same day of the month or, when the
 * month is shorter, on its last day: 2025-01-31 + 1 month = 2025-02-28 (not
 * JavaScript's overflow into 2025-03-03), + 2 months = 2025-03-31.
 */
export function addMonths(d: Date, months: number): Date {
  // setUTCFullYear, not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  const at = (year: number, month: number, day: number) => {
    const x = new Date(0);
    x.setUTCFullYear(year, month, day);
    return x;
  };
  // Day 0 of the next month is the last day of the target month.
  const last = at(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0).getUTCDate();
  return at(d.getUTCFullYear(), d.getUTCMonth() + months, Math.min(d.getUTCDate(), last));
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
