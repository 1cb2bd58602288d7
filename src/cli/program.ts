import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerCompare } from './commands/compare.js';
import { registerExplain } from './commands/explain.js';
import { registerFormatCommands } from './commands/files.js';
import { registerLedger } from './commands/ledger.js';
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
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nMechanisms: alternating-offers (fixed order or random recognition; veto players),\n' +
        '            expected-utility (Bueno de Mesquita: positions on one issue move under challenges; parley run only)\n' +
        'Strategies: rational (subgame-perfect), boulware, linear, conceder, {concession: {exponent, horizon}}\n' +
        'Exit codes: 0 success, 1 runtime failure, 2 invalid input or usage.',
    );
  registerRun(program);
  registerCompare(program);
  registerSweep(program);
  registerSensitivity(program);
  registerExplain(program);
  registerSolve(program);
  registerLedger(program);
  registerFormatCommands(program);
  return program;
}
