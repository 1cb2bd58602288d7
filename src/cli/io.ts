import { accessSync, closeSync, constants, openSync, renameSync, rmSync, statSync, writeSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../api.js';
import { formatProblem, type Problem } from '../scenario/problems.js';
import { progressLine } from '../report/progress.js';

/**
 * Output files are written to `FILE.<pid>.tmp` beside FILE and renamed into
 * place when complete, so FILE is whole or absent. The temporary files in
 * flight are tracked here: removed on every exit this process can catch
 * (errors, exit, SIGINT/SIGTERM/SIGHUP where cli.ts handles them), and, when
 * this process is the bin's one-thread child (main.ts), announced to the
 * parent, which removes them after the child ends however it ends.
 */
const temps = new Set<string>();

/** The bin's pid when this process is its supervised child (main.ts sets PARLEY_SUPERVISOR). */
const supervisor = Number(process.env.PARLEY_SUPERVISOR) || undefined;

/** Whether this process is the one-thread child of the bin. */
export const supervised = (): boolean => supervisor !== undefined;

/** Whether the bin that started this process is gone (killed, even by SIGKILL): the child is re-parented. */
const orphaned = (): boolean => supervisor !== undefined && process.ppid !== supervisor;

/** Removes every temporary output file still in flight. */
export function cleanTemps(): void {
  for (const t of temps) rmSync(t, { force: true });
  temps.clear();
}

/** Ends this process without writing anything more when its parent is gone: nobody is waiting for the output. */
export function dieIfOrphaned(): void {
  if (!orphaned()) return;
  cleanTemps();
  process.kill(process.pid, 'SIGKILL');
}

function track(tmp: string): void {
  const abs = resolve(tmp);
  temps.add(abs);
  // Sent before the file exists, so the parent knows it whenever this process dies.
  if (supervisor !== undefined && process.connected) process.send?.({ parleyTemp: abs });
}

/** A failure to write an output file (disk full, permissions changed during the run): exit 1, no stack, no bug report. */
export class OutputError extends Error {}

const failed = (path: string, e: unknown) => new OutputError(`cannot write ${path}: ${(e as Error).message}`);

/** Writes to --out (whole or not at all: a temporary file renamed into place) or to stdout. */
export function emit(text: string, out?: string): void {
  dieIfOrphaned();
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const tmp = `${out}.${process.pid}.tmp`;
  track(tmp);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, out);
  } catch (e) {
    throw failed(out, e);
  } finally {
    rmSync(tmp, { force: true });
    temps.delete(resolve(tmp));
  }
}

/**
 * Checks an output path before any work starts: FILE must not be a folder or
 * a special file, and its folder must exist and be writable. `option` names
 * the option in the message (exit 2).
 */
export function checkOutputPath(option: string, file: string): void {
  const refuse = (why: string) => new InputError(`${option}: ${why}`);
  if (file === '') throw refuse('expected a file name, got an empty one');
  const target = statOf(file);
  if (target?.isDirectory()) throw refuse(`${JSON.stringify(file)} is a folder; give a file name inside it`);
  if (target && !target.isFile()) throw refuse(`${JSON.stringify(file)} is not a regular file (to write to stdout, leave the option out)`);
  const dir = dirname(resolve(file));
  const folder = statOf(dir);
  if (!folder) throw refuse(`the folder ${JSON.stringify(dirname(file))} does not exist`);
  if (!folder.isDirectory()) throw refuse(`${JSON.stringify(dirname(file))} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw refuse(`cannot write in the folder ${JSON.stringify(dirname(file))}`);
  }
}

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot use ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
};

/** Prints problems, one per line, to stderr. */
export function printProblems(problems: Problem[]): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
}

/**
 * A progress line on stderr, only when stderr is a terminal, and only for runs
 * longer than about a second: redrawn in place (carriage return, line cleared)
 * at most ten times a second, with the rate and the time left, cut to the
 * terminal's width so it never wraps. Every call also checks that the bin is
 * still there (a supervised child ends with its parent within one progress step).
 */
export function progress(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  const start = Date.now();
  let drawn = 0;
  return (done, total) => {
    dieIfOrphaned();
    const now = Date.now();
    if (!tty || (now - start < 1000 && done < total) || (now - drawn < 100 && done < total)) return;
    drawn = now;
    process.stderr.write(`\r\x1b[2K${progressLine(label, done, total, now - start, process.stderr.columns || 80)}`);
    if (done >= total) process.stderr.write('\n');
  };
}

/**
 * A file written line by line as results stream in, and moved into place only
 * when complete: until then it is `FILE.<pid>.tmp`, removed on abort and on
 * every exit that can be caught.
 */
export function lineFile(path: string): { line: (text: string) => void; commit: () => void; abort: () => void } {
  const tmp = `${path}.${process.pid}.tmp`;
  track(tmp);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    temps.delete(resolve(tmp));
    throw failed(path, e);
  }
  let buffer = '';
  const flush = () => {
    dieIfOrphaned();
    try {
      writeSync(fd, buffer);
    } catch (e) {
      throw failed(path, e);
    }
    buffer = '';
  };
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
    temps.delete(resolve(tmp));
  };
  return {
    line: (text) => {
      buffer += `${text}\n`;
      if (buffer.length > 1 << 16) flush();
    },
    commit: () => {
      flush();
      try {
        renameSync(tmp, path);
      } catch (e) {
        throw failed(path, e);
      } finally {
        close();
        rmSync(tmp, { force: true });
      }
    },
    abort: () => {
      close();
      rmSync(tmp, { force: true });
    },
  };
}
