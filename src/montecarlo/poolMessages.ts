import type { CheckedExpressions } from '../model/expr.js';
import type { Aggregate } from './aggregate.js';

/**
 * A job for the pool's workers: the scenario (file name, text, `--set`
 * overrides), the seed, and the expressions this thread has checked (as parsed
 * trees, so a worker compiles the scenario without loading mathjs).
 */
export interface JobMessage {
  kind: 'job';
  job: number;
  file: string;
  text: string;
  sets: string[];
  seed: number;
  expressions: CheckedExpressions;
}

/** Runs [from, to) of the current job, as chunk number `chunk`. */
export interface ChunkMessage {
  kind: 'chunk';
  job: number;
  chunk: number;
  from: number;
  to: number;
}

export type ToWorker = JobMessage | ChunkMessage;

/** `ready`: the worker has the job's scenario compiled; `done`: one chunk's aggregate. */
export type FromWorker = { kind: 'ready'; job: number } | { kind: 'done'; job: number; chunk: number; agg: Aggregate };
