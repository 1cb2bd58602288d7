import type { Command } from 'commander';
import type { Format } from '../../report/format.js';
import { solveReport } from '../../api.js';
import { renderSolveCsv, renderSolveMarkdown, renderSolveTable } from '../../report/solve.js';
import { emit } from '../io.js';
import { formatOption, json, outOption, positiveInt, seedOption, setOption, openBargaining, wideOption } from '../options.js';

export function registerSolve(program: Command): void {
  program
    .command('solve')
    .description('the analytic solutions (Nash, Kalai–Smorodinsky, utilitarian, egalitarian) at the mean parameters; with --runs N, also their distribution over N draws')
    .argument('<scenario>', 'scenario file')
    .option('-n, --runs <N>', 'also solve on N draws of the parameters (draw i = run i of `parley run`) and report the distribution', positiveInt('runs'))
    .addOption(seedOption())
    .addOption(setOption())
    .addOption(formatOption())
    .addOption(wideOption())
    .addOption(outOption())
    .action((file: string, o: { set: string[]; format: Format; out?: string; runs?: number; seed?: number }) => {
      const r = solveReport(openBargaining(file, o.set, 'solve'), { runs: o.runs, seed: o.seed });
      const render = { json, table: renderSolveTable, md: renderSolveMarkdown, csv: renderSolveCsv }[o.format];
      emit(render(r), o.out);
    });
}
