import { renameSync, writeFileSync } from 'node:fs';
import { formatProblem, type Problem } from '../scenario/problems.js';

/** Bad input: exit code 2, a message, no stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly problems: Problem[] = []) {
    super(message);
  }
}

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
