/**
 * `parley ledger`: the basis of every field, from the scenario's provenance
 * block. The CLI cases spawn dist/, so build first (npx tsc -p .).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ledger, openScenario, openScenarioText } from '../src/api.js';
import type { LedgerReport } from '../src/report/ledger.js';
import { NO_PROVENANCE } from '../src/report/ledgerFormat.js';
import { problemsOf } from './helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = 'tests/fixtures/ledger.yaml';

function ledgerOf(file: string, sets: string[] = []): LedgerReport {
  return ledger(openScenario(join(ROOT, file), sets));
}

const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('the ledger of a fixture', () => {
  const r = ledgerOf(FIXTURE);
  const row = (path: string) => {
    const found = r.rows.find((x) => x.path === path);
    if (!found) throw new Error(`no row ${path}; rows: ${r.rows.map((x) => x.path).join(', ')}`);
    return found;
  };

  it('lists each source with its grade, dates and how many of its claims are cited', () => {
    expect(r.sources).toEqual([
      expect.objectContaining({ id: 'wire', grade: 'high', published: '2025-03-02', events: '2025-02-27 to 2025-03-01', claims: 2, used: 2 }),
      expect.objectContaining({ id: 'blog', grade: null, published: 'unknown', events: 'unknown', claims: 1, used: 0 }),
    ]);
  });

  it('takes a basis from the path itself, with the cited source graded', () => {
    expect(row('issues.share').basis).toEqual([{ kind: 'source', source: 'wire', grade: 'high', claim: 'the talks cover the border', as: null, flag: null }]);
    expect(row('issues.share').via).toBeNull();
    expect(row('rounds').basis).toEqual([{ kind: 'assumption', why: 'eight weeks' }]);
  });

  it('keeps every basis of a list, and marks a private draw', () => {
    const res = row('parties.a.reservation');
    expect(res.basis.map((b) => b.kind)).toEqual(['source', 'judgement']);
    expect(res.private).toBe(true);
    expect(res.value).toBe('uniform [0.1, 0.3]');
  });

  it('lets an enclosing path cover the fields under it, and says which path it was', () => {
    for (const p of ['parties.a.weights.share', 'parties.a.discount', 'parties.a.power', 'parties.a.veto', 'parties.a.strategy']) {
      expect(row(p).basis, p).toEqual([{ kind: 'judgement', why: "a's numbers" }]);
      expect(row(p).via, p).toBe('parties.a');
    }
  });

  it('flags every field with no provenance, including defaults not written in the file', () => {
    const expected = [
      'calendar.start', 'calendar.round', 'mechanism.kind', 'mechanism.order', 'issues.status',
      'parties.b.weights.share', 'parties.b.weights.status', 'parties.b.reservation', 'parties.b.discount', 'parties.b.power',
      'parties.b.ideal.share', 'parties.b.ideal.status', 'parties.b.veto', 'parties.b.strategy',
    ];
    expect(r.flags.unexplained.sort()).toEqual(expected.sort());
    expect(row('parties.b.power').written).toBe(false);
    expect(row('parties.b.discount').written).toBe(true);
  });

  it('shows provenance given for a field that is no row (here a default temperature)', () => {
    expect(row('parties.b.temperature')).toMatchObject({ kind: 'other', value: '0', basis: [{ kind: 'assumption', why: 'sharp acceptance' }] });
  });

  it('flags claims nothing cites and sources without a grade', () => {
    expect(r.flags.unusedClaims).toEqual([{ source: 'blog', claim: 'a ceasefire is near' }]);
    expect(r.flags.ungraded).toEqual(['blog']);
  });

  it('marks a field changed by --set, whose file provenance no longer applies', () => {
    const s = ledgerOf(FIXTURE, ['parties.a.discount=0.8']);
    expect(s.rows.find((x) => x.path === 'parties.a.discount')).toMatchObject({ value: '0.8', overridden: true });
    expect(s.rows.find((x) => x.path === 'parties.a.power')?.overridden).toBe(false);
  });
});

describe('the ledger of an expected-utility scenario lists the numbers that model uses', () => {
  it('positions, capabilities, saliences and the mechanism, not the bargaining fields', () => {
    const r = ledgerOf('scenarios/forecasts/territory-positions.yaml');
    const paths = r.rows.map((x) => x.path);
    expect(paths).toContain('mechanism.salience.russia');
    expect(paths).toContain('parties.russia.ideal.territory');
    expect(paths).toContain('mechanism.q');
    expect(paths).not.toContain('parties.russia.discount');
    expect(paths).not.toContain('rounds');
  });
});

describe('every shipped scenario', () => {
  // The bargaining scenarios, and the forecasts (models that report no agreement rate) in their own folder.
  const files = [
    ...readdirSync(join(ROOT, 'scenarios')).filter((f) => /\.ya?ml$/.test(f)),
    ...readdirSync(join(ROOT, 'scenarios', 'forecasts')).filter((f) => /\.ya?ml$/.test(f)).map((f) => `forecasts/${f}`),
  ];
  it('is found', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`${f}: every field has a basis, and every source a grade and a publication date`, () => {
      const r = ledgerOf(`scenarios/${f}`);
      expect(r.flags.unexplained).toEqual([]);
      expect(r.flags.ungraded).toEqual([]);
      for (const s of r.sources) expect(s.published, `${s.id}`).not.toBe('not given');
      expect(r.rows.length).toBeGreaterThan(10);
    });
    it(`${f}: each issue says what its scale means`, () => {
      for (const i of ledgerOf(`scenarios/${f}`).issues) expect(i.description, i.id).toBeTruthy();
    });
    it(`${f}: no citation flagged without the file's reason, against the baseline default.yaml`, () => {
      const r = ledger(openScenario(join(ROOT, 'scenarios', f)), { baseline: openScenario(join(ROOT, 'scenarios/default.yaml')) });
      expect(r.flags.citations.filter((c) => c.stands === null)).toEqual([]);
      expect(r.flags.unusedClaims).toEqual([]);
    });
  }
});

describe('bad provenance (exact messages; bad-input corpus cases check line:col through the CLI)', () => {
  const base = readFileSync(join(ROOT, 'tests/bad-input/_valid.yaml'), 'utf8');
  const problems = (extra: string) => {
    return problemsOf(() => openScenarioText('x.yaml', `${base}${extra}`));
  };
  const src = 'sources:\n  - {id: wire, outlet: W, headline: H, date: "2025-03-02", claims: ["talks began"]}\n';

  it('an unknown source id names the ids there are', () => {
    expect(problems(`${src}provenance:\n  rounds: {source: wyre, claim: "talks began"}\n`)).toEqual([
      'x.yaml:22:20 provenance.rounds.source: unknown source "wyre" (sources with an id: wire)',
    ]);
  });

  it('an unknown path names what the nearest field has', () => {
    expect(problems('provenance:\n  parties.a.reservaton: {judgement: "j"}\n')).toEqual([
      'x.yaml:20:3 provenance.parties.a.reservaton: no field "parties.a.reservaton": parties.a has no "reservaton" (it has: ideal, weights, utility, reservation, discount, veto, power, strategy, temperature)',
    ]);
  });

  it('a claim that is not verbatim lists the claims', () => {
    expect(problems(`${src}provenance:\n  rounds: {source: wire, claim: "talks have begun"}\n`)).toEqual([
      `x.yaml:22:33 provenance.rounds.claim: not one of source "wire"'s claims, verbatim (its claims are: "talks began")`,
    ]);
  });

  it('a bad date, events after publication, a reused id, a basis of no known kind', () => {
    expect(problems('sources:\n  - {outlet: W, headline: H, date: "2025-13-01"}\n')).toEqual([
      'x.yaml:20:36 sources[0].date: expected a date YYYY-MM-DD or "unknown", got "2025-13-01"',
    ]);
    expect(problems('sources:\n  - {outlet: W, headline: H, date: "2025-03-02", events: "2025-04-01"}\n')).toEqual([
      'x.yaml:20:58 sources[0].events: the events start (2025-04-01) after the publication date (2025-03-02)',
    ]);
    expect(problems('sources:\n  - {id: w, outlet: W, headline: H}\n  - {id: w, outlet: V, headline: G}\n')).toEqual(['x.yaml:21:10 sources[1].id: source id "w" is used twice']);
    // A mapping of no known kind is read as a citation missing its source (the deepest branch of the union).
    expect(problems('provenance:\n  rounds: {guess: "ten"}\n')).toEqual([
      'x.yaml:20:11 provenance.rounds.source: expected a string, it is missing',
      'x.yaml:20:11 provenance.rounds.claim: expected a string, it is missing',
      'x.yaml:20:12 provenance.rounds.guess: unknown field "guess"',
    ]);
    expect(problems('provenance:\n  rounds: 3\n')[0]).toContain('expected a basis ({source, claim}, {assumption}, {judgement}) or a list of them');
  });

  it('events may be a range with one end unknown', () => {
    expect(problems('sources:\n  - {outlet: W, headline: H, date: unknown, events: [unknown, "2024-11-05"]}\n')).toEqual([]);
  });
});

describe('parley ledger (CLI)', () => {
  it('prints the table with the flags, and exits 0', () => {
    const r = parley('ledger', FIXTURE);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Sources');
    expect(r.stdout).toContain(`!! ${NO_PROVENANCE}`);
    expect(r.stdout).toMatch(/no provenance given: 14 field\(s\)/);
    expect(r.stdout).toContain('blog: "a ceasefire is near"');
  });

  it('json is the library report; csv has one row per basis; md has the sections; -o writes a file', () => {
    const j = JSON.parse(parley('ledger', FIXTURE, '-f', 'json').stdout);
    expect(j).toEqual(JSON.parse(JSON.stringify({ ...ledgerOf(FIXTURE), scenario: { ...ledgerOf(FIXTURE).scenario, file: FIXTURE } })));
    const csv = parley('ledger', FIXTURE, '-f', 'csv').stdout.trim().split('\n');
    expect(csv[0]).toBe('scenario,table,key,kind,value,private,written,basis,source,grade,text,via');
    expect(csv.filter((l) => l.startsWith('ledger-fixture,parameter,parties.a.reservation,'))).toHaveLength(2);
    expect(parley('ledger', FIXTURE, '-f', 'md').stdout).toContain('| path | value | basis |');
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const out = join(dir, 'l.json');
    const w = parley('ledger', FIXTURE, '-f', 'json', '-o', out);
    expect(w.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).scenario.name).toBe('ledger-fixture');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad scenario with exit 2 and a located problem', () => {
    const r = parley('ledger', 'tests/bad-input/provenance-unknown-source.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tests\/bad-input\/provenance-unknown-source\.yaml:22:20 provenance\.rounds\.source: unknown source "wyre"/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
