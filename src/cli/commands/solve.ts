import type { Command } from 'commander';
import { renderSolveTable, solveReport } from '../../report/solve.js';
import { emit } from '../io.js';
import { formatOption, json, outOption, setOption, openBargaining } from '../options.js';

export function registerSolve(program: Command): void {
  program
    .command('solve')
    .description('the analytic solutions (Nash, Kalai–Smorodinsky, utilitarian, egalitarian) at the mean parameters')
    .argument('<scenario>', 'scenario file')
    .addOption(setOption())
    .addOption(formatOption(['table', 'json']))
    .addOption(outOption())
    .action((file: string, o: { set: string[]; format: 'table' | 'json'; out?: string }) => {
      const r = solveReport(openBargaining(file, o.set, 'solve'));
      emit(o.format === 'json' ? json(r) : renderSolveTable(r), o.out);
    });
}
