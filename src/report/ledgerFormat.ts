import { drawTable, fitText } from './table.js';
import type { LedgerBasis, LedgerReport, LedgerRow } from './ledger.js';

/** The words every rendering uses for a field without a basis (tests look for them). */
export const NO_PROVENANCE = 'no provenance given';

const grade = (g: string | null) => g ?? 'ungraded';

const AS = { quote: 'a quote', author: "the author's own", reported: 'second-hand' } as const;

export function basisText(b: LedgerBasis): string {
  if (b.kind === 'source') return `${b.source} (${grade(b.grade)}${b.as ? `, ${AS[b.as]}` : ''}): "${b.claim}"`;
  return `${b.kind}: ${b.why}`;
}

function rowBasis(r: LedgerRow): string {
  if (r.basis.length === 0) return `!! ${NO_PROVENANCE}`;
  const lines = r.basis.map(basisText);
  if (r.via) lines.push(`(given for ${r.via})`);
  if (r.overridden) lines.push('!! changed by --set: this basis is for the file\'s value');
  return lines.join('\n');
}

const rowValue = (r: LedgerRow) => `${r.value}${r.private ? ' (private)' : ''}${r.written ? '' : ' (default)'}`;

interface Section {
  title: string;
  head: string[];
  widths: number[];
  rows: string[][];
}

function sections(r: LedgerReport): Section[] {
  return [
    {
      title: 'Sources',
      head: ['id', 'outlet', 'grade', 'published', 'events', 'claims used'],
      widths: [22, 38, 10, 12, 26, 13],
      rows: r.sources.map((s) => [s.id ?? '-', s.outlet, grade(s.grade), s.published, s.events, `${s.used} of ${s.claims}`]),
    },
    {
      title: 'What each issue\'s scale means',
      head: ['issue', 'scale', 'meaning'],
      widths: [14, 30, 80],
      rows: r.issues.map((i) => [i.id, i.scale, i.description ?? `!! no description`]),
    },
    {
      title: 'Parameters and modelling choices, with their basis',
      head: ['path', 'value', 'basis'],
      widths: [50, 26, 74],
      rows: r.rows.map((row) => [row.path, rowValue(row), rowBasis(row)]),
    },
  ];
}

function header(r: LedgerReport): string[] {
  const o = Object.entries(r.scenario.overrides);
  return [
    `Ledger of ${r.scenario.title ?? r.scenario.name}  [${r.scenario.file}]`,
    `parley ${r.parley} · sha256 ${r.scenario.sha256.slice(0, 12)}`,
    ...(o.length ? [`overrides: ${o.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`] : []),
  ];
}

function flagLines(r: LedgerReport): string[] {
  const f = r.flags;
  return [
    f.unexplained.length ? `${NO_PROVENANCE}: ${f.unexplained.length} field(s): ${f.unexplained.join(', ')}` : `every field has a basis`,
    ...(f.unusedClaims.length ? [`claims no field cites: ${f.unusedClaims.length}`, ...f.unusedClaims.map((c) => `  ${c.source}: "${c.claim}"`)] : ['every listed claim is cited']),
    ...(f.ungraded.length ? [`sources without a grade: ${f.ungraded.join(', ')}`] : []),
    ...citationLines(r),
  ];
}

/** The citation flags: unexplained ones with `!!`, those the file explains with its reason. */
function citationLines(r: LedgerReport): string[] {
  const all = r.flags.citations;
  const open = all.filter((c) => c.stands === null);
  const head = r.baseline ? `compared with the baseline ${r.baseline}` : 'no baseline given (--baseline compares each field with it)';
  if (all.length === 0) return [`every citation checked: none flagged (${head})`];
  return [
    `citations flagged: ${all.length}, ${open.length} unexplained (${head})`,
    ...all.map((c) => `  ${c.stands === null ? '!!' : 'stands:'} [${c.kind}] ${c.path} ← ${c.source}: "${c.claim}": ${c.stands === null ? c.message : c.stands}`),
  ];
}

/** The terminal rendering: sources, scales, the parameter ledger, then what is flagged. */
export function renderLedgerTable(r: LedgerReport): string {
  const parts = [header(r).join('\n')];
  for (const s of sections(r)) {
    parts.push(`\n${s.title}\n${drawTable(s.head, s.rows, { widths: s.widths })}`);
  }
  parts.push(`\nFlags\n${flagLines(r).map((l) => `  ${l}`).join('\n')}`);
  return fitText(parts.join('\n') + '\n');
}

/** Markdown: the same sections as GitHub tables. */
export function renderLedgerMarkdown(r: LedgerReport): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const parts = [`### Ledger: ${r.scenario.title ?? r.scenario.name}\n\n${header(r).slice(1).map((l) => `${l}  `).join('\n')}\n[${r.scenario.file}]`];
  for (const s of sections(r))
    parts.push(`**${s.title}**\n\n| ${s.head.join(' | ')} |\n|${s.head.map(() => ' --- ').join('|')}|\n${s.rows.map((row) => `| ${row.map(esc).join(' | ')} |`).join('\n')}`);
  parts.push(`**Flags**\n\n${flagLines(r).map((l) => `- ${esc(l.trim())}`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}

/**
 * CSV, one row per basis (a field with several has several rows; one without
 * any has one row with basis `none`), then one row per source and per uncited claim.
 */
export function renderLedgerCsv(r: LedgerReport): string {
  const rows: (string | number | boolean)[][] = [['scenario', 'table', 'key', 'kind', 'value', 'private', 'written', 'basis', 'source', 'grade', 'text', 'via']];
  const name = r.scenario.name;
  for (const row of r.rows) {
    const base = [name, 'parameter', row.path, row.kind, row.value, row.private, row.written];
    if (row.basis.length === 0) rows.push([...base, 'none', '', '', NO_PROVENANCE, '']);
    for (const b of row.basis)
      rows.push(b.kind === 'source' ? [...base, 'source', b.source, grade(b.grade), b.claim, row.via ?? ''] : [...base, b.kind, '', '', b.why, row.via ?? '']);
  }
  for (const s of r.sources)
    rows.push([name, 'source', s.id ?? '', '', s.outlet, '', '', '', s.id ?? '', grade(s.grade), `published ${s.published}; events ${s.events}; claims used ${s.used} of ${s.claims}`, '']);
  for (const c of r.flags.unusedClaims) rows.push([name, 'uncited-claim', c.source, '', '', '', '', '', c.source, '', c.claim, '']);
  for (const c of r.flags.citations) rows.push([name, 'flag', c.path, c.kind, '', '', '', c.stands === null ? 'unexplained' : 'stands', c.source, '', `${c.claim}: ${c.stands ?? c.message}`, '']);
  const cell = (v: string | number | boolean) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return rows.map((x) => x.map(cell).join(',')).join('\n') + '\n';
}
