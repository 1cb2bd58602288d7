/**
 * The ledger's citation flags (src/report/ledgerFlags.ts): a claim cited for a
 * field it does not set, a number under claims that name no quantity, a
 * second-hand claim without its hedge, a quote without quotation marks, and the
 * file's reason when a flag stands.
 */
import { describe, expect, it } from 'vitest';
import { ledger, openScenarioText } from '../src/api.js';
import { keepsHedge, namesQuantity } from '../src/report/ledgerFlags.js';
import { renderLedgerMarkdown, renderLedgerTable } from '../src/report/ledgerFormat.js';
import { problemsOf } from './helpers.js';

// A two-party file; `extra` is appended to its provenance block, `claims` replace the report's claims.
function scenario(opts: { reservation?: string; veto?: string; claims?: string; provenance?: string }): string {
  return `name: flags
rounds: 4
sources:
  - id: blog
    outlet: a blog
    headline: H
    date: "2025-02-12"
    file: seeds/b.txt
    grade: medium
    claims:
${opts.claims ?? `      - "the talks cover the border"
      - {claim: "officials reportedly explored a minerals deal", kind: reported, grade: low}
      - {claim: "Russia occupies about one-fifth of the land", kind: author}`}
issues:
  share: {range: [0, 1], description: "share returned"}
parties:
  a:
    ideal: {share: 1}
    weights: {share: 1}
    reservation: ${opts.reservation ?? '0.3'}
    discount: 0.9
    veto: ${opts.veto ?? 'true'}
  b:
    ideal: {share: 0}
    weights: {share: 1}
    reservation: 0.3
    discount: 0.9
    veto: true
mechanism: {order: [a, b]}
provenance:
  rounds: {assumption: "four weeks"}
  issues.share: {source: blog, claim: "Russia occupies about one-fifth of the land"}
  parties.b: {judgement: "b's numbers"}
  parties.a: {judgement: "a's numbers"}
${opts.provenance ?? ''}`;
}

const open = (text: string) => openScenarioText('flags.yaml', text);
// The baseline: the same file, citing no claim for party a.
const BASELINE = open(scenario({}));

describe('a claim cited for a field whose value is the baseline\'s', () => {
  it('is flagged when the baseline rests on no claim of that report', () => {
    const r = ledger(open(scenario({ provenance: '  parties.a.veto: {source: blog, claim: "the talks cover the border"}\n' })), { baseline: BASELINE });
    expect(r.flags.citations).toEqual([
      expect.objectContaining({ kind: 'same-as-baseline', path: 'parties.a.veto', source: 'blog', claim: 'the talks cover the border', stands: null }),
    ]);
    expect(r.baseline).toBe('flags.yaml');
  });

  it('is not flagged when the value differs from the baseline\'s', () => {
    const r = ledger(open(scenario({ veto: 'false', provenance: '  parties.a.veto: {source: blog, claim: "the talks cover the border"}\n' })), { baseline: BASELINE });
    expect(r.flags.citations).toEqual([]);
  });

  it('is not flagged when the baseline\'s value rests on the same report (matched by its file)', () => {
    const base = open(scenario({ provenance: '  parties.a.veto: {source: blog, claim: "the talks cover the border"}\n' }));
    const r = ledger(open(scenario({ provenance: '  parties.a.veto: {source: blog, claim: "the talks cover the border"}\n' })), { baseline: base });
    expect(r.flags.citations).toEqual([]);
  });

  it('is not checked without a baseline', () => {
    const r = ledger(open(scenario({ provenance: '  parties.a.veto: {source: blog, claim: "the talks cover the border"}\n' })));
    expect(r.flags.citations).toEqual([]);
    expect(r.baseline).toBeNull();
  });

  it('stands, with the file\'s reason, when the citation says why', () => {
    const why = 'cited for the context: the blog names who signs';
    const r = ledger(open(scenario({ provenance: `  parties.a.veto: {source: blog, claim: "the talks cover the border", flag: "${why}"}\n` })), { baseline: BASELINE });
    expect(r.flags.citations).toEqual([expect.objectContaining({ kind: 'same-as-baseline', stands: why })]);
    const table = renderLedgerTable(r);
    expect(table).toContain('citations flagged: 1, 0 unexplained');
    expect(table).toContain(`stands: [same-as-baseline]`);
  });
});

describe('a number cited to claims alone', () => {
  it('is flagged when no cited claim names a quantity (a judgement presented under a claim)', () => {
    const r = ledger(open(scenario({ reservation: '0.25', provenance: '  parties.a.reservation: {source: blog, claim: "the talks cover the border"}\n' })));
    expect(r.flags.citations).toEqual([expect.objectContaining({ kind: 'no-quantity', path: 'parties.a.reservation' })]);
  });

  it('is not flagged with a judgement beside the claim that gives the number', () => {
    const r = ledger(open(scenario({ provenance: '  parties.a.reservation: [{source: blog, claim: "the talks cover the border"}, {judgement: "0.3"}]\n' })));
    expect(r.flags.citations).toEqual([]);
  });

  it('is not flagged when the claim names a quantity ("one-fifth")', () => {
    const r = ledger(open(scenario({ provenance: '  parties.a.reservation: {source: blog, claim: "Russia occupies about one-fifth of the land"}\n' })));
    expect(r.flags.citations).toEqual([]);
  });

  it('is not flagged on a modelling choice that is no number (a veto)', () => {
    const r = ledger(open(scenario({ provenance: '  parties.a.veto: {source: blog, claim: "the talks cover the border"}\n' })));
    expect(r.flags.citations).toEqual([]);
  });
});

describe('claims graded one by one', () => {
  it('carry their own grade and kind into the ledger (a source\'s grade is the default)', () => {
    const r = ledger(open(scenario({ provenance: '  seed: {source: blog, claim: "officials reportedly explored a minerals deal"}\n' })));
    const issue = r.rows.find((x) => x.path === 'issues.share');
    expect(issue?.basis).toEqual([{ kind: 'source', source: 'blog', grade: 'medium', claim: 'Russia occupies about one-fifth of the land', as: 'author', flag: null }]);
    const other = r.rows.find((x) => x.path === 'seed');
    expect(other?.basis[0]).toMatchObject({ grade: 'low', as: 'reported' });
    expect(renderLedgerMarkdown(r)).toContain('blog (medium, the author\'s own): "Russia occupies about one-fifth of the land"');
  });

  it('flag a second-hand claim without its hedge, and a quote without quotation marks', () => {
    const claims = `      - "the talks cover the border"
      - {claim: "officials explored a minerals deal", kind: reported}
      - {claim: "we agreed to start at once", kind: quote}
      - {claim: "Russia occupies about one-fifth of the land", kind: author}`;
    const r = ledger(open(scenario({ claims })));
    expect(r.flags.citations.map((c) => [c.kind, c.claim])).toEqual([
      ['hedge-dropped', 'officials explored a minerals deal'],
      ['unquoted', 'we agreed to start at once'],
    ]);
  });

  it('refuse a claim of no known kind, with the path', () => {
    const claims = '      - {claim: "x", kind: rumour}';
    expect(problemsOf(() => open(scenario({ claims })))).toEqual(['flags.yaml:11:28 sources[0].claims[0].kind: expected one of "quote", "author", "reported", got "rumour"']);
  });
});

describe('the words the checks look for', () => {
  it('a quantity: digits, number words, fractions, spans of time', () => {
    for (const c of ['about one-fifth of Ukraine', '$90 billion', 'within 24 hours', 'a three-week window', 'ten days', '40 minutes']) expect(namesQuantity(c), c).toBe(true);
    for (const c of ['Kellogg is absent from the team', 'pre-borders are unrealistic', 'Putin declined meetings']) expect(namesQuantity(c), c).toBe(false);
  });
  it('a hedge or an attribution', () => {
    for (const c of ['officials reportedly explored', 'according to Bloomberg', 'Trump said', 'citing their intense distrust', 'the US could condition its support']) expect(keepsHedge(c), c).toBe(true);
    for (const c of ['officials explored a deal', 'Putin accepted an Article-5-like guarantee', 'the US conditions its support']) expect(keepsHedge(c), c).toBe(false);
  });
});
