import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError, openScenario, type OpenScenario } from '../api.js';
import { shardPartial, type ScenarioText } from '../api/partial.js';
import type { Plan } from '../api/plans.js';
import type { PlotDoc } from '../plot/page.js';
import type { Format } from '../report/format.js';
import { emit, progress } from './io.js';

/** Opens a scenario file with --set overrides: from disk in a shard, from a partial's copy in a merge. */
export type Opener = (file: string, sets: string[]) => OpenScenario;

/**
 * A command that can be cut into shards: the options that shape its output
 * (recorded in every partial, and the same in all of them), how its plan is
 * built from its files and those options, and how its report is rendered and
 * drawn — shared by the shard and the merge, so the merge prints what the
 * command prints on one machine.
 */
export interface Shardable<R> {
  command: string;
  keys: string[];
  plan(files: string[], o: Record<string, unknown>, open: Opener): { plan: Plan<R>; plot: (r: R) => PlotDoc };
  render(r: R, format: Format): string;
}

/** Where a scheduler puts an array task's index (Slurm, Kubernetes Indexed Jobs, AWS Batch). */
export const SCHEDULER_INDEX = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

/** `i/N` (shard i of N, 0 ≤ i < N), or `auto/N`: i from the scheduler's environment (SCHEDULER_INDEX, the first set). */
export function parseShard(v: string, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } {
  const m = /^(\d+|auto)\/(\d+)$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`expected i/N (shard i of N, i from 0 to N − 1) or auto/N (i from ${SCHEDULER_INDEX.join(', ')})`);
  const count = Number(m[2]);
  if (count < 1 || count > 1_000_000) throw new InvalidArgumentError(`the number of shards must be from 1 to 1000000, got ${m[2]}`);
  let from = '';
  let raw = m[1];
  if (raw === 'auto') {
    const set = SCHEDULER_INDEX.filter((k) => (env[k] ?? '') !== '');
    if (set.length === 0) throw new InvalidArgumentError(`auto/${count}: none of ${SCHEDULER_INDEX.join(', ')} is set (run it as an array task, or give the index: i/${count})`);
    const other = set.find((k) => env[k] !== env[set[0]]);
    if (other) throw new InvalidArgumentError(`auto/${count}: ${set[0]}=${env[set[0]]} and ${other}=${env[other]} disagree`);
    from = ` (${set[0]})`;
    raw = env[set[0]] as string;
    if (!/^\d+$/.test(raw)) throw new InvalidArgumentError(`auto/${count}: ${set[0]}=${JSON.stringify(raw)} is not a whole number`);
  }
  const index = Number(raw);
  if (index >= count)
    throw new InvalidArgumentError(`shard ${index}${from} of ${count}: shards are numbered from 0 to ${count - 1}${from ? `; number the array that way (Slurm: --array=0-${count - 1})` : ''}`);
  return { index, count };
}

/** `--shard` and `--partial` on a command. */
export function shardOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--shard <i/N>', `compute only shard i of N (0 ≤ i < N; auto/N reads i from ${SCHEDULER_INDEX.join(', ')}); needs --partial`).argParser((v) => parseShard(v)))
    .option('--partial <file>', 'with --shard: write the shard\'s partial result to FILE (join the shards with `parley merge`)');
}

/** The options a shard cannot take, each with what to do instead. */
const NOT_WITH_SHARD: [string, string, string][] = [
  ['out', '-o/--out', 'give -o to `parley merge`'],
  ['plot', '--plot', 'give --plot to `parley merge`'],
  ['outer', '--outer', 'run it without --shard'],
  ['runsOut', '--runs-out', 'run it without --shard'],
];

type ShardFlags = { shard?: { index: number; count: number }; partial?: string } & Record<string, unknown>;

/** Whether the command line asked for a shard (then `writeShard` does the command's work). */
export const wantsShard = (o: ShardFlags): boolean => o.shard !== undefined || o.partial !== undefined;

/** Computes this shard of the command on this thread and writes its partial result (whole or not at all). */
export function writeShard<R>(what: Shardable<R>, files: string[], o: ShardFlags): void {
  if (!o.shard) throw new InputError('--partial is for a shard: give --shard i/N as well');
  if (!o.partial) throw new InputError(`--shard needs --partial FILE: where shard ${o.shard.index} of ${o.shard.count} writes its partial result`);
  for (const [key, flag, instead] of NOT_WITH_SHARD) if (o[key] !== undefined) throw new InputError(`${flag} cannot be used with --shard: ${instead}`);
  const scenarios = new Map<string, ScenarioText>();
  const open: Opener = (file, sets) => {
    const s = openScenario(file, sets);
    scenarios.set(file, { file, sha256: s.loaded.sha256, text: s.loaded.source.text });
    return s;
  };
  const { plan } = what.plan(files, o, open);
  const options = Object.fromEntries(what.keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  const { index, count } = o.shard;
  const partial = shardPartial(plan, { command: what.command, files, options }, [...scenarios.values()], o.shard, progress(`shard ${index}/${count}`));
  emit(`${JSON.stringify(partial)}\n`, o.partial);
}
