import type { Command } from 'commander';
import { InputError, sweepScenario } from '../../api.js';
import { withPool } from '../../montecarlo/pool.js';
import { gridProblem, parseSweepParam } from '../../montecarlo/grid.js';
import type { Format } from '../../report/format.js';
import { renderSweepCsv, renderSweepMarkdown, renderSweepTable } from '../../report/sweep.js';
import { emit, progress } from '../io.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { sweepDoc } from '../../plot/docs.js';
import { collect, formatOption, json, outOption, positiveInt, seedOption, setOption, workersOption, openBargaining, wideOption } from '../options.js';

export function registerSweep(program: Command): void {
  const command = program
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
    .action(async (file: string, o: { param: string[]; runs?: number; seed?: number; set: string[]; workers: number; format: Format; out?: string; plot?: string }) => {
      // A sweep without a parameter would silently be one run: refused as a usage error (exit 2).
      if (o.param.length === 0)
        command.error(`error: sweep needs at least one --param, e.g. --param parties.russia.discount=0.95:0.99:0.01 or --param parties.us.strategy=rational,boulware\n${command.helpInformation()}`);
      checkPlot(o.plot);
      const params = o.param.map((spec) => {
        const p = parseSweepParam(spec);
        if (typeof p === 'string') throw new InputError(p);
        return p;
      });
      const tooLarge = gridProblem(params);
      if (tooLarge) throw new InputError(tooLarge);
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
