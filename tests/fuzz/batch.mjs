// The fuzzer's library runner (tests/fuzz/runner.ts starts it): many mutants in one node process,
// each through what `parley validate FILE` and `parley run FILE -n 20 -f json` do (the built
// library in dist/), one JSON line per mutant on stdout. A mutant that hangs or takes the memory
// is caught by the parent, which kills this process and starts another at the next mutant.
//   node tests/fuzz/batch.mjs JOBS.json   (JOBS: [{id, file, original?, rename?: {from, to}}])
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError, isExpectedUtility, openScenario, runExpectedUtility, runScenario } from '../../dist/api.js';
import { renderReports } from '../../dist/report/format.js';
import { formatProblem } from '../../dist/scenario/problems.js';

const RUNS = 20;
const MEMORY_KB = Number(process.env.FUZZ_MEMORY_MB ?? 1536) * 1024;
const say = (x) => process.stdout.write(`${JSON.stringify(x)}\n`);

/** The exit code and first line of stderr the CLI would give for an error thrown by a command. */
function failure(e) {
  if (e instanceof InputError) return { code: 2, message: (e.problems[0] ? formatProblem(e.problems[0]) : e.message).slice(0, 400) };
  return { code: 1, message: `${e?.name ?? 'Error'}: ${e?.message ?? e}`.split('\n')[0].slice(0, 400) };
}

/** The run's JSON report for a file, or the failure. */
function attempt(file) {
  let s;
  try {
    s = openScenario(file, []);
  } catch (e) {
    return { validate: failure(e) };
  }
  try {
    const report = isExpectedUtility(s) ? runExpectedUtility(s, { runs: RUNS }) : runScenario(s, { runs: RUNS });
    const json = renderReports([report], 'json');
    return { validate: { code: 0 }, run: { code: 0 }, json };
  } catch (e) {
    return { validate: { code: 0 }, run: failure(e) };
  }
}

/**
 * Paths where a number belongs but null (a NaN or an infinity, after JSON) stands. A spread over
 * deals is null when there is no deal (the report's own "no deals"); nowhere else.
 */
function badNulls(report) {
  const out = [];
  const noDeals = report.agreement?.count === 0;
  // breakdown.meanCollapseRound and meanWarRounds are over runs with a collapse: null (documented) when none collapsed.
  const noCollapse = report.breakdown?.collapsed === 0;
  const overCollapses = (path) => /^breakdown\.(meanCollapseRound|meanWarRounds)$/.test(path);
  const overDeals = (path) => /^(roundsToAgreement|terms\.[^.]+|dealUtility\.[^.]+)(\.|$)/.test(path);
  const walk = (x, path) => {
    if (x === null) {
      if (!(noDeals && overDeals(path)) && !(noCollapse && overCollapses(path))) out.push(path);
    } else if (typeof x === 'number') {
      if (!Number.isFinite(x)) out.push(path);
    } else if (typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(report, '');
  return out;
}

/** A report with every key and string equal to `to` renamed `from`, and without the scenario's file and hash. */
function renamedBack(report, { from, to }) {
  const back = (x) =>
    Array.isArray(x)
      ? x.map(back)
      : x && typeof x === 'object'
        ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k === to ? from : k, back(v)]))
        : x === to
          ? from
          : x;
  const r = back(report);
  delete r.scenario;
  return JSON.stringify(r);
}


/** A report without the scenario's file and hash, as text. */
const stripped = (json) => {
  const r = JSON.parse(json);
  delete r.scenario;
  return JSON.stringify(r);
};

/** Words equal to `from` (not inside an id) renamed `to`, as mutate.ts renames. */
const renameIn = (text, from, to) => text.replace(new RegExp(`(?<![\\w-])${from.replace(/-/g, '\\-')}(?![\\w-])`, 'g'), to);

const controls = new Map();
/**
 * Whether a renamed file ran as the original did, renamed back. Draws are seeded by their
 * path (\`draw:parties.<id>.discount\`), so a rename can change them: the comparison is made
 * only where the same id renamed to a plain name (the control) runs exactly as the original;
 * elsewhere it says nothing (undefined).
 */
function sameAsControl(job, report) {
  const key = `${job.original}\u0000${job.rename.from}`;
  if (!controls.has(key)) {
    const original = attempt(job.original).json;
    const file = `${job.original}.control-${job.rename.from}.yaml`;
    const control = 'zzcontrol';
    writeFileSync(file, renameIn(readFileSync(job.original, 'utf8'), job.rename.from, control));
    const c = attempt(file).json;
    const informative = original !== undefined && c !== undefined && renamedBack(JSON.parse(c), { from: job.rename.from, to: control }) === stripped(original);
    controls.set(key, informative ? stripped(original) : undefined);
  }
  const expected = controls.get(key);
  return expected === undefined ? undefined : renamedBack(report, job.rename) === expected;
}
const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const job of jobs) {
  say({ start: job.id });
  const t = Date.now();
  const a = attempt(job.file);
  const result = { id: job.id, validate: a.validate, run: a.run };
  if (a.json) {
    const report = JSON.parse(a.json);
    const reports = Array.isArray(report) ? report : [report];
    result.nulls = reports.flatMap(badNulls);
    if (job.rename && job.original) result.sameAsOriginal = sameAsControl(job, report);
  }
  result.ms = Date.now() - t;
  result.maxRssKb = process.resourceUsage().maxRSS;
  say(result);
  if (result.maxRssKb > MEMORY_KB) process.exit(3);
}
