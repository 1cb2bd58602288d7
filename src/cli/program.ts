import { Command } from 'commander';
import { expectedUtilitySpec } from '../forecast/expected-utility/spec.js';
import { MECHANISM_SPECS } from '../mechanisms/specs.js';
import { STRATEGY_SPECS } from '../strategies/specs.js';
import { VERSION } from '../version.js';
import { registerCompare } from './commands/compare.js';
import { registerExplain } from './commands/explain.js';
import { registerFormatCommands } from './commands/files.js';
import { registerInit } from './commands/init.js';
import { registerLedger } from './commands/ledger.js';
import { registerMerge } from './commands/merge.js';
import { registerWorker } from './commands/worker.js';
import { registerRun } from './commands/run.js';
import { registerSensitivity } from './commands/sensitivity.js';
import { registerSolve } from './commands/solve.js';
import { registerSweep } from './commands/sweep.js';

/** The commander program: parsing and wiring only; the work is in the library. */
export function buildProgram(): Command {
  const program = new Command('parley')
    .description('Negotiation scenario simulator: game-theoretic bargaining, played out thousands of times over scenario files.')
    .version(VERSION)
    .exitOverride()
    // A usage error quotes the argument it refuses: an argument of thousands of characters is shortened.
    .configureOutput({ outputError: (text, write) => write(text.replace(/'([^'\n]{60})[^'\n]{20,}'/g, "'$1...'")) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', registryHelp());
  registerRun(program);
  registerCompare(program);
  registerSweep(program);
  registerSensitivity(program);
  registerExplain(program);
  registerSolve(program);
  registerLedger(program);
  registerMerge(program);
  registerWorker(program);
  registerFormatCommands(program);
  registerInit(program);
  return program;
}

/** The help's closing lines: the registered mechanisms, forecast models and strategies, from their declarations. */
function registryHelp(): string {
  const line = (label: string, items: string[]) => items.map((x, k) => `${k === 0 ? label : ' '.repeat(label.length)}${x}`).join('\n');
  return [
    '',
    line('Mechanisms: ', MECHANISM_SPECS.map((m) => `${m.kind} (${m.doc})`)),
    line('Forecasts:  ', [`${expectedUtilitySpec.kind} (${expectedUtilitySpec.doc}; parley run only)`]),
    line('Strategies: ', STRATEGY_SPECS.map((s) => s.doc)),
    'Exit codes: 0 success, 2 invalid input or usage, 1 a fault in parley (it prints what to put in a bug report).',
  ].join('\n');
}
