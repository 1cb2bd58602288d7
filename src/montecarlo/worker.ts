import { parentPort } from 'node:worker_threads';
import { openScenarioText } from '../api.js';
import { useCheckedExpressions } from '../model/expr.js';
import type { Model } from '../model/types.js';
import type { FromWorker, JobMessage, ToWorker } from './poolMessages.js';
import { simulateRange } from './simulate.js';

/**
 * A worker thread of a pool (pool.ts): told which scenario a job uses, it
 * compiles it (or finds it among the last few it compiled) and aggregates the
 * chunks of run indices it is sent. A run's result depends only on (scenario,
 * seed, run index), so which worker runs a chunk does not matter.
 */
const CACHED = 4;
const compiled = new Map<string, Model>();

/** The job's compiled scenario, keyed by file, text and overrides (the seed only matters to the runs). */
function modelFor(m: JobMessage): Model {
  const key = JSON.stringify([m.file, m.text, m.sets]);
  const known = compiled.get(key);
  // Most recently used last, so the first key is the one to drop.
  if (known) return compiled.delete(key), compiled.set(key, known), known;
  useCheckedExpressions(m.expressions);
  const open = openScenarioText(m.file, m.text, m.sets);
  if (!open.ok) throw new Error(`worker could not open ${m.file}: ${open.problems.map((p) => p.message).join('; ')}`);
  if (compiled.size >= CACHED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, open.value.model);
  return open.value.model;
}

let current: { job: number; model: Model; seed: number } | undefined;
const post = (m: FromWorker) => parentPort?.postMessage(m);
parentPort?.on('message', (m: ToWorker) => {
  if (m.kind === 'job') {
    current = { job: m.job, model: modelFor(m), seed: m.seed };
    return post({ kind: 'ready', job: m.job });
  }
  if (current?.job !== m.job) throw new Error(`worker: chunk ${m.chunk} of job ${m.job}, but the current job is ${current?.job}`);
  post({ kind: 'done', job: m.job, chunk: m.chunk, agg: simulateRange(current.model, current.seed, m.from, m.to) });
});
