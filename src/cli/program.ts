import { Command, InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { compareScenarios, openScenario, runScenario, runScenarioAsync, sensitivity, type Variant } from '../api.js';
import { runRowWriter } from '../report/runRows.js';
import { renderSensitivityCsv, renderSensitivityTable } from '../report/sensitivity.js';
import { gridPoints, parseSweepParam } from '../montecarlo/grid.js';
import { renderSweepCsv, renderSweepMarkdown, renderSweepTable, type SweepReport } from '../report/sweep.js';
import { renderCompareCsv, renderCompareMarkdown, renderCompareTable, type CompareReport } from '../report/compare.js';
import { FORMATS, renderReports, type Format } from '../report/format.js';
import type { RunReport } from '../report/summary.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { explainRun } from '../montecarlo/explain.js';
import { renderTranscript } from '../report/transcript.js';
import { renderSolveTable, solveReport } from '../report/solve.js';
import { VERSION } from '../version.js';
import { emit, lineFile, printProblems, progress, UsageError } from './io.js';

function positiveInt(name: string) {
  return (v: string) => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1`);
    return Number(v);
  };
}
const seedArg = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('the seed must be a whole number >= 0');
  return Number(v);
};
const collect = (v: string, prev: string[]) => [...prev, v];

const workersOption = () =>
  new Option('-w, --workers <K>', 'worker threads (the output is identical for any number)').argParser(positiveInt('workers')).default(availableParallelism(), 'available cores');
const formatOption = () => new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table');
const setOption = () => new Option('--set <path=value>', 'override a scenario field by its dotted path (repeatable), e.g. parties.russia.discount=0.95').argParser(collect).default([]);

/** `'no aid cut: parties.us.power=0.2; rounds=10'` → a label and its --set arguments. */
function parseVariant(spec: string): { label: string; sets: string[] } {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new UsageError(`--variant expects 'label: path=value; path=value', got ${JSON.stringify(spec)}`);
  return { label: spec.slice(0, colon).trim(), sets: spec.slice(colon + 1).split(';').map((x) => x.trim()).filter((x) => x !== '') };
}

const labelOf = (file: string) => basename(file).replace(/\.(ya?ml|json)$/i, '');

/** `run --runs-out`: the report, and every run streamed to a CSV or JSON Lines file. */
function runWithRows(s: ReturnType<typeof open>, file: string, opts: { runs?: number; seed?: number }): RunReport {
  const seed = opts.seed ?? s.model.scenario.seed;
  const rows = runRowWriter(s.model, seed);
  const jsonl = /\.jsonl$/i.test(file);
  const out = lineFile(file);
  try {
    if (!jsonl) out.line(rows.header);
    const report = runScenario(s, { ...opts, seed, onProgress: progress(s.model.scenario.name), onRun: (r, x) => out.line(jsonl ? rows.json(r, x) : rows.row(r, x)) });
    out.commit();
    return report;
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** Opens a scenario or throws the problems as a usage error (exit 2). */
function open(file: string, sets: string[]) {
  const o = openScenario(file, sets);
  if (!o.ok) throw new UsageError(`${file}: invalid scenario`, o.problems);
  return o.value;
}

/** The commander program: parsing and wiring only; the work is in the library. */
export function buildProgram(): Command {
  const program = new Command('parley')
    .description('Negotiation scenario simulator: game-theoretic bargaining, played out thousands of times over scenario files.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nMechanisms: alternating-offers (fixed order or random recognition; veto players)\nStrategies: rational (subgame-perfect), boulware, linear, conceder, {concession: {exponent, horizon}}\nExit codes: 0 success, 1 runtime failure, 2 invalid input or usage.');

  program
    .command('run')
    .description('Monte Carlo over each scenario; prints the outcome table')
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .option('-n, --runs <N>', 'number of runs (default: the scenario\'s runs)', positiveInt('runs'))
    .option('-s, --seed <S>', 'seed (default: the scenario\'s seed)', seedArg)
    .addOption(setOption())
    .addOption(workersOption())
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .option('--runs-out <file>', 'also write one row per run to FILE.csv or FILE.jsonl (one scenario; runs in one thread)')
    .action(async (files: string[], o: { runs?: number; seed?: number; set: string[]; workers: number; format: Format; out?: string; runsOut?: string }) => {
      const opened = files.map((f) => open(f, o.set));
      const reports: RunReport[] = [];
      if (o.runsOut) {
        if (opened.length !== 1) throw new UsageError('--runs-out takes one scenario');
        if (!/\.(csv|jsonl)$/i.test(o.runsOut)) throw new UsageError(`--runs-out expects a .csv or .jsonl file, got ${JSON.stringify(o.runsOut)}`);
        reports.push(runWithRows(opened[0], o.runsOut, { runs: o.runs, seed: o.seed }));
      } else
        for (const s of opened)
          reports.push(await runScenarioAsync(s, { runs: o.runs, seed: o.seed, workers: o.workers, onProgress: progress(s.model.scenario.name) }));
      emit(renderReports(reports, o.format), o.out);
    });

  program
    .command('compare')
    .description('two or more scenarios, or one with --variant, side by side on the same random numbers, with differences and 95% intervals')
    .argument('<scenario...>', 'scenario files; the first is the baseline')
    .option('--variant <spec>', "a variant of the first scenario: 'label: path=value; path=value' (repeatable)", collect, [])
    .option('-n, --runs <N>', "number of runs (default: the first scenario's runs)", positiveInt('runs'))
    .option('-s, --seed <S>', "seed (default: the first scenario's seed)", seedArg)
    .addOption(setOption())
    .option('--threshold <x>', 'smallest difference worth marking (rates, utilities, terms)', (v: string) => {
      const x = Number(v);
      if (!(x >= 0)) throw new InvalidArgumentError('the threshold must be a number >= 0');
      return x;
    }, 0.01)
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .action((files: string[], o: { variant: string[]; runs?: number; seed?: number; set: string[]; threshold: number; format: Format; out?: string }) => {
      const variants: Variant[] = files.map((f) => ({ label: files.length > 1 || o.variant.length === 0 ? labelOf(f) : 'baseline', open: open(f, o.set) }));
      for (const spec of o.variant) {
        const { label, sets } = parseVariant(spec);
        variants.push({ label, open: open(files[0], [...o.set, ...sets]) });
      }
      if (variants.length < 2) throw new UsageError('compare needs two or more scenarios, or one scenario and at least one --variant');
      let r: CompareReport;
      try {
        r = compareScenarios(variants, { seed: o.seed, runs: o.runs, threshold: o.threshold });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const text = o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : o.format === 'table' ? renderCompareTable(r) : o.format === 'md' ? renderCompareMarkdown(r) : renderCompareCsv(r);
      emit(text, o.out);
    });

  program
    .command('sweep')
    .description('a grid over one or more parameters, one row per grid point, on the same random numbers')
    .argument('<scenario>', 'scenario file')
    .requiredOption('--param <spec>', 'path=from:to:step or path=a,b,c (repeatable: the grid is their product)', collect, [])
    .option('-n, --runs <N>', "runs per point (default: the scenario's runs)", positiveInt('runs'))
    .option('-s, --seed <S>', "seed (default: the scenario's seed)", seedArg)
    .addOption(setOption())
    .addOption(workersOption())
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .action(async (file: string, o: { param: string[]; runs?: number; seed?: number; set: string[]; workers: number; format: Format; out?: string }) => {
      const params = o.param.map((spec) => {
        const p = parseSweepParam(spec);
        if (typeof p === 'string') throw new UsageError(p);
        return p;
      });
      if (params.length === 0) throw new UsageError('sweep needs at least one --param');
      const base = open(file, o.set);
      const seed = o.seed ?? base.model.scenario.seed;
      const points: SweepReport['points'] = [];
      // Every point is validated before any runs, so a bad value fails fast.
      const opened = gridPoints(params).map((values) => ({ values, open: open(file, [...o.set, ...Object.entries(values).map(([k, v]) => `${k}=${v}`)]) }));
      for (const p of opened) points.push({ values: p.values, report: await runScenarioAsync(p.open, { runs: o.runs, seed, workers: o.workers }) });
      const r: SweepReport = { parley: VERSION, scenario: { name: base.model.scenario.name, file, sha256: base.loaded.sha256 }, seed, runs: points[0].report.runs, params: params.map((p) => p.path), points };
      const text = o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : o.format === 'csv' ? renderSweepCsv(r) : o.format === 'md' ? renderSweepMarkdown(r) : renderSweepTable(r);
      emit(text, o.out);
    });

  program
    .command('sensitivity')
    .description('which uncertain parameters move the outcome most: each held at its p10 and p90 in turn (a tornado ranking)')
    .argument('<scenario>', 'scenario file')
    .option('-n, --runs <N>', 'runs per setting (default 500)', positiveInt('runs'), 500)
    .option('-s, --seed <S>', "seed (default: the scenario's seed)", seedArg)
    .option('--include-fixed', 'also vary fixed numbers by ±20% (clamped to their domain)', false)
    .addOption(setOption())
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .action((file: string, o: { runs: number; seed?: number; includeFixed: boolean; set: string[]; format: Format; out?: string }) => {
      const r = sensitivity(open(file, o.set), { runs: o.runs, seed: o.seed, includeFixed: o.includeFixed, onProgress: progress('sensitivity') });
      const text = o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : o.format === 'csv' ? renderSensitivityCsv(r) : renderSensitivityTable(r);
      emit(text, o.out);
    });

  program
    .command('explain')
    .description('the transcript of one run: draws, offers, replies, the end (the same run as inside `parley run`)')
    .argument('<scenario>', 'scenario file')
    .requiredOption('-r, --run <i>', 'run index (0-based, as in run)', (v: string) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('the run index must be a whole number >= 0');
      return Number(v);
    })
    .option('-s, --seed <S>', "seed (default: the scenario's seed)", seedArg)
    .addOption(setOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .action((file: string, o: { run: number; seed?: number; set: string[]; format: 'table' | 'json'; out?: string }) => {
      const s = open(file, o.set);
      const t = explainRun(s.model, o.seed ?? s.model.scenario.seed, o.run);
      emit(o.format === 'json' ? `${JSON.stringify(t, null, 2)}\n` : renderTranscript(t, s.model.scenario.calendar), o.out);
    });

  program
    .command('solve')
    .description('the analytic solutions (Nash, Kalai–Smorodinsky, utilitarian, egalitarian) at the mean parameters')
    .argument('<scenario>', 'scenario file')
    .addOption(setOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .action((file: string, o: { set: string[]; format: 'table' | 'json'; out?: string }) => {
      const r = solveReport(open(file, o.set));
      emit(o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : renderSolveTable(r), o.out);
    });

  program
    .command('validate')
    .description('check scenario files; every error names file, line, column and the path in the document')
    .argument('<scenario...>', 'scenario files')
    .addOption(setOption())
    .action((files: string[], o: { set: string[] }) => {
      const problems = files.flatMap((f) => {
        const r = openScenario(f, o.set);
        if (r.ok) process.stdout.write(`${f}: ok (${r.value.model.parties.length} parties, ${r.value.model.issues.length} issues, ${r.value.model.space.count} feasible packages)\n`);
        return r.ok ? [] : r.problems;
      });
      if (problems.length > 0) throw new UsageError(`${problems.length} problem(s) found`, problems);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .option('-o, --out <file>', 'write it to a file')
    .action((o: { out?: string }) => emit(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`, o.out));

  return program;
}

export { printProblems };
