import { CommanderError, type Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildProgram } from './program.js';
import { InputError } from '../api.js';
import { checkLimits } from '../scenario/limits.js';
import { VERSION } from '../version.js';
import { checkOutputPath, cleanTemps, OutputError, printProblems, supervised } from './io.js';
import { oneThread } from './oneThread.js';
import { setTableWidth } from '../report/table.js';
import { QueueError } from '../distributed/protocol.js';

/**
 * Runs the CLI and maps outcomes to exit codes: 0 success, 2 invalid input or
 * usage, 1 a real fault (a bug, or an output file that could not be written),
 * never with a stack trace unless PARLEY_DEBUG=1.
 */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.hook('preAction', (_, action) => checkOutputs(action));
  try {
    // A malformed PARLEY_MAX_* variable is refused before any command starts.
    checkLimits();
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    cleanTemps();
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof InputError) {
      printProblems(e.problems);
      if (e.problems.length === 0) process.stderr.write(`parley: ${e.message}\n`);
      return 2;
    }
    if (e instanceof OutputError || e instanceof QueueError) {
      process.stderr.write(`parley: ${e.message}\n`);
      return 1;
    }
    reportFault(e);
    return 1;
  }
}

/** The options that name output files, checked before the command does any work (exit 2 with the option's name). */
const OUTPUTS = [
  ['out', '-o/--out'],
  ['runsOut', '--runs-out'],
  ['plot', '--plot'],
  ['partial', '--partial'],
] as const;

function checkOutputs(action: Command): void {
  if (action.getOptionValue('wide')) setTableWidth(Infinity);
  inferFormat(action);
  const opts = action.opts() as Record<string, unknown>;
  const seen = new Map<string, string>();
  for (const [key, option] of OUTPUTS) {
    const file = opts[key];
    if (typeof file !== 'string') continue;
    checkOutputPath(option, file);
    const other = seen.get(resolve(file));
    if (other) throw new InputError(`${option}: ${JSON.stringify(file)} is also the file of ${other}; give each output its own file`);
    seen.set(resolve(file), option);
  }
}

/** The format a file's extension names: out.json is JSON, out.csv CSV, out.md Markdown (any other extension: the table, or -f's format). */
const EXTENSION_FORMATS: Record<string, string> = { json: 'json', csv: 'csv', md: 'md', markdown: 'md' };

/**
 * `-o FILE` without `-f` writes the format FILE's extension names (a table
 * written to out.json would not be JSON); with `-f`, an extension naming
 * another format is refused (exit 2). Other extensions keep the format given.
 */
function inferFormat(action: Command): void {
  const out = action.getOptionValue('out');
  const choices = action.options.find((o) => o.long === '--format')?.argChoices;
  if (typeof out !== 'string' || !choices) return;
  const named = EXTENSION_FORMATS[/\.([A-Za-z]+)$/.exec(out)?.[1].toLowerCase() ?? ''];
  if (!named || !choices.includes(named)) return;
  const given = action.getOptionValue('format') as string | undefined;
  // No -f (a default, or none at all, as in `merge`): the extension decides.
  if (given === undefined || action.getOptionValueSource('format') === 'default') action.setOptionValueWithSource('format', named, 'implied');
  else if (given !== named)
    throw new InputError(`-o ${JSON.stringify(out)} is a ${named} file by its extension, but -f asks for ${given}: drop -f (the extension decides the format) or give the file a name that fits ${given}`);
}

const debug = () => !!process.env.PARLEY_DEBUG && process.env.PARLEY_DEBUG !== '0';

/** A bug: one line saying what failed, what to put in a bug report, and the stack trace only when PARLEY_DEBUG asks for it. */
function reportFault(e: unknown): void {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
  const args = process.argv.slice(2);
  const lines = [
    `parley: internal error: ${message}`,
    'This is a bug in parley, not a problem with your input. Please report it with:',
    `  parley ${VERSION}, node ${process.version}, ${process.platform}`,
    `  the command: parley ${args.join(' ').slice(0, 500)}`,
    ...scenarioHashes(args).map((h) => `  ${h}`),
    debug() && e instanceof Error && e.stack ? e.stack : 'Set PARLEY_DEBUG=1 to print the stack trace as well.',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** `sha256 <first 12 hex digits> <file>` for each argument that names a scenario file (as the reports print it), for a bug report. */
function scenarioHashes(args: string[]): string[] {
  return args
    .filter((a) => /\.(ya?ml|json)$/i.test(a))
    .slice(0, 8)
    .flatMap((a) => {
      try {
        if (!statSync(a).isFile() || statSync(a).size > 64 << 20) return [];
        return [`the scenario: sha256 ${createHash('sha256').update(readFileSync(a, 'utf8')).digest('hex').slice(0, 12)} ${a} (or the file itself, if you can share it)`];
      } catch {
        return [];
      }
    });
}

/** A fault outside the command's own promise (an event handler, a stray rejection): reported as one, temporary files removed. */
function fatal(e: unknown): void {
  reportFault(e);
  cleanTemps();
  process.exit(1);
}
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
process.on('exit', cleanTemps);
// A reader that went away (`parley run … | head`): stop quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') return fatal(e);
  cleanTemps();
  process.exit(0);
});

if (supervised()) {
  // The bin's child: its parent gone (the IPC channel closes even on SIGKILL), it ends without writing more.
  // Signals are the parent's to clean up after: a handler here would wait for the synchronous run to end.
  process.on('disconnect', () => {
    cleanTemps();
    process.kill(process.pid, 'SIGKILL');
  });
  process.channel?.unref();
} else if (['run', 'sweep', 'compare', 'sensitivity'].includes(process.argv[2]) && !oneThread(process.argv.slice(2)))
  // On a pool this thread yields between chunks, so a handler runs promptly: remove the temporary files, then end by the signal.
  // Elsewhere (one thread, solve, explain) a handler would wait for the synchronous computation: the signal ends the process at once.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      cleanTemps();
      process.kill(process.pid, signal);
    });

main(process.argv).then((code) => {
  process.exitCode = code;
});
