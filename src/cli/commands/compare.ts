import { InvalidArgumentError, type Command } from 'commander';
import { basename } from 'node:path';
import { assertBargaining, assertComparable, compareScenarios, compareScenariosAsync, InputError, resolveSeed, type OpenScenario, type Variant } from '../../api.js';
import { runRecords } from '../../montecarlo/runRecord.js';
import { checkRunsOut, withRunsOut } from '../runsOut.js';
import { comparePlan } from '../../api/plans.js';
import { shardOptions, wantsShard, writeShard, type Shardable } from '../shard.js';
import { withPool, type WorkerPool } from '../../montecarlo/pool.js';
import { renderCompareCsv, renderCompareMarkdown, renderCompareTable, type CompareReport } from '../../report/compare.js';
import type { Format } from '../../report/format.js';
import { emit, progress } from '../io.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { compareDoc } from '../../plot/docs.js';
import { collect, formatOption, json, openBargaining, outOption, positiveInt, seedOption, setOption, workersOption, wideOption } from '../options.js';

/** `'no aid cut: parties.us.power=0.2; rounds=10'` → a label and its --set arguments. */
function parseVariant(spec: string): { label: string; sets: string[] } {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new InputError(`--variant expects 'label: path=value; path=value', got ${JSON.stringify(spec)}`);
  return { label: spec.slice(0, colon).trim(), sets: spec.slice(colon + 1).split(';').map((x) => x.trim()).filter((x) => x !== '') };
}

const labelOf = (file: string) => basename(file).replace(/\.(ya?ml|json)$/i, '');

const threshold = (v: string) => {
  const x = Number(v);
  if (!(x >= 0)) throw new InvalidArgumentError('the threshold must be a number >= 0');
  return x;
};

/** The variants: the files, then the first file with each --variant's overrides. */
function openVariants(files: string[], o: { variant: string[]; set: string[] }, open: (file: string, sets: string[]) => OpenScenario): Variant[] {
  const variants: Variant[] = files.map((f) => ({ label: files.length > 1 || o.variant.length === 0 ? labelOf(f) : 'baseline', open: open(f, o.set) }));
  for (const spec of o.variant) {
    const { label, sets } = parseVariant(spec);
    variants.push({ label, open: open(files[0], [...o.set, ...sets]) });
  }
  if (variants.length < 2) throw new InputError('compare needs two or more scenarios, or one scenario and at least one --variant');
  return variants;
}

const renderCompare = (r: CompareReport, format: Format) => ({ json, table: renderCompareTable, md: renderCompareMarkdown, csv: renderCompareCsv })[format](r);

/** `compare --shard`: one job on common random numbers. */
export const compareShardable: Shardable<CompareReport> = {
  command: 'compare',
  keys: ['variant', 'runs', 'seed', 'set', 'threshold', 'format'],
  plan: (files, o, open) => {
    const variants = openVariants(files, o as { variant: string[]; set: string[] }, (f, sets) => {
      const s = open(f, sets);
      assertBargaining(s, '`parley compare`');
      return s;
    });
    const plan = comparePlan(variants, { runs: o.runs as number | undefined, seed: o.seed as number | undefined, threshold: o.threshold as number });
    return { plan, plot: (r) => compareDoc(r, variants[0].open.model) };
  },
  render: renderCompare,
};

export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('two or more scenarios, or one with --variant, side by side on the same random numbers, with differences and 95% intervals')
    .argument('<scenario...>', 'scenario files; the first is the baseline')
    .option('--variant <spec>', "a variant of the first scenario: 'label: path=value; path=value' (repeatable)", collect, [])
    .option('-n, --runs <N>', "number of runs (default: the first scenario's runs)", positiveInt('runs'))
    .addOption(seedOption())
    .addOption(setOption())
    .addOption(workersOption())
    .option('--threshold <x>', 'smallest difference worth marking (rates, utilities, terms)', threshold, 0.01)
    .addOption(formatOption())
    .addOption(wideOption())
    .addOption(outOption())
    .addOption(plotOption())
    .option('--runs-out <file>', 'also write one row per run and variant to FILE.csv or FILE.jsonl, with its end reason, events fired, deal utilities, seed and scenario sha256 (runs in one thread)');
  shardOptions(cmd).action(async (files: string[], o: CompareFlags) => {
      if (wantsShard(o)) return writeShard(compareShardable, files, o);
      checkPlot(o.plot);
      checkRunsOut(o.runsOut);
      // The workers start now: loading the library there overlaps opening the variants here (--runs-out: this thread only).
      const { report, variants } = await withPool(o.runsOut ? 1 : o.workers, (pool) => compareCommand(files, o, pool), { eager: !o.runsOut });
      emit(renderCompare(report, o.format), o.out);
      await writePlot(o.plot, () => compareDoc(report, variants[0].open.model));
    });
}

type CompareFlags = { shard?: { index: number; count: number }; partial?: string; variant: string[]; runs?: number; seed?: number; set: string[]; workers: number; threshold: number; format: Format; out?: string; plot?: string; runsOut?: string };

/** Opens the variants (the files, then the first file with each --variant's overrides) and compares them on the pool. */
async function compareCommand(files: string[], o: CompareFlags, pool: WorkerPool): Promise<{ report: CompareReport; variants: Variant[] }> {
  const variants = openVariants(files, o, (f, sets) => openBargaining(f, sets, 'compare'));
  assertComparable(variants);
  // A failing run is a runtime failure (exit 1), not bad input.
  const opts = { seed: o.seed, runs: o.runs, threshold: o.threshold, onProgress: progress('compare') };
  if (!o.runsOut) return { report: await compareScenariosAsync(variants, { ...opts, pool }), variants };
  const seed = resolveSeed(variants[0].open.model, o.seed);
  const sets = variants.map((v) => runRecords(v.open.model, seed, v.open.loaded.sha256, { variant: v.label }));
  const report = await withRunsOut(o.runsOut, sets, (onRun) => compareScenarios(variants, { ...opts, seed, onRun }));
  return { report, variants };
}
