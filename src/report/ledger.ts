import { strategyFormWords } from '../strategies/specs.js';
import { decisionWords } from '../model/decision.js';
import type { OpenScenario } from '../model/open.js';
import type { EuModel } from '../forecast/expected-utility/index.js';
import { isPrivate, partyParams, type Param } from '../model/params.js';
import { intervalShape, type Distribution } from '../rng/distributions.js';
import { missingPath, pathSegments } from '../scenario/provenanceRules.js';
import { noDealOption } from '../scenario/consentRules.js';
import { claimText, isNumericIssue, type ProvenanceBasis, type Scenario } from '../scenario/schema.js';
import { citationFlags, reportOf, type CitationFlag } from './ledgerFlags.js';
import { VERSION } from '../version.js';

/**
 * `parley ledger`: where every number and modelling choice of a scenario comes
 * from. Each row takes its basis from the `provenance` entry at its own path
 * or, failing that, at the nearest enclosing path (an entry for
 * `parties.russia.weights` covers each of Russia's weights).
 */

/**
 * A basis as the ledger shows it: a cited claim carries its own grade (the source's unless the claim
 * is graded on its own), what kind of claim it is when the file says (a quote, the author's own
 * statement, a second-hand report), and the file's reason when a flag on the citation stands.
 */
export type LedgerBasis =
  | { kind: 'source'; source: string; grade: string | null; claim: string; as: 'quote' | 'author' | 'reported' | null; flag: string | null }
  | { kind: 'assumption'; why: string }
  | { kind: 'judgement'; why: string };

/** One field of the scenario (a number of the model or a modelling choice), its value and its basis. */
export interface LedgerRow {
  /** Dotted document path, as `--set` writes it. */
  path: string;
  /** parameter: a number of the model (fixed or drawn); structure: a modelling choice (rounds, who proposes, a scale, ...). */
  kind: 'parameter' | 'structure' | 'other';
  value: string;
  private: boolean;
  /** Whether the value is written in the file (false: the format's default). */
  written: boolean;
  /** Whether a `--set` changed it (then the file's provenance is not its basis). */
  overridden: boolean;
  basis: LedgerBasis[];
  /** The provenance path the basis comes from, when it is an enclosing one. */
  via: string | null;
}

/** A source of the scenario: what it is, how far it is trusted, how many of its claims are cited. */
export interface LedgerSource {
  id: string | null;
  outlet: string;
  headline: string;
  grade: string | null;
  reliability: string | null;
  published: string;
  events: string;
  claims: number;
  used: number;
}

/** `parley ledger`: the sources, what each issue's scale means, every field with its basis, and what is flagged. */
export interface LedgerReport {
  parley: string;
  scenario: { name: string; title: string | null; file: string; sha256: string; overrides: Record<string, unknown> };
  sources: LedgerSource[];
  /** What each issue's scale means, from its description. */
  issues: { id: string; scale: string; description: string | null }[];
  rows: LedgerRow[];
  flags: {
    /** Rows with no provenance given. */
    unexplained: string[];
    /** Claims listed by a source that no provenance entry cites. */
    unusedClaims: { source: string; claim: string }[];
    /** Sources without a grade. */
    ungraded: string[];
    /** Citations that do not set their field, numbers under claims that name none, dropped hedges (ledgerFlags.ts). */
    citations: CitationFlag[];
  };
  /** The baseline the fields were compared with (`--baseline`), or null. */
  baseline: string | null;
}

const num = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** `uniform [0.1, 0.3]`, `0.35`, `0.5 to 0.8 (90% interval, lognormal)`, `choice [0, 1] with p [0.3, 0.7]`. */
export function showNumber(spec: number | Distribution): string {
  if (typeof spec === 'number') return num(spec);
  if ('interval' in spec) {
    const [a, b] = spec.interval;
    return `${spec.written ?? `${num(a)} to ${num(b)}`} (90% interval, ${intervalShape(a, b).family})`;
  }
  if ('choice' in spec) return `choice [${spec.choice.map(num).join(', ')}]${spec.p ? ` with p [${spec.p.map(num).join(', ')}]` : ''}`;
  const [family, args] = Object.entries(spec).find(([k]) => k !== 'private') as [string, number[]];
  return `${family} [${args.map(num).join(', ')}]`;
}

const showParam = (p: Param) => (p.dist ? showNumber(p.dist) : num(p.fixed as number));

const showStrategy = (s: unknown) => strategyFormWords(s);

function showEvents(e: Scenario['sources'][number]['events']): string {
  if (e === undefined) return 'not given';
  if (!Array.isArray(e)) return e;
  if (e[0] === 'unknown' && e[1] === 'unknown') return 'unknown';
  return e[0] === 'unknown' ? `by ${e[1]}` : e[1] === 'unknown' ? `from ${e[0]}` : `${e[0]} to ${e[1]}`;
}

type Draft = Omit<LedgerRow, 'basis' | 'via' | 'written' | 'overridden'>;

/** The rows before provenance: structure, then each party's numbers and choices. */
function draftRows(open: OpenScenario, eu: EuModel | null): Draft[] {
  const s = open.model.scenario;
  const out: Draft[] = [];
  const structure = (path: string, value: string) => out.push({ path, kind: 'structure', value, private: false });
  const parameter = (p: Param) => out.push({ path: p.path, kind: 'parameter', value: showParam(p), private: isPrivate(p) });
  const m = s.mechanism;

  if (m.kind === 'alternating-offers') {
    structure('rounds', `${s.rounds} (observation window)`);
    if (s.calendar) {
      structure('calendar.start', s.calendar.start);
      structure('calendar.round', s.calendar.round);
    }
    structure('mechanism.kind', m.order || m.proposers ? m.kind : `${m.kind}, proposers drawn in proportion to power`);
    if (m.order) structure('mechanism.order', m.order.join(' → '));
    for (const [p, w] of Object.entries(m.proposers ?? {})) structure(`mechanism.proposers.${p}`, num(w));
    // Who decides is an assumption like any other: it needs a basis.
    if (m.decision !== undefined) structure('mechanism.decision', decisionWords(open.model.decision, open.model.parties));
  } else if (m.kind === 'mediator') {
    structure('rounds', `${s.rounds} (observation window)`);
    if (s.calendar) {
      structure('calendar.start', s.calendar.start);
      structure('calendar.round', s.calendar.round);
    }
    structure('mechanism.kind', `${m.kind} (a single negotiating text)`);
    structure('mechanism.mediator', m.mediator);
  } else {
    structure('mechanism.kind', m.kind);
    if (eu) structure('mechanism.issue', eu.issue.id);
    structure('mechanism.rounds', String(m.rounds));
    structure('mechanism.risk', typeof m.risk === 'object' ? Object.entries(m.risk).map(([p, r]) => `${p} ${r}`).join(', ') : String(m.risk));
    structure('mechanism.q', num(m.q));
    if (m.q < 1) structure('mechanism.t', num(m.t));
  }
  for (const [id, issue] of Object.entries(s.issues))
    structure(`issues.${id}`, isNumericIssue(issue) ? `range [${issue.range.join(', ')}]${issue.unit ? ` ${issue.unit}` : ''}` : `options ${issue.options.join(' < ')}`);
  for (const [id, issue] of Object.entries(s.issues)) {
    if (isNumericIssue(issue)) continue;
    if (issue.nodeal !== undefined) structure(`issues.${id}.nodeal`, `${issue.nodeal} (no deal)`);
    const c = issue.consent;
    if (Array.isArray(c)) structure(`issues.${id}.consent`, `${c.join(', ')} must consent to any option but ${noDealOption(s, id)}`);
    else for (const [o, who] of Object.entries(c ?? {})) structure(`issues.${id}.consent.${o}`, `${who.join(', ')} must consent`);
    for (const [o, text] of Object.entries(issue.commitments ?? {})) structure(`issues.${id}.commitments.${o}`, text);
  }
  s.constraints.forEach((c, i) => structure(`constraints.${i}`, c));

  for (const party of open.model.parties) {
    const spec = s.parties[party.id];
    const base = `parties.${party.id}`;
    if (eu) {
      const e = eu.parties[party.index];
      parameter(e.position);
      parameter(e.capability);
      if (e.salience.kind === 'explicit') parameter(e.salience.value);
      else parameter(e.salience.weights[e.salience.issue]);
      continue;
    }
    for (const p of partyParams(party)) parameter(p);
    for (const [issue, u] of Object.entries(spec.utility)) if (typeof u === 'string') structure(`${base}.utility.${issue}`, `x ↦ ${u}`);
    for (const [issue, ideal] of Object.entries(spec.ideal)) if (typeof ideal === 'string') structure(`${base}.ideal.${issue}`, ideal);
    structure(`${base}.veto`, spec.veto ? 'must sign' : 'need not sign');
    structure(`${base}.strategy`, showStrategy(spec.strategy));
    if (spec.temperature > 0) structure(`${base}.temperature`, num(spec.temperature));
  }
  const mediation = open.model.mediation;
  if (mediation && m.kind === 'mediator') {
    // Leverage the file gives (the others are 0 by default, not a modelling choice).
    const given = mediation.leverage.filter((p) => (p.path.split('.').pop() as string) in m.leverage);
    for (const p of [mediation.bias, mediation.step, ...given]) parameter(p);
  }
  return out;
}

/** The provenance entry at the path or at the nearest enclosing path. */
function basisOf(s: Scenario, path: string): { key: string; list: ProvenanceBasis[] } | null {
  for (let segs = path.split('.'); segs.length > 0; segs = segs.slice(0, -1)) {
    const key = segs.join('.');
    const entry = s.provenance[key];
    if (entry) return { key, list: Array.isArray(entry) ? entry : [entry] };
  }
  return null;
}

/** The value at a dotted path of the scenario, in full. */
function fullValueAt(s: Scenario, path: string): string {
  let node: unknown = s;
  for (const seg of pathSegments(path)) node = (node as Record<string, unknown>)?.[String(seg)];
  return typeof node === 'string' ? node : JSON.stringify(node);
}

/** The value at a dotted path of the scenario, shortly. */
function valueAt(s: Scenario, path: string): string {
  const text = fullValueAt(s, path);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The ledger of an opened scenario; `eu` is its expected-utility model (whose
 * parameters the ledger lists instead of the bargaining ones), or null.
 */
export function buildLedger(open: OpenScenario, eu: EuModel | null, baseline: { open: OpenScenario; report: LedgerReport } | null = null): LedgerReport {
  const { loaded } = open;
  const s = open.model.scenario;
  const byId = new Map(s.sources.filter((x) => x.id).map((x) => [x.id as string, x]));
  const claimOf = (id: string, text: string) => byId.get(id)?.claims.find((c) => claimText(c) === text);
  const toLedger = (b: ProvenanceBasis): LedgerBasis => {
    if ('assumption' in b) return { kind: 'assumption', why: b.assumption };
    if ('judgement' in b) return { kind: 'judgement', why: b.judgement };
    const c = claimOf(b.source, b.claim);
    const graded = typeof c === 'object' ? c : null;
    return { kind: 'source', source: b.source, grade: graded?.grade ?? byId.get(b.source)?.grade ?? null, claim: b.claim, as: graded?.kind ?? null, flag: b.flag ?? null };
  };

  const drafts = draftRows(open, eu);
  // Provenance given for a path that is no row and encloses none (e.g. a party's name) still shows.
  for (const key of Object.keys(s.provenance))
    if (!drafts.some((d) => d.path === key || d.path.startsWith(`${key}.`))) drafts.push({ path: key, kind: 'other', value: valueAt(s, key), private: false });

  const overrides = Object.keys(loaded.overrides);
  const touches = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const rows: LedgerRow[] = drafts.map((d) => {
    const found = basisOf(s, d.path);
    return {
      ...d,
      written: loaded.source.doc.hasIn(pathSegments(d.path)),
      overridden: overrides.some((o) => touches(o, d.path)),
      basis: found ? found.list.map(toLedger) : [],
      via: found && found.key !== d.path ? found.key : null,
    };
  });

  const reportsOf = (scenario: Scenario, basis: LedgerBasis[]) => {
    const ids = new Map(scenario.sources.filter((x) => x.id).map((x) => [x.id as string, x]));
    return basis.flatMap((b) => (b.kind === 'source' ? [reportOf(ids.get(b.source), b.source)] : []));
  };
  const baseScenario = baseline?.open.model.scenario;
  const flags = citationFlags(
    s,
    // A row of kind other shows its value shortened: the flags compare it in full.
    rows.map((r) => ({ path: r.path, kind: r.kind, value: r.kind === 'other' ? fullValueAt(s, r.path) : r.value, basisKey: r.via ?? (r.basis.length ? r.path : null), reports: [] })),
    baseline && baseScenario
      ? {
          rows: new Map(baseline.report.rows.map((r) => [r.path, { value: r.kind === 'other' ? fullValueAt(baseScenario, r.path) : r.value, reports: reportsOf(baseScenario, r.basis) }])),
          valueAt: (path) => (missingPath(baseScenario, path) === null ? fullValueAt(baseScenario, path) : null),
        }
      : null,
    (path) => fullValueAt(s, path),
  );

  const cited = new Set(Object.values(s.provenance).flatMap((e) => (Array.isArray(e) ? e : [e])).flatMap((b) => ('source' in b ? [`${b.source}\u0000${b.claim}`] : [])));
  const isCited = (id: string | undefined, claim: string) => id !== undefined && cited.has(`${id}\u0000${claim}`);
  const sources: LedgerSource[] = s.sources.map((x) => ({
    id: x.id ?? null,
    outlet: x.outlet,
    headline: x.headline,
    grade: x.grade ?? null,
    reliability: x.reliability ?? null,
    published: x.date ?? 'not given',
    events: showEvents(x.events),
    claims: x.claims.length,
    used: x.claims.filter((c) => isCited(x.id, claimText(c))).length,
  }));
  return {
    parley: VERSION,
    scenario: { name: s.name, title: s.title ?? null, file: loaded.source.file, sha256: loaded.sha256, overrides: loaded.overrides },
    sources,
    issues: Object.entries(s.issues).map(([id, i]) => ({
      id,
      scale: isNumericIssue(i) ? `range [${i.range.join(', ')}]${i.unit ? ` ${i.unit}` : ''}` : `options ${i.options.join(' < ')}`,
      description: i.description ?? null,
    })),
    rows,
    flags: {
      unexplained: rows.filter((r) => r.basis.length === 0).map((r) => r.path),
      unusedClaims: s.sources.flatMap((x) => x.claims.map(claimText).filter((c) => !isCited(x.id, c)).map((claim) => ({ source: x.id ?? x.outlet, claim }))),
      ungraded: s.sources.filter((x) => !x.grade).map((x) => x.id ?? x.outlet),
      citations: flags,
    },
    baseline: baseline ? baseline.open.loaded.source.file : null,
  };
}
