import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { InputError, openScenarioText } from '../../api.js';
import { checkPartials, mergePartials, partialScenarios } from '../../api/partial.js';
import { FORMATS, type Format } from '../../report/format.js';
import { emit } from '../io.js';
import { checkPlot, plotOption, writePlot } from '../plot.js';
import { outOption } from '../options.js';
import type { Opener, Shardable } from '../shard.js';
import { compareShardable } from './compare.js';
import { runShardable } from './run.js';
import { sensitivityShardable } from './sensitivity.js';
import { sweepShardable } from './sweep.js';

/** The commands a partial may come from, by name. */
const SHARDABLE = new Map<string, Shardable<unknown>>(
  [runShardable, compareShardable, sweepShardable, sensitivityShardable].map((s) => [s.command, s as Shardable<unknown>]),
);

/** A partial file's text, or an InputError naming it. */
function readPartialFile(name: string): { name: string; text: string } {
  try {
    return { name, text: readFileSync(name, 'utf8') };
  } catch (e) {
    throw new InputError(`${name}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join the partial results of `--shard i/N --partial FILE` runs (any machine, any order) into the output the whole command gives on one machine')
    .argument('<partial...>', 'partial result files, one per shard')
    .addOption(new Option('-f, --format <format>', "output format (default: the command's own -f)").choices(FORMATS))
    .addOption(outOption())
    .addOption(plotOption())
    .action(async (files: string[], o: { format?: Format; out?: string; plot?: string }) => {
      checkPlot(o.plot);
      const parts = checkPartials(files.map(readPartialFile));
      const first = parts[0];
      const what = SHARDABLE.get(first.data.command);
      if (!what) throw new InputError(`${first.name}: partials of \`parley ${first.data.command}\` cannot be merged (only ${[...SHARDABLE.keys()].join(', ')})`);
      const stored = partialScenarios(first.data);
      // The scenarios as the shards read them: the partials carry their text, so the merge needs none of the files.
      const open: Opener = (file, sets) => {
        const s = stored.get(file);
        if (!s) throw new InputError(`${first.name}: the partial does not carry the scenario ${file}`);
        const opened = openScenarioText(file, s.text, sets);
        if (opened.loaded.sha256 !== s.sha256) throw new InputError(`${first.name}: the scenario ${file} it carries does not match its sha256`);
        return opened;
      };
      const { plan, plot } = what.plan(first.data.files, first.data.options, open);
      const report = mergePartials(plan, parts.map((p) => p.data), parts.map((p) => p.name));
      const format = o.format ?? (first.data.options.format as Format | undefined) ?? 'table';
      emit(what.render(report, format), o.out);
      await writePlot(o.plot, () => plot(report));
    });
}
