import type { JobSpec } from '../montecarlo/jobs.js';
import type { ScenarioSource } from '../montecarlo/poolMessages.js';

/**
 * What the queue's producer (`run --queue`, queuePool.ts) and its workers (`parley worker`,
 * queueWorker.ts) agree on. A Monte Carlo job is written once under `jobKey(id)` (its spec and
 * scenarios, as a worker thread gets them); each chunk is a BullMQ job on QUEUE_NAME with id
 * `<job id>-<chunk>` (BullMQ adds a job id once, so a chunk is queued once) and data ChunkData;
 * a worker returns ChunkResult, a span of the job's units (montecarlo/span.ts) as JSON.
 */
export const QUEUE_NAME = 'parley-chunks';

/** The key of a job's description; it expires a day after the job was queued. */
export const jobKey = (id: string): string => `parley:job:${id}`;
export const JOB_TTL_SECONDS = 86_400;

/**
 * The key a producer keeps alive while its job runs (refreshed every third of its lifetime, which is
 * the lock time, lockMs): workers skip the chunks of a job whose producer is gone (killed,
 * interrupted), rather than compute a result nobody will merge.
 */
export const aliveKey = (id: string): string => `parley:alive:${id}`;

/** A job as workers read it. */
export interface JobDescription {
  /** The producer's parley version: a worker of another version refuses the job's chunks (their results could differ). */
  parley: string;
  spec: JobSpec;
  scenarios: ScenarioSource[];
}

/** One chunk: units [from, to) of job `job`. */
export interface ChunkData {
  job: string;
  chunk: number;
  from: number;
  to: number;
}

/** A chunk's result: the span (spanCodec.ts) and the worker that computed it (host:pid). */
export interface ChunkResult {
  worker: string;
  span: unknown;
}

/** The BullMQ job id of a chunk. */
export const chunkId = (job: string, chunk: number): string => `${job}-${chunk}`;

/**
 * A failure of the queue itself (Redis unreachable or lost, a chunk that failed on a worker):
 * a runtime failure (exit 1) with a message, not a bug in parley.
 */
export class QueueError extends Error {}

/** How long a worker holds a chunk before it counts as stalled and goes back to the queue (PARLEY_QUEUE_LOCK_MS; 30 s). */
export function lockMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.PARLEY_QUEUE_LOCK_MS);
  return Number.isInteger(v) && v >= 500 ? v : 30_000;
}

/** A redis:// or rediss:// URL, or a message saying what is expected. */
export function checkRedisUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `expected a redis:// or rediss:// URL, got ${JSON.stringify(url)}`;
    return null;
  } catch {
    return `expected a redis:// or rediss:// URL such as redis://localhost:6379, got ${JSON.stringify(url)}`;
  }
}
