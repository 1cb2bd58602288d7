import { closeSync, openSync, renameSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { formatProblem, type Problem } from '../scenario/problems.js';

/** Writes to --out (whole or not at all: a temporary file renamed into place) or to stdout. */
export function emit(text: string, out?: string): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
}

/** Prints problems, one per line, to stderr. */
export function printProblems(problems: Problem[]): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
}

/** A progress line on stderr, only when stderr is a terminal, and only for runs longer than about a second. */
export function progress(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  const start = Date.now();
  return (done, total) => {
    if (Date.now() - start < 1000 && done < total) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

/** A file written line by line as results stream in, and moved into place only when complete. */
export function lineFile(path: string): { line: (text: string) => void; commit: () => void; abort: () => void } {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let buffer = '';
  const flush = () => {
    writeSync(fd, buffer);
    buffer = '';
  };
  return {
    line: (text) => {
      buffer += `${text}\n`;
      if (buffer.length > 1 << 16) flush();
    },
    commit: () => {
      flush();
      closeSync(fd);
      renameSync(tmp, path);
    },
    abort: () => {
      closeSync(fd);
      rmSync(tmp, { force: true });
    },
  };
}
