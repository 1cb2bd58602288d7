/**
 * Bad input: every broken scenario in tests/bad-input/ must be refused with exit
 * code 2 and a located, worded problem (`file:line:col path: message`) on stderr,
 * never a stack trace. The CLI is spawned from dist/, so build first:
 *
 *   npx tsc -p . && npx vitest run tests/badInput.test.ts
 *
 * Adding a case: write tests/bad-input/<name>.yaml (a copy of _valid.yaml with one
 * thing broken, and a first-line comment saying what), then add one line to CASES.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = 'dist/cli/main.js';
const DIR = 'tests/bad-input';
const VALID = `${DIR}/_valid.yaml`;

interface Case {
  /** File name inside tests/bad-input/. */
  file: string;
  /** The line the problem must be reported on (1-based, the first line is the comment). */
  line: number;
  /** The column, when it matters; otherwise any column is accepted. */
  col?: number;
  /** The document path printed after the location; null when the problem has none (YAML syntax, whole document). */
  path: string | null;
  /** A recognisable part of the message. */
  message: string | RegExp;
  /** Also check `parley run` on it. */
  run?: boolean;
}

// prettier-ignore
const CASES: Case[] = [
  { file: 'yaml-unclosed-bracket.yaml', line: 10, col: 14, path: null, message: 'this { is never closed', run: true },
  { file: 'duplicate-key.yaml', line: 12, col: 5, path: null, message: 'the same key appears twice in this mapping' },
  { file: 'string-for-number.yaml', line: 10, col: 22, path: 'parties.a.weights.share', message: 'expected a number >= 0', run: true },
  { file: 'list-for-mapping.yaml', line: 10, col: 14, path: 'parties.a.weights', message: 'expected a mapping' },
  { file: 'unknown-party-in-order.yaml', line: 18, col: 24, path: 'mechanism.order[1]', message: 'unknown party "c"' },
  { file: 'unknown-issue-in-weights.yaml', line: 10, path: 'parties.a.weights.land', message: 'unknown issue "land"' },
  { file: 'unknown-field-top.yaml', line: 4, col: 1, path: 'colour', message: 'unknown field "colour"', run: true },
  { file: 'unknown-field-party.yaml', line: 13, col: 5, path: 'parties.a.patience', message: 'unknown field "patience"' },
  { file: 'negative-weight.yaml', line: 10, col: 22, path: 'parties.a.weights.share', message: 'expected a number >= 0, got -1' },
  { file: 'weights-all-zero.yaml', line: 10, path: 'parties.a.weights', message: 'expected at least one weight > 0' },
  { file: 'ideal-outside-range.yaml', line: 9, col: 20, path: 'parties.a.ideal.share', message: "expected a number in [0, 1] (the issue's range), got 1.5" },
  { file: 'ideal-unknown-option.yaml', line: 9, col: 31, path: 'parties.a.ideal.status', message: 'expected one of the options none, partial, full, got "total"' },
  { file: 'consent-unknown-party.yaml', line: 6, col: 64, path: 'issues.status.consent.full[1]', message: 'unknown party "c" (parties are: a, b)', run: true },
  { file: 'consent-unknown-option.yaml', line: 6, col: 61, path: 'issues.status.consent.total', message: 'unknown option "total" (options are: none, partial, full)' },
  { file: 'consent-list-no-nodeal.yaml', line: 6, col: 53, path: 'issues.status.consent', message: /a consent list applies to any option other than the issue's no-deal value, and "status" has none: give it \(issues\.status\.nodeal/ },
  { file: 'consent-numeric-issue.yaml', line: 5, col: 45, path: 'issues.share.consent', message: /consent applies to options issues only: .*closed-form solve cannot represent/ },
  { file: 'commitments-unknown-option.yaml', line: 6, col: 65, path: 'issues.status.commitments.total', message: 'unknown option "total"' },
  { file: 'utility-unknown-option.yaml', line: 11, path: 'parties.a.utility.status.values.total', message: 'unknown option "total"' },
  { file: 'utility-missing-option.yaml', line: 11, path: 'parties.a.utility.status.values', message: 'missing a utility for option(s) partial' },
  { file: 'outside-above-one.yaml', line: 13, col: 14, path: 'parties.a.outside', message: 'expected a number in [0, 1], got 1.5', run: true },
  { file: 'outside-not-a-number.yaml', line: 13, col: 14, path: 'parties.a.outside', message: 'expected a number in [0, 1] or a distribution', run: true },
  { file: 'outside-expected-utility.yaml', line: 10, col: 14, path: 'parties.a.outside', message: 'the expected-utility model forecasts positions without offers', run: true },
  { file: 'outside-on-mediator.yaml', line: 21, col: 14, path: 'parties.m.outside', message: '"m" is the mediator: it never signs, so it has no offer to reject and no outside option to take', run: true },
  { file: 'dist-uniform-low-above-high.yaml', line: 11, path: 'parties.a.discount.uniform', message: 'low <= high' },
  { file: 'dist-normal-negative-sd.yaml', line: 11, path: 'parties.a.discount.normal', message: 'sd >= 0' },
  { file: 'dist-normal-mass-outside-domain.yaml', line: 11, path: 'parties.a.discount.normal', message: 'expected a normal that gives a number in (0, 1) at least 1% of the time (draws outside are redrawn), but [0.5,1000000] does with probability 4.0e-7', run: true },
  { file: 'dist-triangular-mode-outside.yaml', line: 11, path: 'parties.a.discount.triangular', message: 'low <= mode <= high' },
  { file: 'dist-beta-nonpositive.yaml', line: 11, path: 'parties.a.discount.beta', message: 'both > 0' },
  { file: 'dist-support-outside-domain.yaml', line: 11, path: 'parties.a.discount.uniform', message: 'expected draws that are a number in (0, 1)', run: true },
  { file: 'dist-choice-p-sum.yaml', line: 11, col: 42, path: 'parties.a.reservation.p', message: 'expected probabilities that add up to 1, got 0.5 + 0.6 = 1.1', run: true },
  { file: 'dist-choice-p-length.yaml', line: 11, col: 47, path: 'parties.a.reservation.p', message: 'expected one probability per value (3), got 2' },
  { file: 'dist-choice-p-negative.yaml', line: 11, col: 48, path: 'parties.a.reservation.p[1]', message: 'expected a probability >= 0, got -0.5' },
  { file: 'dist-choice-outside-domain.yaml', line: 11, col: 27, path: 'parties.a.reservation.choice', message: 'expected draws that are a number in [0, 1], but this distribution ranges over [0.1, 1.5]' },
  { file: 'dist-choice-empty.yaml', line: 11, col: 27, path: 'parties.a.reservation.choice', message: 'expected at least 1' },
  { file: 'dist-gamma-nonpositive.yaml', line: 11, col: 20, path: 'parties.a.power.gamma', message: 'expected [shape, scale] both > 0, got [1,0]' },
  { file: 'dist-gamma-bounded-field.yaml', line: 11, col: 26, path: 'parties.a.reservation.gamma', message: 'expected draws that are a number in [0, 1], but this distribution ranges over [0, Infinity]', run: true },
  { file: 'utility-expr-outside-unit.yaml', line: 11, path: 'parties.a.utility.share', message: 'into [0, 1], but at x = 1 it gives 2' },
  { file: 'constraint-parse-error.yaml', line: 8, col: 19, path: 'constraints[0]', message: 'cannot parse "share <= (0.5"', run: true },
  { file: 'constraint-disabled-import.yaml', line: 8, path: 'constraints[0]', message: 'calls disabled function import()' },
  { file: 'constraint-disabled-evaluate.yaml', line: 8, path: 'constraints[0]', message: 'calls disabled function evaluate()' },
  { file: 'constraint-disabled-parse.yaml', line: 8, path: 'constraints[0]', message: 'calls disabled function parse()' },
  { file: 'constraint-disabled-createunit.yaml', line: 8, path: 'constraints[0]', message: 'calls disabled function createUnit()' },
  { file: 'constraint-unknown-option.yaml', line: 8, path: 'constraints[0]', message: 'unknown option "total" for status' },
  { file: 'constraint-not-boolean.yaml', line: 9, path: 'constraints[1]', message: '"share + 1" gives 1, not true or false' },
  { file: 'constraints-contradictory.yaml', line: 8, path: 'constraints', message: 'the feasible set is empty', run: true },
  { file: 'empty.yaml', line: 1, path: null, message: 'the file is empty' },
  { file: 'json-error.json', line: 13, col: 67, path: 'parties.b.discount', message: 'expected a number in (0, 1) or a distribution', run: true },
  { file: 'json-syntax-error.json', line: 3, path: null, message: "JSON syntax: Expected ','" },
  { file: 'missing-issues.yaml', line: 2, col: 1, path: 'issues', message: 'it is missing' },
  { file: 'calendar-bad-month.yaml', line: 3, path: 'calendar.start', message: /date/, run: true },
  { file: 'calendar-bad-day.yaml', line: 3, path: 'calendar.start', message: /date/, run: true },
  { file: 'mediator-unknown-party.yaml', line: 18, col: 39, path: 'mechanism.mediator', message: 'unknown party "c" (parties are: a, b)', run: true },
  { file: 'mediator-bias-out-of-range.yaml', line: 21, col: 48, path: 'mechanism.bias', message: 'expected a number in [0, 1], got 1.5', run: true },
  { file: 'provenance-unknown-source.yaml', line: 22, col: 20, path: 'provenance.rounds.source', message: 'unknown source "wyre" (sources with an id: wire)', run: true },
  { file: 'provenance-unknown-path.yaml', line: 21, col: 3, path: 'provenance.parties.a.reservaton', message: 'no field "parties.a.reservaton": parties.a has no "reservaton"' },
  { file: 'provenance-claim-not-listed.yaml', line: 22, col: 34, path: 'provenance.rounds[0].claim', message: `not one of source "wire"'s claims, verbatim (its claims are: "talks began"; "a ceasefire is near")` },
  { file: 'source-bad-date.yaml', line: 20, col: 55, path: 'sources[0].date', message: 'expected a date YYYY-MM-DD or "unknown", got "2025-02-30"' },
  { file: 'source-events-reversed.yaml', line: 20, col: 57, path: 'sources[0].events', message: 'expected [from, to] with from <= to, got [2025-03-05, 2025-03-01]' },
  { file: 'source-bad-grade.yaml', line: 20, col: 56, path: 'sources[0].grade', message: 'expected one of "high", "medium", "low", "very-low", got "excellent"' },
  { file: 'event-bad-condition.yaml', line: 21, col: 11, path: 'events[0].when', message: 'unknown name "rounds" (expected one of: round, state_share', run: true },
  { file: 'event-bad-probability.yaml', line: 22, col: 18, path: 'events[0].probability', message: 'unknown name "fired_summt" (expected one of: round, state_share, state_status, fired_summit' },
  { file: 'event-leave-unknown-party.yaml', line: 22, col: 16, path: 'events[0].effects[0].leave', message: 'unknown party "c" (parties are: a, b)' },
  { file: 'event-unknown-path.yaml', line: 22, col: 35, path: 'events[0].effects[0].set.parties.a.patience', message: 'unknown parameter path "parties.a.patience"', run: true },
  { file: 'event-mechanism-unknown.yaml', line: 22, col: 20, path: 'events[0].effects[0].mechanism', message: 'expected one of "alternating-offers", "mediator", got "auction"' },
  { file: 'event-mechanism-no-mediator.yaml', line: 22, col: 20, path: 'events[0].effects[0].mechanism', message: 'mechanism: mediator needs a mediator: give the scenario mechanism.kind: mediator' },
  { file: 'nodeal-drift-options.yaml', line: 21, col: 19, path: 'nodeal.drift.status', message: 'drift applies to numeric issues; "status" is an options issue' },
  { file: 'nodeal-missing-state.yaml', line: 20, col: 10, path: 'nodeal.state', message: 'missing the no-deal value of issue(s) status', run: true },
  { file: 'key-proto-party.yaml', line: 13, col: 3, path: 'parties.__proto__', message: '"__proto__" cannot be a key: JavaScript reserves it', run: true },
  { file: 'yaml-alias-undefined.yaml', line: 11, col: 15, path: 'parties.a.discount', message: 'YAML: the alias *nowhere has no anchor &nowhere before it', run: true },
  { file: 'yaml-alias-self.yaml', line: 5, col: 52, path: 'issues.share.description', message: 'YAML: the alias *s is inside the value &s marks, so that value would contain itself', run: true },
  { file: 'yaml-alias-bomb.yaml', line: 6, col: 41, path: 'x1[8]', message: 'YAML: too many aliases: they would expand the document past the limit of 100', run: true },
  { file: 'number-too-large.yaml', line: 11, col: 15, path: 'parties.a.discount', message: 'got 1e400 (not a finite number)', run: true },
  { file: 'number-inf.yaml', line: 11, col: 31, path: 'parties.a.discount.uniform[1]', message: 'expected a number, got .inf (not a finite number)' },
  { file: 'range-width-overflow.yaml', line: 5, col: 18, path: 'issues.share.range', message: 'whose width high − low is a finite number (at most about 1.8e308), got [-1e+308, 1e+308]', run: true },
  { file: 'seed-past-2-53.yaml', line: 4, col: 7, path: 'seed', message: 'expected a number <= 9007199254740991, got 9007199254740993 (held as 9007199254740992', run: true },
  { file: 'seed-400-digits.yaml', line: 4, col: 7, path: 'seed', message: 'got 10000000000000000000... (401 characters) (not a finite number)' },
  { file: 'expression-arity.yaml', line: 11, path: 'parties.a.utility.share', message: 'round() takes 1 argument, got 2 in round(x, 1) (to n decimals, write round(x * 10^n) / 10^n)', run: true },
  { file: 'dist-beta-rounds-to-end.yaml', line: 11, col: 22, path: 'parties.a.discount.beta', message: 'but of 1000 trial draws 0 were (1000 fell exactly on an excluded end)', run: true },
  { file: 'dist-beta-not-a-number.yaml', line: 11, col: 25, path: 'parties.a.reservation.beta', message: 'but of 1000 trial draws 0 were (1000 were not numbers (0/0))', run: true },
  { file: 'dist-ideal-normal-mass.yaml', line: 9, col: 29, path: 'parties.a.ideal.share.normal', message: 'expected a normal that gives a number in [0, 1] at least 1% of the time', run: true },
  { file: 'calendar-round-too-long.yaml', line: 4, col: 40, path: 'calendar.round', message: 'expected a round short enough that the window\'s 10 rounds from 2025-01-06 end by 9999-12-31', run: true },
  { file: 'event-probability-nan.yaml', line: 21, col: 18, path: 'events[0].probability', message: 'expected a probability, but "sqrt(round - 5)" gives NaN (not a number) in round 1', run: true },
  // Resource limits (docs/format.md, "Limits"): refused before the work, with the variable that raises each.
  { file: 'expression-too-long.yaml', line: 11, col: 22, path: 'parties.a.utility.share', message: 'the expression has 6,006 characters, more than the limit of 2,000; set PARLEY_MAX_EXPRESSION_CHARS=6006 to allow it', run: true },
  { file: 'expression-too-deep.yaml', line: 20, col: 5, path: 'constraints[0]', message: 'the expression nests more than 100 levels deep', run: true },
  { file: 'expression-brackets-too-deep.yaml', line: 20, col: 19, path: 'events[0].when', message: 'the expression has more than 100 brackets inside each other; set PARLEY_MAX_EXPRESSION_DEPTH=200 to allow it' },
  { file: 'constraints-too-many.yaml', line: 20, col: 3, path: 'constraints', message: 'the scenario has 201 constraints, more than the limit of 200; set PARLEY_MAX_CONSTRAINTS=201 to allow it', run: true },
  { file: 'events-too-many.yaml', line: 20, col: 3, path: 'events', message: 'the scenario has 201 events, more than the limit of 200; set PARLEY_MAX_EVENTS=201 to allow it' },
  { file: 'packages-too-many.yaml', line: 5, col: 3, path: 'issues', message: "330,033 candidate packages, more than the limit of 250,000: lower the numeric issues' grid, or set PARLEY_MAX_PACKAGES=330033 to allow it", run: true },
];

function parley(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** No stack frames, no `TypeError: ...` from node, no internal-error fallback. */
function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\b[A-Za-z]*Error: /);
  expect(stderr).not.toMatch(/internal error/);
}

/** The lines of stderr, without blank ones. */
const linesOf = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

/** Checks one command's result against a case. */
function expectProblem(c: Case, r: ReturnType<typeof parley>) {
  const file = `${DIR}/${c.file}`;
  expectNoStackTrace(r.stderr);
  expect(r.code, `exit code; stderr:\n${r.stderr}`).toBe(2);
  const where = `${escape(file)}:${c.line}:${c.col ?? '\\d+'}`;
  const path = c.path === null ? '' : ` ${escape(c.path)}`;
  const message = typeof c.message === 'string' ? escape(c.message) : c.message.source;
  expect(r.stderr).toMatch(new RegExp(`^${where}${path}: .*${message}`, 'm'));
  const lines = linesOf(r.stderr);
  // Every line is a located problem of this file.
  for (const l of lines) expect(l).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+[ :]`));
  // One problem per file: syntax errors are reported once, not with the parser's echoes.
  expect(lines, 'one problem per file').toHaveLength(1);
}

beforeAll(() => {
  if (!existsSync(join(ROOT, CLI))) throw new Error(`${CLI} is missing: run "npx tsc -p ." before these tests`);
});

describe('the bad-input corpus', () => {
  it('has a case for every file, and every file says on its first line what is wrong', () => {
    const files = readdirSync(join(ROOT, DIR)).filter((f) => f !== '_valid.yaml').sort();
    expect(CASES.map((c) => c.file).sort()).toEqual(files);
    for (const f of files) {
      const first = readFileSync(join(ROOT, DIR, f), 'utf8').split('\n')[0];
      // JSON has no comments: its first line holds the top-level "description" instead.
      expect(first, f).toMatch(f.endsWith('.json') ? /^\{"description": "broken/ : /^# \S/);
    }
  });

  it('is based on a valid scenario (so each file has exactly the one problem it says)', () => {
    const r = parley('validate', VALID);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const run = parley('run', VALID, '-n', '5', '-s', '1', '-f', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).runs).toBe(5);
  });
});

// One `validate` process for the whole corpus (a process costs seconds of start-up): each case
// checks its own file's lines; the batch as a whole must exit 2 with nothing but located problems.
describe('parley validate on bad input', () => {
  let batch: ReturnType<typeof parley>;
  beforeAll(() => {
    batch = parley('validate', ...CASES.map((c) => `${DIR}/${c.file}`));
  });
  it('checks every file in one process: exit 2, no stack trace, every line a located problem of a corpus file', () => {
    expect(batch.code).toBe(2);
    expectNoStackTrace(batch.stderr);
    for (const l of linesOf(batch.stderr)) expect(CASES.some((c) => l.startsWith(`${DIR}/${c.file}:`)), l).toBe(true);
    expect(batch.stdout).toBe('');
  });
  for (const c of CASES) {
    const name = `${c.file}: line ${c.line} ${c.path ?? '(no path)'}: ${c.message}`;
    it(name, () => {
      const own = linesOf(batch.stderr).filter((l) => l.startsWith(`${DIR}/${c.file}:`));
      expectProblem(c, { code: batch.code, stdout: batch.stdout, stderr: own.join('\n') });
    });
  }
});

describe('parley run on bad input', () => {
  for (const c of CASES.filter((x) => x.run)) {
    const name = `${c.file}: exit 2 at line ${c.line}`;
    const check = () => {
      const r = parley('run', `${DIR}/${c.file}`, '-n', '5', '-s', '1', '-f', 'json');
      expectProblem(c, r);
      expect(r.stdout, 'no report for a refused scenario').toBe('');
    };
    it(name, check);
  }
});

describe('several files', () => {
  it('validate reports every bad file, still says ok for a good one, and exits 2', () => {
    const r = parley('validate', VALID, `${DIR}/negative-weight.yaml`, `${DIR}/unknown-field-top.yaml`);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${VALID}: ok`);
    expect(r.stderr).toMatch(/^tests\/bad-input\/negative-weight\.yaml:10:\d+ parties\.a\.weights\.share: /m);
    expect(r.stderr).toMatch(/^tests\/bad-input\/unknown-field-top\.yaml:4:1 colour: /m);
    expectNoStackTrace(r.stderr);
  });
});

describe('--set errors', () => {
  for (const cmd of [['validate', VALID], ['run', VALID, '-n', '5']]) {
    it(`${cmd[0]}: a bad value via --set parties.a.discount=high is blamed on the --set`, () => {
      const r = parley(...cmd, '--set', 'parties.a.discount=high');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--set parties.a.discount');
      expect(r.stderr).toMatch(/parties\.a\.discount: expected a number in \(0, 1\).*got "high"/);
      expectNoStackTrace(r.stderr);
    });
  }

  it('an unknown field via --set is blamed on the --set', () => {
    const r = parley('validate', VALID, '--set', 'parties.a.nonsense=1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(--set parties\.a\.nonsense\) parties\.a\.nonsense: unknown field "nonsense"/);
    expectNoStackTrace(r.stderr);
  });

  it('a path through a number via --set is a problem, not a crash', () => {
    const r = parley('validate', VALID, '--set', 'parties.a.weights.share.x=1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set parties.a.weights.share.x');
    expectNoStackTrace(r.stderr);
  });

  for (const bad of ['parties.a.discount', '=0.9', 'parties..discount=0.9']) {
    it(`a malformed --set ${JSON.stringify(bad)} exits 2 and says what --set expects`, () => {
      const r = parley('validate', VALID, '--set', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--set expects path=value');
      expect(r.stderr).toContain(JSON.stringify(bad));
      expectNoStackTrace(r.stderr);
    });
  }
});

describe('files and usage', () => {
  for (const cmd of ['validate', 'run']) {
    it(`${cmd}: a missing file exits 2 with "no such file"`, () => {
      const r = parley(cmd, `${DIR}/does-not-exist.yaml`);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^tests\/bad-input\/does-not-exist\.yaml: .*no such file/m);
      expectNoStackTrace(r.stderr);
    });
  }

  it('a directory instead of a file exits 2', () => {
    const r = parley('validate', DIR);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a directory');
    expectNoStackTrace(r.stderr);
  });

  // prettier-ignore
  const usage: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate', VALID], /unknown command 'frobnicate'/],
    ['an unknown option', ['validate', '--frob', VALID], /unknown option '--frob'/],
    ['no scenario file', ['validate'], /missing required argument/],
    ['runs = 0', ['run', VALID, '-n', '0'], /runs must be a whole number >= 1/],
    ['a negative seed', ['run', VALID, '-s', '-1'], /seed must be a whole number from 0 to 9007199254740991/],
    ['a seed past 2^53 (it would be rounded)', ['run', VALID, '-s', '9007199254740993'], /seed must be a whole number from 0 to 9007199254740991 \(2\^53 − 1\); 9007199254740993 is larger/],
    ['a 400-digit seed (it would be Infinity), echoed shortened', ['run', VALID, '-s', '1'.padEnd(401, '0')], new RegExp(`'${'1'.padEnd(60, '0')}\\.\\.\\.' is invalid.*\\(401 digits\\) is larger`)],
    ['an unknown format', ['run', VALID, '-f', 'xml'], /Allowed choices are/],
  ];
  for (const [what, args, message] of usage) {
    it(`${what} exits 2 with a usage message`, () => {
      const r = parley(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expectNoStackTrace(r.stderr);
    });
  }
});
