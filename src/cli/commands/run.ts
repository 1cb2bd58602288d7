import type { Command } from 'commander';
import { InputError, isExpectedUtility, openScenario, resolveSeed, runExpectedUtility, runOuter, runScenario, runScenarioAsync, type OpenScenario } from '../../api.js';
import { renderReports, type AnyRunReport, type Format } from '../../report/format.js';
import type { RunReport } from '../../report/summary.js';
import { runDoc } from '../../plot/docs.js';
import { withPool, type WorkerPool } from '../../montecarlo/pool.js';
import { runRecords } from '../../montecarlo/runRecord.js';
import { CHUNK } from '../../montecarlo/simulate.js';
import { emit, progress } from '../io.js';
import { checkRunsOut, withRunsOut } from '../runsOut.js';
import { watchRun } from '../watch.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { formatOption, outOption, positiveInt, seedOption, setOption, workersOption, wideOption } from '../options.js';
import { runPlan } from '../../api/plans.js';
import { checkRedisUrl } from '../../distributed/protocol.js';
import type { QueueStatus } from '../../distributed/queuePool.js';
import { shardOptions, wantsShard, writeShard, type Shardable } from '../shard.js';

/** `run --shard`: one job per scenario; the merge renders the reports as `run` does. */
export const runShardable: Shardable<RunReport[]> = {
  command: 'run',
  keys: ['runs', 'seed', 'set', 'format'],
  plan: (files, o, open) => {
    const opened = files.map((f) => open(f, o.set as string[]));
    const plan = runPlan(opened, { runs: o.runs as number | undefined, seed: o.seed as number | undefined });
    return { plan, plot: (reports) => runDoc(reports.map((report, i) => ({ report, model: opened[i].model }))) };
  },
  render: (reports, format) => renderReports(reports, format),
};

/** `run --runs-out`: the report, and every run streamed to a CSV or JSON Lines file. */
function runWithRows(s: OpenScenario, file: string, opts: { runs?: number; seed?: number }): Promise<RunReport> {
  const seed = resolveSeed(s.model, opts.seed);
  return withRunsOut(file, [runRecords(s.model, seed, s.loaded.sha256)], (onRun) =>
    runScenario(s, { ...opts, seed, onProgress: progress(s.model.scenario.name), onRun: (r, x) => onRun(0, r, x) }),
  );
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('Monte Carlo over each scenario; prints the outcome table')
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .option('-n, --runs <N>', "number of runs (default: the scenario's runs)", positiveInt('runs'))
    .addOption(seedOption())
    .addOption(setOption())
    .addOption(workersOption())
    .addOption(formatOption())
    .addOption(wideOption())
    .addOption(outOption())
    .option('--runs-out <file>', 'also write one row per run to FILE.csv or FILE.jsonl: outcome, end reason, events fired, terms, values, deal utilities, draws, seed and scenario sha256 (one scenario; runs in one thread)')
    .addOption(plotOption())
    .option('--watch', 're-run on every save of the (one) scenario file, printing the new table and the change since the previous run (same seed, paired); Ctrl-C stops')
    .option('--outer <K>', 'K draws of the uncertain parameters, each followed by -n runs of play: shows how much of the answer is assumption (runs in one thread)', positiveInt('outer'));
  cmd
    .option('--queue <url>', 'cut the runs into chunks on a Redis queue (redis://host:port) for `parley worker` processes on any machines; the output is the same')
    .option('--queue-chunk <runs>', 'with --queue: runs per chunk (rounded up to a multiple of 250)', positiveInt('queue-chunk'), 5000);
  shardOptions(cmd).action(async (files: string[], o: RunOptions) => {
      if (wantsShard(o)) return writeShard(runShardable, files, o);
      checkPlot(o.plot);
      checkRunsOut(o.runsOut);
      if (o.watch) {
        const clash = o.out ? '-o' : o.runsOut ? '--runs-out' : o.outer ? '--outer' : o.plot ? '--plot' : o.queue ? '--queue' : o.format !== 'table' ? '-f' : files.length !== 1 ? 'more than one scenario' : '';
        if (clash) throw new InputError(`--watch prints tables for one scenario file; it does not take ${clash}`);
        await withPool(o.workers, (pool) => watchRun(files[0], o, pool), { eager: true });
        return;
      }
      if (o.queue) return runOnQueue(files, o, o.queue);
      // Unless this command runs on one thread, or asks for runs that one unit holds (one thread computes them: `-n 1`),
      // its workers start now: loading the library there overlaps opening the files here.
      if (o.outer || o.runsOut) await runCommand(files, o, undefined);
      else await withPool(o.workers, (pool) => runCommand(files, o, pool), { eager: o.runs === undefined || o.runs > CHUNK });
    });
}

type RunOptions = { watch?: boolean; queue?: string; queueChunk: number; shard?: { index: number; count: number }; partial?: string; runs?: number; seed?: number; set: string[]; workers: number; format: Format; out?: string; runsOut?: string; outer?: number; plot?: string };

/** `run --queue URL`: the Monte Carlo on `parley worker` processes through Redis, progress on stderr. */
async function runOnQueue(files: string[], o: RunOptions, url: string): Promise<void> {
  const bad = checkRedisUrl(url);
  if (bad) throw new InputError(`--queue: ${bad}`);
  if (o.outer || o.runsOut) throw new InputError(`${o.outer ? '--outer' : '--runs-out'} runs on one thread; leave out --queue`);
  let last = 0;
  const onStatus = (s: QueueStatus) => {
    if (s.done < s.chunks && Date.now() - last < 1000) return;
    last = Date.now();
    process.stderr.write(`parley: queue: ${s.done}/${s.chunks} chunks done, ${s.workers} worker${s.workers === 1 ? '' : 's'} seen\n`);
  };
  // Loaded here: BullMQ and ioredis take a quarter of a second to load, and only --queue needs them.
  const { queuePool } = await import('../../distributed/queuePool.js');
  const pool = await queuePool(url, { chunkRuns: o.queueChunk, onStatus });
  try {
    await runCommand(files, o, pool);
  } finally {
    await pool.close();
  }
}

/** `run` on its files: with a pool, the Monte Carlo on it; without, one of the one-thread modes (--outer, --runs-out). */
async function runCommand(files: string[], o: RunOptions, pool: WorkerPool | undefined): Promise<void> {
  const opened = files.map((f) => openScenario(f, o.set));
  const reports: AnyRunReport[] = [];
  const eu = opened.filter(isExpectedUtility);
  if (eu.length > 0 && (o.outer || o.runsOut || o.plot))
    throw new InputError(`${o.outer ? '--outer' : o.runsOut ? '--runs-out' : '--plot'} is for bargaining scenarios; ${eu[0].loaded.source.file} uses mechanism expected-utility`);
  if (o.outer) {
    for (const s of opened) {
      reports.push(runOuter(s, { outer: o.outer, runs: o.runs, seed: o.seed, onProgress: progress(`${s.model.scenario.name} (outer)`) }));
    }
  } else if (o.runsOut) {
    if (opened.length !== 1) throw new InputError('--runs-out takes one scenario');
    reports.push(await runWithRows(opened[0], o.runsOut, { runs: o.runs, seed: o.seed }));
  } else
    // One pool for all the files: worker threads start once.
    for (const s of opened)
      reports.push(
        isExpectedUtility(s)
          ? runExpectedUtility(s, { runs: o.runs, seed: o.seed })
          : await runScenarioAsync(s, { runs: o.runs, seed: o.seed, pool, onProgress: progress(s.model.scenario.name) }),
      );
  emit(renderReports(reports, o.format), o.out);
  // Bargaining reports only here: --plot was refused above for the expected-utility model.
  await writePlot(o.plot, () => runDoc(reports.map((report, i) => ({ report: report as RunReport, model: opened[i].model }))));
}
