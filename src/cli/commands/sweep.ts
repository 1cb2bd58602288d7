import type { Command } from 'commander';
import { InputError, sweepScenario } from '../../api.js';
import { withPool } from '../../montecarlo/pool.js';
import { gridProblem, parseSweepParam } from '../../montecarlo/grid.js';
import type { Format } from '../../report/format.js';
import { renderSweepCsv, renderSweepMarkdown, renderSweepTable, type SweepReport } from '../../report/sweep.js';
import type { SweepParam } from '../../montecarlo/grid.js';
import { sweepPlan } from '../../api/plans.js';
import { shardOptions, wantsShard, writeShard, type Shardable } from '../shard.js';
import { emit, progress } from '../io.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { sweepDoc } from '../../plot/docs.js';
import { collect, formatOption, json, outOption, positiveInt, seedOption, setOption, workersOption, openBargaining } from '../options.js';

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
    .requiredOption('--param <spec>', 'path=from:to:step or path=a,b,c (repeatable: the grid is their product)', collect, [])
    .option('-n, --runs <N>', "runs per point (default: the scenario's runs)", positiveInt('runs'))
    .addOption(seedOption())
    .addOption(setOption())
    .addOption(workersOption())
    .addOption(formatOption())
    .addOption(outOption())
    .addOption(plotOption());
  shardOptions(cmd).action(async (file: string, o: { shard?: { index: number; count: number }; partial?: string; param: string[]; runs?: number; seed?: number; set: string[]; workers: number; format: Format; out?: string; plot?: string }) => {
      if (wantsShard(o)) return writeShard(sweepShardable, [file], o);
      checkPlot(o.plot);
      const params = sweepParams(o.param);
      // The workers start now: loading the library there overlaps opening and checking the points here.
      let base!: ReturnType<typeof openBargaining>;
      const r = await withPool(
        o.workers,
        (pool) => {
          base = openBargaining(file, o.set, 'sweep');
          return sweepScenario(base, params, { runs: o.runs, seed: o.seed, pool, onProgress: progress('sweep') });
        },
        { eager: true },
      );
      const render = { json, table: renderSweepTable, md: renderSweepMarkdown, csv: renderSweepCsv }[o.format];
      emit(render(r), o.out);
      await writePlot(o.plot, () => sweepDoc(r, base.model));
    });
}
