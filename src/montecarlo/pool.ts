import { Worker } from 'node:worker_threads';
import type { OpenScenario } from '../model/open.js';
import { checkedExpressions } from '../model/expr.js';
import type { Aggregate } from './aggregate.js';
import type { CompareResult } from './compare.js';
import { jobWork, runLocally, type JobKind, type JobResults, type JobTotals } from './jobs.js';
import { scheduleChunks, type ChunkSchedule, type ChunkSink } from './parallel.js';
import type { FromWorker, ToWorker } from './poolMessages.js';

/**
 * A run allocates short-lived numbers at a high rate, so V8 would grow a
 * thread's young generation to its default maximum (16 MB semi-spaces), most of it garbage:
 * 12 MB (4 MB semi-spaces) costs no measurable time and keeps each worker's
 * RSS down. A cap on the young generation only bounds garbage between scavenges
 * (survivors move to the old generation, which is left uncapped), so no
 * scenario can run out of memory by it.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

/**
 * A worker inherits node's flags, but `--input-type` (as in `node
 * --input-type=module -e …` calling the library) is refused for a worker
 * started from a file. Then the workers are started with no node flags: flags
 * given explicitly must all be valid for a worker, and V8's (such as
 * `--max-semi-space-size`, process-wide anyway) are refused. Otherwise they
 * inherit node's own way (undefined).
 */
const WORKER_ARGV = process.execArgv.some((a) => a.startsWith('--input-type')) ? [] : undefined;

/** A job's seed, runs (per scenario) and progress: runs merged so far, of all the job's runs. */
export interface JobOptions {
  seed: number;
  runs: number;
  onProgress?: (done: number, total: number) => void;
}

/** Worker threads kept across Monte Carlo jobs (a sweep's points, `run`'s files). Jobs run one after another. */
export interface WorkerPool {
  /** Threads that compute a job: this one and up to threads − 1 workers. */
  readonly threads: number;
  /** Worker threads started so far. */
  readonly started: number;
  /** Monte Carlo over `runs` runs of the scenario: the same aggregate, byte for byte, as `simulate` on this thread. */
  simulate(open: OpenScenario, opts: JobOptions): Promise<Aggregate>;
  /** `runs` runs of each scenario, on its own, as one job: each aggregate the same as `simulate` on this thread gives. */
  simulateEach(opens: OpenScenario[], opts: JobOptions): Promise<Aggregate[]>;
  /**
   * Every scenario played on the same run indices, with paired differences
   * from the first: the same, byte for byte, as `simulateCompare` on this thread.
   */
  compare(opens: OpenScenario[], opts: JobOptions): Promise<CompareResult>;
  /** Ends the worker threads; a job started after this rejects. */
  close(): Promise<void>;
}

/**
 * A pool of `threads` threads: this one and threads − 1 workers, each started
 * when a job first has chunks for it (loading the library takes a worker about
 * a second; this thread computes meanwhile), or at once with `eager` (a caller
 * that will have such a job starts them before opening its scenarios, so that
 * their start-up overlaps this thread's). Each job tells the workers its kind
 * and scenarios (jobs.ts), which they compile once and keep among the last
 * few; then they compute the units they are sent. A worker that fails rejects
 * the job and ends the pool: every worker is terminated at once, and later
 * jobs reject with the same error. Close the pool when done (`withPool` does): its workers keep the
 * process alive.
 */
export function startPool(threads: number, opts: { eager?: boolean } = {}): WorkerPool {
  const workers: Worker[] = [];
  let current: { job: number; schedule: ChunkSchedule<JobResults[JobKind]>; sinks: Map<Worker, ChunkSink> } | undefined;
  let failure: unknown;
  let closed = false;
  let ended: Promise<unknown> | undefined;
  let jobs = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const end = () => (ended ??= Promise.all(workers.map((w) => w.terminate())));
  const broken = (e: unknown) => {
    if (failure !== undefined || closed) return;
    failure = e;
    current?.schedule.fail(e);
    void end();
  };
  const spawn = () => {
    const w = new Worker(new URL('./worker.js', import.meta.url), { resourceLimits: WORKER_LIMITS, execArgv: WORKER_ARGV });
    w.on('message', (m: FromWorker) => {
      // Messages of an earlier job (one that finished before this worker was ready for it) are stale.
      const sink = current?.job === m.job && current.sinks.get(w);
      if (!current || !sink) return;
      if (m.kind === 'ready') current.schedule.ready(sink);
      else current.schedule.done(sink, m.unit, m.result);
    });
    w.on('error', broken);
    w.on('exit', (code) => broken(new Error(`a worker thread stopped (exit code ${code})`)));
    workers.push(w);
  };
  if (opts.eager) while (workers.length < threads - 1) spawn();
  const run = async <K extends JobKind>(kind: K, opens: OpenScenario[], opts: JobOptions): Promise<JobTotals[K]> => {
    if (failure !== undefined) throw failure;
    if (closed) throw new Error('the worker pool is closed');
    // Enough scenarios to keep every thread busy: a unit is a whole scenario (see jobs.ts).
    const spec = { kind, scenarios: opens.length, seed: opts.seed, runs: opts.runs, whole: kind === 'simulate' && opens.length >= 3 * threads };
    const work = jobWork(spec, opens.map((o) => o.model), opts.onProgress);
    const k = Math.min(threads, work.units);
    if (k <= 1) return runLocally(work);
    while (workers.length < k - 1) spawn();
    const job = ++jobs;
    const schedule = scheduleChunks(work, { threads: workers.length + 1 });
    const post = (w: Worker, m: ToWorker) => w.postMessage(m);
    const sinks = new Map(workers.map((w): [Worker, ChunkSink] => [w, { send: (unit) => post(w, { kind: 'chunk', job, unit }) }]));
    current = { job, schedule, sinks };
    const scenarios = opens.map((o) => ({ file: o.loaded.source.file, text: o.loaded.source.text, sets: o.loaded.sets }));
    const expressions = checkedExpressions();
    for (const w of workers) post(w, { kind: 'job', job, spec, scenarios, expressions });
    try {
      await schedule.result;
      return work.total;
    } finally {
      current = undefined;
    }
  };
  /** Jobs run one after another: a job starts when the one before it has settled. */
  const queued = <T>(f: () => Promise<T>): Promise<T> => {
    const result = queue.then(f);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    threads,
    get started() {
      return workers.length;
    },
    simulate: (open, opts) => queued(async () => (await run('simulate', [open], opts))[0]),
    simulateEach: (opens, opts) => queued(() => run('simulate', opens, opts)),
    compare: (opens, opts) => queued(() => run('compare', opens, opts)),
    close: async () => {
      closed = true;
      current?.schedule.fail(new Error('the worker pool was closed during a job'));
      await end();
    },
  };
}

/** Runs `f` on a pool of `threads` threads and ends the pool afterwards, also when `f` throws. */
export async function withPool<T>(threads: number, f: (pool: WorkerPool) => Promise<T>, opts: { eager?: boolean } = {}): Promise<T> {
  const pool = startPool(threads, opts);
  try {
    return await f(pool);
  } finally {
    await pool.close();
  }
}

/** Runs `f` on the given pool, or on a pool of `workers` threads (default 1) started and ended for it. */
export const onPool = <T>(opts: { pool?: WorkerPool; workers?: number }, f: (pool: WorkerPool) => Promise<T>): Promise<T> =>
  opts.pool ? f(opts.pool) : withPool(opts.workers ?? 1, f);
