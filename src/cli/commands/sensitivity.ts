import type { Command } from 'commander';
import { sensitivityAsync } from '../../api.js';
import { withPool } from '../../montecarlo/pool.js';
import type { Format } from '../../report/format.js';
import { renderSensitivityCsv, renderSensitivityMarkdown, renderSensitivityTable, type SensitivityReport } from '../../report/sensitivity.js';
import { sensitivityPlan } from '../../api/plans.js';
import { shardOptions, wantsShard, writeShard, type Shardable } from '../shard.js';
import { emit, progress } from '../io.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { sensitivityDoc } from '../../plot/docs.js';
import { formatOption, json, openBargaining, outOption, positiveInt, seedOption, setOption, workersOption, wideOption } from '../options.js';

/** `sensitivity --shard`: the baseline and every setting as one job. */
export const sensitivityShardable: Shardable<SensitivityReport> = {
  command: 'sensitivity',
  keys: ['runs', 'seed', 'includeFixed', 'set', 'format'],
  plan: (files, o, open) => {
    const s = open(files[0], o.set as string[]);
    const plan = sensitivityPlan(s, { runs: o.runs as number, seed: o.seed as number | undefined, includeFixed: o.includeFixed as boolean });
    return { plan, plot: (r) => sensitivityDoc(r, s.model) };
  },
  render: (r, format) => ({ json, table: renderSensitivityTable, md: renderSensitivityMarkdown, csv: renderSensitivityCsv })[format](r),
};

export function registerSensitivity(program: Command): void {
  const cmd = program
    .command('sensitivity')
    .description('which uncertain parameters move the outcome most: each held at its p10 and p90 in turn (a tornado ranking)')
    .argument('<scenario>', 'scenario file')
    .option('-n, --runs <N>', 'runs per setting', positiveInt('runs'), 500)
    .addOption(seedOption())
    .option('--include-fixed', 'also vary fixed numbers by ±20% (clamped to their domain)', false)
    .addOption(setOption())
    .addOption(workersOption())
    .addOption(formatOption())
    .addOption(wideOption())
    .addOption(outOption())
    .addOption(plotOption());
  shardOptions(cmd).action(async (file: string, o: { shard?: { index: number; count: number }; partial?: string; runs: number; seed?: number; includeFixed: boolean; set: string[]; workers: number; format: Format; out?: string; plot?: string }) => {
      if (wantsShard(o)) return writeShard(sensitivityShardable, [file], o);
      checkPlot(o.plot);
      // The workers start now: loading the library there overlaps opening the settings here.
      let s!: ReturnType<typeof openBargaining>;
      const r = await withPool(
        o.workers,
        (pool) => {
          s = openBargaining(file, o.set, 'sensitivity');
          return sensitivityAsync(s, { runs: o.runs, seed: o.seed, includeFixed: o.includeFixed, pool, onProgress: progress('sensitivity') });
        },
        { eager: true },
      );
      const render = { json, table: renderSensitivityTable, md: renderSensitivityMarkdown, csv: renderSensitivityCsv }[o.format];
      emit(render(r), o.out);
      await writePlot(o.plot, () => sensitivityDoc(r, s.model));
    });
}
