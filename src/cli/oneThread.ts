import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Whether a command line (after `parley`) runs its Monte Carlo on one thread:
 * `run --outer`, `run`, `sweep` or `compare` with `--runs-out`, a `--shard`, and `run`, `sweep`, `compare` or
 * `sensitivity` with one worker (`-w` defaults to the available cores). The bin
 * keeps such a command's young generation small (main.ts); only memory depends
 * on the answer, never output.
 */
export function oneThread(args: string[], cores: number = availableParallelism()): boolean {
  const [command] = args;
  if (!['run', 'sweep', 'compare', 'sensitivity'].includes(command)) return false;
  // A shard computes its span on this thread (api/partial.ts).
  if (args.some((a) => a === '--shard' || a.startsWith('--shard='))) return true;
  if (command === 'run' && args.some((a) => a === '--outer' || a.startsWith('--outer='))) return true;
  if (streamsRuns(args)) return true;
  let workers = cores;
  args.forEach((a, i) => {
    const value = a === '-w' || a === '--workers' ? args[i + 1] : /^(?:-w|--workers=)(\d+)$/.exec(a)?.[1];
    if (value !== undefined) workers = Number(value);
  });
  return workers === 1;
}

/**
 * Whether a command line streams every run to a file (`run`, `sweep` or `compare` with
 * `--runs-out`): it computes on one thread, synchronously, while it holds the file's
 * temporary name, so the bin runs it in a supervised child node (main.ts).
 */
export function streamsRuns(args: string[]): boolean {
  const [command] = args;
  return ['run', 'sweep', 'compare'].includes(command) && args.some((a) => a === '--runs-out' || a.startsWith('--runs-out='));
}

/**
 * How the bin starts a command line (main.ts): `supervise`, in a child node that this process
 * supervises (a `--runs-out` command); `small-young`, in this process with its young generation
 * held small (a command that computes on one thread); `as-given`, in this process as it is (a
 * command on worker threads, one that computes nothing, or node started with flags or NODE_OPTIONS
 * of your own). Only memory depends on the answer, never output.
 */
export function startMode(args: string[], execArgv: string[], nodeOptions: string | undefined, cores?: number): 'supervise' | 'small-young' | 'as-given' {
  if (execArgv.length > 0 || nodeOptions) return 'as-given';
  if (streamsRuns(args)) return 'supervise';
  return oneThread(args, cores) ? 'small-young' : 'as-given';
}

const SEMI_SPACE = '--max-semi-space-size=4';
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the CLI (`script` and its arguments) in a child node with 4 MB
 * semi-spaces, and stays as its supervisor:
 * - signals to this process go on to the child, and the child's exit code or
 *   signal becomes this process's;
 * - the child announces each temporary output file over an IPC channel before
 *   creating it, and this process removes those left when the child ends, however it
 *   ends (the child computes synchronously, so it cannot clean up on a signal itself);
 * - the child ends with this process: it is given this pid (PARLEY_SUPERVISOR)
 *   and stops, removing its temporary files, when its parent changes (cli.ts, io.ts),
 *   even after a SIGKILL here, before it writes anything more.
 */
export function superviseOneThread(script: string[]): void {
  const temps = new Set<string>();
  // Handlers first: a signal handled before the child exists is handled after it does.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of SIGNALS) process.on(s, forward);
  const child = spawn(process.execPath, [SEMI_SPACE, ...script], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, PARLEY_SUPERVISOR: String(process.pid) },
  });
  child.on('message', (m: { parleyTemp?: unknown }) => {
    if (typeof m?.parleyTemp === 'string') temps.add(m.parleyTemp);
  });
  child.on('error', (e) => {
    process.stderr.write(`parley: cannot start node: ${e.message}\n`);
    process.exitCode = 1;
  });
  // 'close' comes after the IPC channel is drained, so every announced file is known.
  child.on('close', (code, signal) => {
    for (const t of temps) rmSync(t, { force: true });
    for (const s of SIGNALS) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
