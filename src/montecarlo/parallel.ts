import { Worker } from 'node:worker_threads';
import type { OpenScenario } from '../api.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { CHUNK, simulate } from './simulate.js';

/**
 * Monte Carlo over worker threads. Runs are cut into fixed chunks of CHUNK
 * indices, handed to whichever worker is free, and merged strictly in chunk
 * order — the same order `simulate` uses — so the aggregate, and the JSON
 * built from it, is byte-identical for any number of workers. No chunk is
 * handed out more than 2·workers ahead of the merge, so memory stays flat in
 * the number of runs. With one worker (or one chunk) it runs in this thread.
 */
export async function simulateParallel(
  open: OpenScenario,
  opts: { seed: number; runs: number; workers: number; onProgress?: (done: number, total: number) => void },
): Promise<Aggregate> {
  const chunks = Math.ceil(opts.runs / CHUNK);
  const k = Math.max(1, Math.min(opts.workers, chunks));
  if (k === 1) return simulate(open.model, opts);
  const { file, text } = open.loaded.source;
  const workerData = { file, text, sets: open.loaded.sets, seed: opts.seed };
  const total = emptyAggregate(open.model);
  const pending = new Map<number, Aggregate>();
  let next = 0;
  let merged = 0;
  const pool = Array.from({ length: k }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData }));
  try {
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      const send = (w: Worker) => {
        if (next >= chunks) return;
        if (next - merged >= 2 * k) return void idle.push(w);
        const from = next * CHUNK;
        w.postMessage({ chunk: next++, from, to: Math.min(opts.runs, from + CHUNK) });
      };
      for (const w of pool) {
        w.on('error', reject);
        w.on('message', (m: { chunk: number; agg: Aggregate }) => {
          pending.set(m.chunk, m.agg);
          while (pending.has(merged)) {
            mergeAggregates(total, pending.get(merged) as Aggregate);
            pending.delete(merged++);
            opts.onProgress?.(Math.min(opts.runs, merged * CHUNK), opts.runs);
          }
          if (merged === chunks) return resolve();
          send(w);
          while (idle.length > 0 && next < chunks && next - merged < 2 * k) send(idle.pop() as Worker);
        });
        send(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return total;
}
