import type { Model } from '../model/types.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { CHUNK, simulateRange } from './simulate.js';

/** A worker thread as the schedule sees it: something that can be sent a chunk of run indices. */
export interface ChunkSink {
  send(chunk: number, from: number, to: number): void;
}

/** One Monte Carlo job cut into chunks; its owner reports each worker's messages to it. */
export interface ChunkSchedule {
  /** The worker has the job's scenario compiled: it gets two chunks (one to compute, one waiting in its queue). */
  ready(w: ChunkSink): void;
  /** The worker's aggregate of one chunk; it gets the next chunk. */
  done(w: ChunkSink, chunk: number, agg: Aggregate): void;
  /** A worker failed: the job rejects with this error. */
  fail(e: unknown): void;
  /** The aggregate of all runs, merged in chunk order. */
  result: Promise<Aggregate>;
}

export interface ScheduleOptions {
  seed: number;
  runs: number;
  /** Threads that may compute chunks: this one and the workers that may report `ready`. */
  threads: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Monte Carlo over this thread and worker threads. Runs are cut into fixed
 * chunks of CHUNK indices, handed to whichever thread is free, and merged
 * strictly in chunk order — the same order `simulate` uses — so the aggregate,
 * and the JSON built from it, is byte-identical for any number of workers.
 * This thread computes chunks too, from the start (a worker may still be
 * loading the library or compiling the scenario). No chunk is handed out more
 * than 3·threads ahead of the merge, so memory stays flat in the number of runs.
 */
export function scheduleChunks(model: Model, opts: ScheduleOptions): ChunkSchedule {
  const chunks = Math.ceil(opts.runs / CHUNK);
  const window = 3 * opts.threads;
  const total = emptyAggregate(model);
  const pending = new Map<number, Aggregate>();
  const idle: ChunkSink[] = [];
  let next = 0;
  let merged = 0;
  let finished = false;
  let waiting = false;
  let settle!: (e?: unknown) => void;
  const result = new Promise<Aggregate>((resolve, reject) => {
    settle = (e) => {
      if (finished) return;
      finished = true;
      if (e === undefined) resolve(total);
      else reject(e);
    };
  });
  const range = (chunk: number) => ({ from: chunk * CHUNK, to: Math.min(opts.runs, (chunk + 1) * CHUNK) });
  const accept = (chunk: number, agg: Aggregate) => {
    pending.set(chunk, agg);
    while (pending.has(merged)) {
      mergeAggregates(total, pending.get(merged) as Aggregate);
      pending.delete(merged++);
      opts.onProgress?.(Math.min(opts.runs, merged * CHUNK), opts.runs);
    }
    if (merged === chunks) settle();
  };
  const send = (w: ChunkSink) => {
    if (finished || next >= chunks) return;
    if (next - merged >= window) return void idle.push(w);
    const chunk = next++;
    const { from, to } = range(chunk);
    w.send(chunk, from, to);
  };
  const wakeIdle = () => {
    while (idle.length > 0 && next < chunks && next - merged < window) send(idle.pop() as ChunkSink);
  };
  // This thread: one chunk at a time, yielding between chunks so worker messages are handled.
  const local = (): void => {
    if (finished || next >= chunks) return;
    // The window is full: wait for a worker's result (`resume` restarts this loop).
    if (next - merged >= window) return void (waiting = true);
    const chunk = next++;
    const { from, to } = range(chunk);
    try {
      accept(chunk, simulateRange(model, opts.seed, from, to));
    } catch (e) {
      return settle(e);
    }
    wakeIdle();
    setImmediate(local);
  };
  const resume = () => {
    wakeIdle();
    if (waiting) (waiting = false), setImmediate(local);
  };
  setImmediate(local);
  return {
    ready: (w) => {
      send(w);
      send(w);
      resume();
    },
    done: (w, chunk, agg) => {
      if (finished) return;
      try {
        accept(chunk, agg);
      } catch (e) {
        return settle(e);
      }
      send(w);
      resume();
    },
    fail: (e) => settle(e),
    result,
  };
}
