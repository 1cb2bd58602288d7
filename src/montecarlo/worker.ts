import { parentPort } from 'node:worker_threads';
import { openText } from '../model/open.js';
import { useCheckedExpressions } from '../model/expr.js';
import type { Model } from '../model/types.js';
import { computeUnit, enginesFor, type JobSpec } from './jobs.js';
import type { RunEngine } from '../engine/engine.js';
import type { FromWorker, ScenarioSource, ToWorker } from './poolMessages.js';

/**
 * A worker thread of a pool (pool.ts): told a job's kind and scenarios, it
 * compiles them (or finds them among the last few it compiled) and computes
 * the units it is sent (jobs.ts). A run's result depends only on (scenario,
 * seed, run index), so which worker computes a unit does not matter.
 */
const CACHED = 4;
const compiled = new Map<string, Model>();

/** A scenario compiled, keyed by file, text and overrides (the seed only matters to the runs). */
function modelFor(s: ScenarioSource): Model {
  const key = JSON.stringify([s.file, s.text, s.sets]);
  const known = compiled.get(key);
  // Most recently used last, so the first key is the one to drop.
  if (known) return compiled.delete(key), compiled.set(key, known), known;
  const open = openText(s.file, s.text, s.sets);
  if (!open.ok) throw new Error(`worker could not open ${s.file}: ${open.problems.map((p) => p.message).join('; ')}`);
  if (compiled.size >= CACHED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, open.value.model);
  return open.value.model;
}

let current: { job: number; spec: JobSpec; modelAt: (i: number) => Model; engineAt: (i: number) => RunEngine } | undefined;
const post = (m: FromWorker) => parentPort?.postMessage(m);
parentPort?.on('message', (m: ToWorker) => {
  if (m.kind === 'job') {
    useCheckedExpressions(m.expressions);
    // The job's scenarios as they are first needed (a sensitivity job has dozens; a unit of it needs one), held for the job.
    const models: Model[] = [];
    const modelAt = (i: number) => (models[i] ??= modelFor(m.scenarios[i]));
    // Compiled before `ready`, while the main thread computes units: all of a comparison's scenarios, or the one scenario of a run.
    if (m.spec.kind === 'compare' || m.scenarios.length === 1) m.scenarios.forEach((_, i) => modelAt(i));
    current = { job: m.job, spec: m.spec, modelAt, engineAt: enginesFor(modelAt) };
    return post({ kind: 'ready', job: m.job });
  }
  if (current?.job !== m.job) throw new Error(`worker: unit ${m.unit} of job ${m.job}, but the current job is ${current?.job}`);
  post({ kind: 'done', job: m.job, unit: m.unit, result: computeUnit(current.spec, current.modelAt, m.unit, current.engineAt) });
});
