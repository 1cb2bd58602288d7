import { claimText, type ProvenanceBasis, type Scenario, type SourceEntry } from '../scenario/schema.js';

/**
 * The ledger's checks that a citation is honest: a claim cited for a field
 * should be what sets that field's value, and a claim should keep the
 * report's hedges. Each check is mechanical and errs toward flagging; a file
 * says why a flag stands in the citation's (or claim's) `flag` field.
 */

/** What a flag says is wrong. */
export type CitationFlagKind =
  /** The field's value equals the baseline's, and the baseline's value does not rest on the same report: the claim moves nothing. */
  | 'same-as-baseline'
  /** A number cited to claims only, none of which names a quantity: a judgement presented under a claim. */
  | 'no-quantity'
  /** A claim graded `reported` without a hedge or attribution word (reportedly, according to, said, ...). */
  | 'hedge-dropped'
  /** A claim graded `quote` without quotation marks. */
  | 'unquoted';

/** One flag: where it is, what it says, and the file's reason it stands (null: unexplained). */
export interface CitationFlag {
  kind: CitationFlagKind;
  /** The provenance path (or `sources.<id>` for a flag on a claim). */
  path: string;
  source: string;
  claim: string;
  message: string;
  stands: string | null;
}

/** A row as the flags need it: its path, kind, value and the provenance key its basis came from. */
export interface FlagRow {
  path: string;
  kind: 'parameter' | 'structure' | 'other';
  value: string;
  basisKey: string | null;
  /** Report files (or source ids) of the claims this row's basis cites. */
  reports: string[];
}

const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|halves|third|thirds|quarter|quarters|fifth|fifths|tenth|dozen|percent|per cent|once|twice|weeks?|days?|months?|years?|hours?|minutes?)\b/i;

/** Whether a claim names a quantity (a digit, a number word, a fraction, a span of time). */
export function namesQuantity(claim: string): boolean {
  return /\d/.test(claim) || /[%$€£]/.test(claim) || NUMBER_WORDS.test(claim);
}

const HEDGES =
  /\b(reportedly|according to|said|says|say|told|tells|reports?|reported|reporting|citing|cited|sources?|stated|states|announced|wrote|writes|claims?|claimed|quoted|indicat\w*|suggest\w*|describ\w*|advisers|advisors|via|per|could|might|may|possibly|potentially|appears?|seems?)\b/i;

/** Whether a second-hand claim keeps a hedge (reportedly, could, ...) or an attribution (according to, said, ...). */
export const keepsHedge = (claim: string): boolean => HEDGES.test(claim);

const QUOTES = /["“”‘’']/;

/** The report behind a source: its file when given (so that two files citing one report agree), else its id. */
export const reportOf = (src: SourceEntry | undefined, id: string): string => src?.file ?? id;

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

const listOf = (e: ProvenanceBasis | ProvenanceBasis[]): ProvenanceBasis[] => (Array.isArray(e) ? e : [e]);

/**
 * The flags of a scenario. `rows` are its ledger rows; `baseline`, when given,
 * maps each path of the baseline's ledger to its value and the reports its basis cites.
 * `valueAt` reads a path that is no row (e.g. a whole issue) in the scenario and the baseline.
 */
export function citationFlags(
  s: Scenario,
  rows: FlagRow[],
  baseline: { rows: Map<string, { value: string; reports: string[] }>; valueAt: (path: string) => string | null } | null,
  valueAt: (path: string) => string,
): CitationFlag[] {
  const out: CitationFlag[] = [];
  const byId = new Map(s.sources.filter((x) => x.id).map((x) => [x.id as string, x]));

  for (const [key, entry] of Object.entries(s.provenance)) {
    const list = listOf(entry);
    const cites = list.filter((b): b is Extract<ProvenanceBasis, { source: string }> => 'source' in b);
    if (cites.length === 0) continue;
    const covered = rows.filter((r) => r.basisKey === key);
    const hasReasoning = list.some((b) => !('source' in b));

    // A number resting on claims alone, none naming a quantity.
    if (!hasReasoning && covered.some((r) => r.kind === 'parameter') && !cites.some((c) => namesQuantity(c.claim)))
      for (const c of cites)
        out.push({
          kind: 'no-quantity',
          path: key,
          source: c.source,
          claim: c.claim,
          message: 'a number cited to a claim that names no quantity: the value is judgement; say so in a {judgement} beside the claim',
          stands: c.flag ?? null,
        });

    // Every field the entry covers is as in the baseline, whose basis does not cite this report.
    if (baseline) {
      const same = (path: string, value: string) => {
        const b = baseline.rows.get(path);
        if (b) return b.value === value ? b.reports : null;
        const v = baseline.valueAt(path);
        return v !== null && v === value ? [] : null;
      };
      const targets = covered.length > 0 ? covered.map((r) => ({ path: r.path, value: r.value })) : [{ path: key, value: valueAt(key) }];
      const baseReports = targets.map((t) => same(t.path, t.value));
      if (baseReports.every((r) => r !== null))
        for (const c of cites) {
          const report = reportOf(byId.get(c.source), c.source);
          if (baseReports.some((r) => (r as string[]).includes(report))) continue;
          out.push({
            kind: 'same-as-baseline',
            path: key,
            source: c.source,
            claim: c.claim,
            message: `the value is the baseline's (${targets.length === 1 ? short(targets[0].value) : `${targets.length} fields`}) and the baseline does not rest on this report: the claim does not set it`,
            stands: c.flag ?? null,
          });
        }
    }
  }

  for (const src of s.sources)
    for (const c of src.claims) {
      if (typeof c === 'string') continue;
      const at = `sources.${src.id ?? src.outlet}`;
      if (c.kind === 'reported' && !keepsHedge(c.claim))
        out.push({ kind: 'hedge-dropped', path: at, source: src.id ?? src.outlet, claim: claimText(c), message: 'a second-hand claim without its hedge or attribution (reportedly, could, according to, ...)', stands: c.flag ?? null });
      if (c.kind === 'quote' && !QUOTES.test(c.claim))
        out.push({ kind: 'unquoted', path: at, source: src.id ?? src.outlet, claim: claimText(c), message: 'a quote without quotation marks: quote the words as the report prints them', stands: c.flag ?? null });
    }
  return out;
}
