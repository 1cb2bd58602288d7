import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { InputError } from '../api.js';
import { printProblems } from './io.js';
import { checkLimits } from '../scenario/limits.js';

/** Runs the CLI and maps outcomes to exit codes: 0 success, 1 runtime failure, 2 invalid input or usage. */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    // A malformed PARLEY_MAX_* variable is refused before any command starts.
    checkLimits();
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof InputError) {
      printProblems(e.problems);
      if (e.problems.length === 0) process.stderr.write(`parley: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`parley: internal error: ${(e as Error).message}\n${process.env.PARLEY_DEBUG ? (e as Error).stack : 'set PARLEY_DEBUG=1 for the stack trace'}\n`);
    return 1;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
