import type { Command } from 'commander';
import type { Format } from '../../report/format.js';
import { renderSolveCsv, renderSolveMarkdown, renderSolveTable, solveReport } from '../../report/solve.js';
import { emit } from '../io.js';
import { formatOption, json, open, outOption, setOption } from '../options.js';

export function registerSolve(program: Command): void {
  program
    .command('solve')
    .description('the analytic solutions (Nash, Kalai–Smorodinsky, utilitarian, egalitarian) at the mean parameters')
    .argument('<scenario>', 'scenario file')
    .addOption(setOption())
    .addOption(formatOption())
    .addOption(outOption())
    .action((file: string, o: { set: string[]; format: Format; out?: string }) => {
      const r = solveReport(open(file, o.set));
      const render = { json, table: renderSolveTable, md: renderSolveMarkdown, csv: renderSolveCsv }[o.format];
      emit(render(r), o.out);
    });
}
