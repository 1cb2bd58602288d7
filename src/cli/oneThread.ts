import { availableParallelism } from 'node:os';

/**
 * Whether a command line (after `parley`) runs its Monte Carlo on one thread:
 * `run --outer`, `run --runs-out`, and `run`, `sweep`, `compare` or
 * `sensitivity` with one worker (`-w` defaults to the available cores). The bin
 * starts such a command with smaller young-generation semi-spaces (main.ts);
 * only memory depends on the answer, never output.
 */
export function oneThread(args: string[], cores: number = availableParallelism()): boolean {
  const [command] = args;
  if (!['run', 'sweep', 'compare', 'sensitivity'].includes(command)) return false;
  if (command === 'run' && args.some((a) => a === '--outer' || a.startsWith('--outer=') || a === '--runs-out' || a.startsWith('--runs-out='))) return true;
  let workers = cores;
  args.forEach((a, i) => {
    const value = a === '-w' || a === '--workers' ? args[i + 1] : /^(?:-w|--workers=)(\d+)$/.exec(a)?.[1];
    if (value !== undefined) workers = Number(value);
  });
  return workers === 1;
}
