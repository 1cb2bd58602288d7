import type { CheckedExpressions } from '../model/expr.js';
import type { JobKind, JobResults, JobSpec } from './jobs.js';

/** A scenario as a worker compiles it: what `run` reads (file name and text) and its `--set` overrides. */
export interface ScenarioSource {
  file: string;
  text: string;
  sets: string[];
}

/**
 * A job for the pool's workers: what to compute (jobs.ts), its scenarios, and
 * the expressions this thread has checked (as parsed trees, so a worker
 * compiles the scenarios without loading mathjs).
 */
export interface JobMessage {
  kind: 'job';
  job: number;
  spec: JobSpec;
  scenarios: ScenarioSource[];
  expressions: CheckedExpressions;
}

/** Computes unit `unit` of the current job (jobs.ts `unitAt`). */
export interface ChunkMessage {
  kind: 'chunk';
  job: number;
  unit: number;
}

export type ToWorker = JobMessage | ChunkMessage;

/** `ready`: the worker is ready for the job's units; `done`: one unit's result. */
export type FromWorker = { kind: 'ready'; job: number } | { kind: 'done'; job: number; unit: number; result: JobResults[JobKind] };
