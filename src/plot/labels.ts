import type { Model } from '../model/types.js';

/** What charts call things: party names instead of ids, issue units, the calendar. */
export interface ChartLabels {
  parties: Record<string, string>;
  /** Axis title of each issue: its description or id, with its unit. */
  issues: Record<string, string>;
  calendar?: { start: string; round: string };
}

/** Readable labels from a compiled scenario. */
export function chartLabels(model: Model): ChartLabels {
  const spec = model.scenario.issues as Record<string, { description?: string; unit?: string }>;
  return {
    parties: Object.fromEntries(model.parties.map((p) => [p.id, p.name])),
    issues: Object.fromEntries(
      model.issues.map((i) => {
        const s = spec[i.id] ?? {};
        return [i.id, `${i.id}${s.unit ? ` (${s.unit})` : ''}`];
      }),
    ),
    ...(model.scenario.calendar ? { calendar: model.scenario.calendar } : {}),
  };
}

/** A parameter path in words: `parties.russia.reservation` → `Russia: reservation`. */
export function paramLabel(path: string, labels: ChartLabels): string {
  const m = /^parties\.([^.]+)\.(.+)$/.exec(path);
  if (!m) return path;
  return `${labels.parties[m[1]] ?? m[1]}: ${m[2]}`;
}
