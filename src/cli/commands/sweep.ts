import type { Command } from 'commander';
import { InputError, openScenario, resolveSeed, sweepScenario, type OpenScenario } from '../../api.js';
import { runRecords, type RecordContext } from '../../montecarlo/runRecord.js';
import { checkRunsOut, withRunsOut } from '../runsOut.js';
import { withPool } from '../../montecarlo/pool.js';
import { gridPoints, gridProblem, parseSweepParam, type SweepParam } from '../../montecarlo/grid.js';
import type { Format } from '../../report/format.js';
import { renderSweepCsv, renderSweepMarkdown, renderSweepTable, type SweepReport } from '../../report/sweep.js';
import { sweepPlan } from '../../api/plans.js';
import { shardOptions, wantsShard, writeShard, type Shardable } from '../shard.js';
import { emit, progress } from '../io.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { sweepDoc } from '../../plot/docs.js';
import { collect, formatOption, json, outOption, positiveInt, seedOption, setOption, workersOption, openBargaining, wideOption } from '../options.js';

/** `sweep --runs-out`: every run of every point streamed to the file, the point's values in its first columns. */
function sweepWithRows(base: OpenScenario, params: SweepParam[], opts: NonNullable<Parameters<typeof sweepScenario>[2]>, file: string) {
  const seed = resolveSeed(base.model, opts.seed);
  const points = gridPoints(params).map((values) => ({ values, open: openScenario(base.loaded.source.file, [...base.loaded.sets, ...Object.entries(values).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)]) }));
  const sets = points.map((p) => runRecords(p.open.model, seed, base.loaded.sha256, p.values as RecordContext));
  return withRunsOut(file, sets, (onRun) => sweepScenario(base, params, { ...opts, seed, onRun }));
}

/** The --param specs parsed, or an InputError with the first malformed one. */
function sweepParams(specs: string[]): SweepParam[] {
  const params = specs.map((spec) => {
    const p = parseSweepParam(spec);
    if (typeof p === 'string') throw new InputError(p);
    return p;
  });
  const tooLarge = gridProblem(params);
  if (tooLarge) throw new InputError(tooLarge);
  return params;
}

/** `sweep --shard`: one job per point. */
export const sweepShardable: Shardable<SweepReport> = {
  command: 'sweep',
  keys: ['param', 'runs', 'seed', 'set', 'format'],
  plan: (files, o, open) => {
    const params = sweepParams(o.param as string[]);
    const base = open(files[0], o.set as string[]);
    const plan = sweepPlan(base, params, { runs: o.runs as number | undefined, seed: o.seed as number | undefined });
    return { plan, plot: (r) => sweepDoc(r, base.model) };
  },
  render: (r, format) => ({ json, table: renderSweepTable, md: renderSweepMarkdown, csv: renderSweepCsv })[format](r),
};

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('a grid over one or more parameters, one row per grid point, on the same random numbers')
    .argument('<scenario>', 'scenario file')
    .option('--param <spec>', 'path=from:to:step or path=a,b,c (repeatable: the grid is their product; at least one)', collect, [])
    .option('-n, --runs <N>', "runs per point (default: the scenario's runs)", positiveInt('runs'))
    .addOption(seedOption())
    .addOption(setOption())
    .addOption(workersOption())
    .addOption(formatOption())
    .addOption(wideOption())
    .addOption(outOption())
    .addOption(plotOption())
    .option('--runs-out <file>', 'also write one row per run and point to FILE.csv or FILE.jsonl, with its end reason, events fired, deal utilities, seed and scenario sha256 (runs in one thread)');
  shardOptions(cmd).action(async (file: string, o: { shard?: { index: number; count: number }; partial?: string; param: string[]; runs?: number; seed?: number; set: string[]; workers: number; format: Format; out?: string; plot?: string; runsOut?: string }) => {
      // A sweep without a parameter would silently be one run: refused as a usage error (exit 2).
      if (o.param.length === 0)
        cmd.error(`error: sweep needs at least one --param, e.g. --param parties.russia.discount=0.95:0.99:0.01 or --param parties.us.strategy=rational,boulware\n${cmd.helpInformation()}`);
      if (wantsShard(o)) return writeShard(sweepShardable, [file], o);
      checkPlot(o.plot);
      checkRunsOut(o.runsOut);
      const params = sweepParams(o.param);
      // The workers start now: loading the library there overlaps opening and checking the points here.
      let base!: ReturnType<typeof openBargaining>;
      const r = await withPool(
        o.runsOut ? 1 : o.workers,
        (pool) => {
          base = openBargaining(file, o.set, 'sweep');
          const opts = { runs: o.runs, seed: o.seed, pool, onProgress: progress('sweep') };
          return o.runsOut ? sweepWithRows(base, params, opts, o.runsOut) : sweepScenario(base, params, opts);
        },
        { eager: !o.runsOut },
      );
      const render = { json, table: renderSweepTable, md: renderSweepMarkdown, csv: renderSweepCsv }[o.format];
      emit(render(r), o.out);
      await writePlot(o.plot, () => sweepDoc(r, base.model));
    });
}
