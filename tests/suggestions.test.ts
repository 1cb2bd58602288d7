import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openScenarioText } from '../src/api.js';
import { scenarioJsonSchema } from '../src/scenario/schema.js';
import { closest, editDistance, slipHint } from '../src/scenario/suggest.js';
import { problemsOf } from './helpers.js';

// Mistakes caught with a suggestion (issue 17, item 1). The base is the bad-input corpus's
// valid scenario; each case breaks one thing and checks the located message and its fix.
const VALID = readFileSync('tests/bad-input/_valid.yaml', 'utf8');
const open = (text: string, sets: string[] = []) => problemsOf(() => openScenarioText('s.yaml', text, sets));
const edit = (from: string, to: string) => {
  expect(VALID).toContain(from);
  return VALID.replace(from, to);
};

describe('edit distance (optimal string alignment)', () => {
  it('counts inserts, deletes, substitutions and swaps of neighbours as one edit each', () => {
    // By hand: kitten → sitten → sittin → sitting (Levenshtein's example, 3 edits).
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // unifrom → uniform: one swap of neighbours ("ro" → "or"); plain Levenshtein would say 2.
    expect(editDistance('unifrom', 'uniform')).toBe(1);
    expect(editDistance('powr', 'power')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    // OSA, not full Damerau: "ca" → "abc" is 3 (a substring is not edited twice).
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('suggests only a close name: within a third of the length (at least one edit), more than 40% kept', () => {
    expect(closest('round', ['rounds', 'runs', 'seed'])).toBe('rounds');
    expect(closest('usa', ['us', 'ukraine'])).toBe('us');
    expect(closest('nato', ['none', 'monitoring', 'european_force'])).toBeUndefined();
    expect(closest('xyz', ['a', 'b'])).toBeUndefined();
    // One letter for another is a different name, not a slip.
    expect(closest('z', ['a', 'b'])).toBeUndefined();
  });
});

describe('unknown names refused with file:line:col and "did you mean"', () => {
  it('a misspelt field, at its key, with the field meant', () => {
    expect(open(edit('    discount: 0.9\n    veto: true\n  b:', '    discout: 0.9\n    veto: true\n  b:'))).toEqual(['s.yaml:11:5 parties.a.discout: unknown field "discout"; did you mean "discount"?']);
    expect(open(edit('rounds: 10', 'round: 10'))).toEqual(['s.yaml:3:1 round: unknown field "round"; did you mean "rounds"?']);
  });

  it('a misspelt distribution: the suggestion replaces the "missing" echo of the field meant', () => {
    expect(open(edit('discount: 0.9\n    veto: true\n  b:', 'discount: {unifrom: [0.8, 0.9]}\n    veto: true\n  b:'))).toEqual([
      's.yaml:11:16 parties.a.discount.unifrom: unknown field "unifrom"; did you mean "uniform"?',
    ]);
  });

  it('a misspelt party, issue and option name the one meant', () => {
    expect(open(edit('mechanism: {order: [a, b]}', 'mechanism: {order: [a, bb]}'))).toEqual([
      's.yaml:18:24 mechanism.order[1]: unknown party "bb" (parties are: a, b); did you mean "b"?',
    ]);
    expect(open(edit('weights: {share: 1, status: 1}\n    discount: 0.9\n    veto: true\n  b:', 'weights: {shares: 1, status: 1}\n    discount: 0.9\n    veto: true\n  b:'))[0]).toBe(
      's.yaml:10:23 parties.a.weights.shares: unknown issue "shares" (issues are: share, status); did you mean "share"?',
    );
    expect(open(edit('ideal: {share: 1, status: full}', 'ideal: {share: 1, status: full}\n    utility: {status: {values: {none: 0, partal: 0.5, full: 1}}}'))[0]).toMatch(
      /^s\.yaml:10:\d+ parties\.a\.utility\.status\.values\.partal: unknown option "partal" \(options are: none, partial, full\); did you mean "partial"\?$/,
    );
  });
});

describe('--set never adds a party, an issue or an option', () => {
  it('a misspelt party in a --set path is refused with the party meant (it used to create party "usa")', () => {
    expect(open(VALID, ['parties.aa.power=0.3'])).toEqual([
      `s.yaml (--set parties.aa.power) parties.aa.power: --set changes the scenario's fields and does not add a party (write a new one in the file): unknown party "aa" (parties are: a, b); did you mean "a"?`,
    ]);
    expect(open(VALID, ['issues.land.range=[0, 1]'])[0]).toMatch(/does not add an? issue .*unknown issue "land" \(issues are: share, status\)$/);
  });

  it('a list item past the end (a new option) is refused; an existing field is still set', () => {
    expect(open(VALID, ['issues.status.options.3=total'])[0]).toMatch(/issues\.status\.options\[3\]: the list issues\.status\.options has 3 items \(0 to 2\): --set changes an item; it does not add one/);
    expect(open(VALID, ['parties.a.power=0.3'])).toEqual([]);
    expect(open(VALID, ['parties.a.powr=0.3'])).toEqual(['s.yaml (--set parties.a.powr) parties.a.powr: unknown field "powr"; did you mean "power"?']);
  });
});

describe('common slips get their fix in the message', () => {
  it('a range in words, a percentage, a quoted number', () => {
    expect(slipHint('0.5 - 0.8')).toBe(' (for a 90% interval write "0.5 to 0.8"; for a value drawn uniformly between the two, {uniform: [0.5, 0.8]})');
    expect(slipHint('30%')).toBe(' (a share is written as a number: 0.3 for 30%)');
    expect(slipHint('rational')).toBe('');
    expect(open(edit('discount: 0.9\n    veto: true\n  b:', 'discount: 0.5 - 0.95\n    veto: true\n  b:'))[0]).toMatch(
      /^s\.yaml:11:15 parties\.a\.discount: expected a number in \(0, 1\) or a distribution .*got "0\.5 - 0\.95" \(for a 90% interval write "0\.5 to 0\.95"; for a value drawn uniformly between the two, \{uniform: \[0\.5, 0\.95\]\}\)$/,
    );
    expect(open(edit('    discount: 0.9\n    veto: true\n  b:', '    discount: 0.9\n    power: 30%\n    veto: true\n  b:'))[0]).toMatch(/^s\.yaml:12:12 parties\.a\.power: a percentage is accepted only where a share in \[0, 1\] is meant; this field is a number >= 0: write 0\.3 if "30%" meant 0\.3, else the number itself$/);
  });

  it('** for a power, and a day-first date', () => {
    expect(open(edit('ideal: {share: 1, status: full}', 'ideal: {status: full}\n    utility: {share: "x**0.7"}'))[0]).toMatch(/cannot parse "x\*\*0\.7": .*\(a power is written \^ here: "x\^0\.7"\)$/);
    expect(open(edit('rounds: 10', 'rounds: 10\ncalendar: {start: "18/08/2025", round: 1 week}'))).toEqual([
      's.yaml:4:19 calendar.start: expected a date YYYY-MM-DD, got "18/08/2025" (write 2025-08-18)',
    ]);
  });
});

describe('the JSON Schema', () => {
  const schema = scenarioJsonSchema() as Record<string, unknown>;
  type Node = Record<string, unknown>;
  /** Every property of every object in the schema, with its dotted place. */
  function properties(n: unknown, at: string): [string, Node][] {
    if (!n || typeof n !== 'object') return [];
    const node = n as Node;
    const own = Object.entries((node.properties ?? {}) as Record<string, Node>).flatMap(([k, v]): [string, Node][] => [[`${at}.${k}`, v], ...properties(v, `${at}.${k}`)]);
    const nested = ['additionalProperties', 'items'].flatMap((k) => properties(node[k], `${at}.*`));
    const branches = ['anyOf', 'oneOf', 'allOf', 'prefixItems'].flatMap((k) => ((node[k] ?? []) as unknown[]).flatMap((b) => properties(b, at)));
    return [...own, ...nested, ...branches];
  }

  it('describes every property (an editor shows it on hover)', () => {
    const all = properties(schema, '');
    expect(all.length).toBeGreaterThan(150);
    expect(all.filter(([, v]) => typeof v.description !== 'string').map(([k]) => k)).toEqual([]);
  });

  it('checks calendar.start as a date and parties/issues keys as identifiers', () => {
    const calendar = (schema.properties as Record<string, Node>).calendar.properties as Record<string, Node>;
    expect(calendar.start).toMatchObject({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(new RegExp(calendar.start.pattern as string).test('18/08/2025')).toBe(false);
    for (const k of ['parties', 'issues']) expect((schema.properties as Record<string, Node>)[k].propertyNames).toMatchObject({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' });
  });
});
