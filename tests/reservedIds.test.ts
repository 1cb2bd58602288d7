/**
 * Ids that are JavaScript's own keys (issue 19, "maps that are maps"): an
 * issue, option, party, event or source named `constructor`, `toString`,
 * `valueOf`, `hasOwnProperty`, `isPrototypeOf`, ... works exactly like any
 * other id, and `__proto__` (not an id: it starts with _) is refused where
 * it is written, never silently dropped.
 *
 * Expected values: the same scenario with ordinary ids (a regression
 * comparison, not a hand computation). Nothing is drawn in these scenarios,
 * because a draw's random stream is named by its path and would differ.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { explainScenario, ledger, openScenarioText, runScenario, solveReport } from '../src/api.js';
import { problemsOf, scenario } from './helpers.js';

/** Every key of Object.prototype that is a legal id (a letter, then letters, digits or _). */
const RESERVED = Object.getOwnPropertyNames(Object.prototype).filter((k) => /^[A-Za-z][A-Za-z0-9_]*$/.test(k));

/** A scenario whose ids are ISSUE, OPT, PARTY, EVENT and SOURCE (replaced below). */
const TEMPLATE = `
name: ids
rounds: 8
sources:
  - {id: SOURCE, outlet: x, headline: y, claims: ["talks began"]}
issues:
  share: {range: [0, 1], grid: 11}
  ISSUE: {options: [none, OPT, full], consent: {full: [PARTY]}, commitments: {OPT: "words"}}
constraints:
  - 'ISSUE != "full" or share <= 0.9'
parties:
  a:
    ideal: {share: 1, ISSUE: full}
    weights: {share: 1, ISSUE: 1}
    utility: {ISSUE: {values: {none: 0, OPT: 0.4, full: 1}}}
    discount: 0.9
    veto: true
  PARTY:
    ideal: {share: 0, ISSUE: none}
    weights: {share: 2, ISSUE: 1}
    discount: 0.9
    veto: true
  c:
    ideal: {share: 0.5}
    weights: {share: 1}
mechanism: {proposers: {PARTY: 1, c: 1}}
nodeal:
  state: {share: 0.5, ISSUE: OPT}
  drift: {share: -0.01}
  cost: {PARTY: 0.01, a: 0.02}
events:
  - id: EVENT
    when: "round > 2 and state_ISSUE == 1 and present_PARTY == 1"
    probability: "0.5 + 0.1 * fired_EVENT"
    effects: [{shift: {parties.PARTY.weights.share: 0.5}}, {set: {nodeal.cost.PARTY: 0.03}}]
  - id: later
    when: "fired_EVENT == 1"
    effects: [{proposers: {a: 1, PARTY: 1}}]
provenance:
  rounds: {source: SOURCE, claim: "talks began"}
  parties.PARTY.discount: {judgement: "x"}
`;

const PLAIN = { ISSUE: 'status', OPT: 'partial', PARTY: 'b', EVENT: 'summit', SOURCE: 'wire' } as const;
type Role = keyof typeof PLAIN;

/** The template with one role's id replaced by `name`, the others ordinary. */
const withId = (role: Role, name: string) =>
  TEMPLATE.replace(/(?<![A-Za-z0-9])(ISSUE|OPT|PARTY|EVENT|SOURCE)(?![A-Za-z0-9])/g, (r) => (r === role ? name : PLAIN[r as Role]));

/** A result as JSON text, without the file's sha256 (the files differ in their ids). */
const json = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'sha256' ? undefined : v));

/** A result as JSON text, with `name` renamed back to the ordinary id (not inside a longer word; `state_<id>` counts). */
const renamed = (x: unknown, name: string, role: Role) => json(x).replace(new RegExp(`(?<![A-Za-z0-9])${name}(?![A-Za-z0-9])`, 'g'), PLAIN[role]);

const ROLES: Role[] = ['ISSUE', 'OPT', 'PARTY', 'EVENT', 'SOURCE'];

describe('ids that are keys of Object.prototype work like any other id', () => {
  const plain = scenario(withId('ISSUE', PLAIN.ISSUE));
  const expected = {
    run: json(runScenario(plain, { runs: 60, seed: 3 })),
    explain: json(explainScenario(plain, 4, { seed: 3 })),
    solve: json(solveReport(plain)),
    ledger: json(ledger(plain).rows),
  };
  it('covers the usual suspects', () => {
    expect(RESERVED).toEqual(expect.arrayContaining(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']));
  });
  for (const role of ROLES)
    for (const name of RESERVED) {
      it(`${role.toLowerCase()} "${name}": validates, and run, explain, solve and ledger give what an ordinary id gives`, () => {
        const open = scenario(withId(role, name));
        expect(renamed(runScenario(open, { runs: 60, seed: 3 }), name, role)).toBe(expected.run);
        expect(renamed(explainScenario(open, 4, { seed: 3 }), name, role)).toBe(expected.explain);
        expect(renamed(solveReport(open), name, role)).toBe(expected.solve);
        expect(renamed(ledger(open).rows, name, role)).toBe(expected.ledger);
      });
    }

  it('a party named constructor listed alone in proposers proposes in every round (it was half the rounds)', () => {
    const text = withId('PARTY', 'constructor').replace('proposers: {constructor: 1, c: 1}', 'proposers: {constructor: 1}');
    const open = scenario(text);
    expect(open.model.recognition).toEqual({ kind: 'random', weights: [0, 1, 0] });
  });

  it('--set reaches a party named constructor', () => {
    const open = scenario(withId('PARTY', 'constructor'), ['parties.constructor.discount=0.5']);
    expect(open.model.parties[1].discount.fixed).toBe(0.5);
  });
});

describe('__proto__ is refused where it is written', () => {
  const refused = /"__proto__" cannot be a key: JavaScript reserves it/;
  it('as a party, an issue or an option key in the file, each at its line', () => {
    const text = withId('PARTY', '__proto__');
    const problems = problemsOf(() => openScenarioText('inline.yaml', text));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^inline\.yaml:\d+:\d+ .*__proto__: "__proto__" cannot be a key/);
    for (const p of problems) expect(p).toMatch(refused);
  });
  it('as a provenance path (a mapping with any string keys)', () => {
    const text = `${withId('ISSUE', 'status')}  __proto__: {judgement: "x"}\n`;
    expect(problemsOf(() => openScenarioText('inline.yaml', text))).toEqual([expect.stringMatching(/^inline\.yaml:\d+:3 provenance\.__proto__: "__proto__" cannot be a key/)]);
  });
  for (const set of ['parties.__proto__.discount=0.5', 'parties.__proto__={weights: {share: 1}, ideal: {share: 0}}', 'parties.b={__proto__: 1}']) {
    it(`through --set ${set}: blamed on the --set`, () => {
      const problems = problemsOf(() => openScenarioText('inline.yaml', withId('ISSUE', 'status'), [set]));
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^inline\\.yaml \\(--set ${set.split('=')[0].replace(/\./g, '\\.')}\\) .*: "__proto__" cannot be a key`))]);
    });
  }
  it('from the command line: exit 2, the --set named, no stack trace', () => {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'tests/bad-input/_valid.yaml', '-n', '5', '--set', 'parties.__proto__.discount=0.5'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tests\/bad-input\/_valid\.yaml \(--set parties\.__proto__\.discount\) parties\.__proto__\.discount: "__proto__" cannot be a key/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
