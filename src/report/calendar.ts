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
