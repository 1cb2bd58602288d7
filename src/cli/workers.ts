import { availableParallelism } from 'node:os';
import { count, LIMIT_ENV, limit } from '../scenario/limits.js';

/**
 * `-w K` capped at a multiple of the machine's cores (Limits.workersPerCore), with a warning on
 * stderr: threads beyond the cores only share them (each still loads the library and compiles the
 * scenario, ~25 MB apiece), so `-w 64` on 2 cores took 13 times as long and 1.5 GB. The output is
 * the same for any number of threads, so capping changes nothing but the time.
 */
export function capWorkers(k: number, cores = availableParallelism(), warn = (s: string) => void process.stderr.write(s)): number {
  const perCore = limit('workersPerCore');
  const cap = Math.max(1, cores * perCore);
  if (k <= cap) return k;
  warn(
    `parley: warning: -w ${k} is more than ${perCore} threads per core on this machine's ${count(cores)} core(s); using ${cap} ` +
      `(the output is the same; more threads would only share the cores). Set ${LIMIT_ENV.workersPerCore}=${Math.ceil(k / cores)} to use ${k}.\n`,
  );
  return cap;
}
