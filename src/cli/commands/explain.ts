import { InvalidArgumentError, type Command } from 'commander';
import { explainScenario } from '../../api.js';
import type { Format } from '../../report/format.js';
import { renderTranscript } from '../../report/transcript.js';
import { renderTranscriptCsv, renderTranscriptMarkdown } from '../../report/transcriptFormats.js';
import { emit } from '../io.js';
import { formatOption, json, outOption, seedOption, setOption, openBargaining } from '../options.js';

const runIndex = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('the run index must be a whole number >= 0');
  return Number(v);
};

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('the transcript of one run: draws, offers, replies, the end (the same run as inside `parley run`)')
    .argument('<scenario>', 'scenario file')
    .requiredOption('-r, --run <i>', 'run index (0-based, as in run)', runIndex)
    .addOption(seedOption())
    .addOption(setOption())
    .addOption(formatOption())
    .addOption(outOption())
    .action((file: string, o: { run: number; seed?: number; set: string[]; format: Format; out?: string }) => {
      const s = openBargaining(file, o.set, 'explain');
      const t = explainScenario(s, o.run, { seed: o.seed });
      const cal = s.model.scenario.calendar;
      const render = { json, table: () => renderTranscript(t, cal), md: () => renderTranscriptMarkdown(t, cal), csv: () => renderTranscriptCsv(t, cal) }[o.format];
      emit(render(t), o.out);
    });
}
