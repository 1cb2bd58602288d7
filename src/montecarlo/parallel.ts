import { Worker } from 'node:worker_threads';
import type { OpenScenario } from '../api.js';
import { checkedExpressions } from '../model/expr.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { CHUNK, simulate, simulateRange } from './simulate.js';

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
 * Monte Carlo over K threads: this one and K − 1 worker threads. Runs are cut
 * into fixed chunks of CHUNK indices, handed to whichever thread is free, and
 * merged strictly in chunk order — the same order `simulate` uses — so the
 * aggregate, and the JSON built from it, is byte-identical for any number of
 * workers. This thread computes chunks too, from the start: a worker thread
 * spends seconds loading the library and compiling the scenario before its
 * first chunk, and this one has done that already. No chunk is handed out more
 * than 3·K ahead of the merge, so memory stays flat in the number of runs.
 */
export async function simulateParallel(
  open: OpenScenario,
  opts: { seed: number; runs: number; workers: number; onProgress?: (done: number, total: number) => void },
): Promise<Aggregate> {
  const chunks = Math.ceil(opts.runs / CHUNK);
  const k = Math.max(1, Math.min(opts.workers, chunks));
  if (k === 1) return simulate(open.model, opts);
  const { file, text } = open.loaded.source;
  // The expressions go as checked trees, so the workers compile the scenario without loading mathjs.
  const workerData = { file, text, sets: open.loaded.sets, seed: opts.seed, expressions: checkedExpressions() };
  const total = emptyAggregate(open.model);
  const pending = new Map<number, Aggregate>();
  let next = 0;
  let merged = 0;
  const window = 3 * k;
  const range = (chunk: number) => ({ from: chunk * CHUNK, to: Math.min(opts.runs, (chunk + 1) * CHUNK) });
  const accept = (chunk: number, agg: Aggregate) => {
    pending.set(chunk, agg);
    while (pending.has(merged)) {
      mergeAggregates(total, pending.get(merged) as Aggregate);
      pending.delete(merged++);
      opts.onProgress?.(Math.min(opts.runs, merged * CHUNK), opts.runs);
    }
  };
  const pool = Array.from({ length: k - 1 }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData, resourceLimits: WORKER_LIMITS }));
  try {
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      let failed = false;
      const done = () => merged === chunks;
      const send = (w: Worker) => {
        if (next >= chunks) return;
        if (next - merged >= window) return void idle.push(w);
        const chunk = next++;
        w.postMessage({ chunk, ...range(chunk) });
      };
      const wakeIdle = () => {
        while (idle.length > 0 && next < chunks && next - merged < window) send(idle.pop() as Worker);
      };
      let waiting = false;
      for (const w of pool) {
        w.on('error', (e) => ((failed = true), reject(e)));
        // A worker says `ready` once it has compiled the scenario; chunks go to it from then on.
        w.on('message', (m: { ready: true } | { chunk: number; agg: Aggregate }) => {
          if ('chunk' in m) {
            accept(m.chunk, m.agg);
            if (done()) return resolve();
          } else send(w); // two chunks in flight: the next one waits in its queue while this thread computes
          send(w);
          wakeIdle();
          if (waiting) (waiting = false), setImmediate(local);
        });
      }
      // This thread: one chunk at a time, yielding between chunks so worker messages are handled.
      const local = (): void => {
        if (failed || done() || next >= chunks) return;
        // The window is full: wait for a worker's result (its message handler resumes this loop).
        if (next - merged >= window) return void (waiting = true);
        const chunk = next++;
        const { from, to } = range(chunk);
        accept(chunk, simulateRange(open.model, opts.seed, from, to));
        if (done()) return resolve();
        wakeIdle();
        setImmediate(local);
      };
      setImmediate(local);
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return total;
}
