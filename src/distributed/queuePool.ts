import { Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { OpenScenario } from '../model/open.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { CompareResult } from '../montecarlo/compare.js';
import { unitCount, type JobKind, type JobSpec } from '../montecarlo/jobs.js';
import type { JobOptions, WorkerPool } from '../montecarlo/pool.js';
import { CHUNK } from '../montecarlo/simulate.js';
import { spanMerger, type JobTotal, type PlannedJob, type Span } from '../montecarlo/span.js';
import { decodeSpan } from '../montecarlo/spanCodec.js';
import { VERSION } from '../version.js';
import { connectOrExplain, redisConnection } from './connection.js';
import { aliveKey, chunkId, jobKey, lockMs, JOB_TTL_SECONDS, QUEUE_NAME, QueueError, type ChunkData, type ChunkResult, type JobDescription } from './protocol.js';

/** What the producer reports while a job runs: chunks merged, of all, and the workers seen so far. */
export interface QueueStatus {
  done: number;
  chunks: number;
  workers: number;
}

/** Options of `queuePool`. */
export interface QueueOptions {
  /** Runs per chunk, rounded up to whole units of 250 (default 5,000). */
  chunkRuns?: number;
  /** Called when a chunk is merged. */
  onStatus?: (s: QueueStatus) => void;
}

/**
 * A WorkerPool whose chunks are computed by `parley worker` processes on any machines, through
 * a Redis-backed BullMQ queue. Each job is cut into chunks of whole units; results are merged in
 * chunk order, so the totals are those of one machine, byte for byte. A chunk whose worker dies
 * goes back to the queue when its lock expires (BullMQ's stalled-job check) and is computed again;
 * a chunk's result is counted once, whichever copy comes first (by chunk number). If the
 * connection to Redis is lost, the job fails with a QueueError: the chunks queued and merged so
 * far live in Redis and this process, so it does not wait for Redis to return.
 * @throws QueueError when Redis cannot be reached.
 */
export async function queuePool(url: string, opts: QueueOptions = {}): Promise<WorkerPool> {
  const conn = redisConnection(url, { retry: false });
  const eventsConn = redisConnection(url, { retry: false });
  await connectOrExplain(conn, url);
  await connectOrExplain(eventsConn, url);
  const queue = new Queue(QUEUE_NAME, { connection: conn });
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConn, autorun: true });
  let closing = false;
  let fail: ((e: Error) => void) | undefined;
  const lost = (e?: Error) => {
    if (closing) return;
    fail?.(new QueueError(`lost the connection to Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')}${e?.message ? ` (${e.message})` : ''}: the job stopped; run the command again once Redis is back`));
  };
  for (const c of [conn, eventsConn]) c.on('end', () => lost()), c.on('close', () => lost());
  queue.on('error', (e) => lost(e));
  events.on('error', (e) => lost(e));
  await events.waitUntilReady();
  const chunkUnits = Math.max(1, Math.ceil((opts.chunkRuns ?? 5_000) / CHUNK));
  const workers = new Set<string>();

  const run = async (kind: JobKind, opens: OpenScenario[], jo: JobOptions): Promise<JobTotal> => {
    const spec: JobSpec = { kind, scenarios: opens.length, seed: jo.seed, runs: jo.runs };
    const jobs: PlannedJob[] = [{ spec, models: opens.map((o) => o.model) }];
    const units = unitCount(spec);
    const chunks = Math.ceil(units / chunkUnits);
    const id = randomUUID();
    const merger = spanMerger(jobs);
    const pending = new Map<number, Span>();
    let next = 0;
    const result = new Promise<JobTotal>((resolve, reject) => {
      fail = reject;
      const accept = (chunk: number, raw: unknown) => {
        if (chunk < next || pending.has(chunk)) return; // a chunk counts once
        let r: ChunkResult;
        let span: Span;
        try {
          r = (typeof raw === 'string' ? JSON.parse(raw) : raw) as ChunkResult;
          span = decodeSpan(jobs, r.span);
        } catch (e) {
          return reject(new QueueError(`chunk ${chunk} came back malformed (a worker of another parley version?): ${(e as Error).message}`));
        }
        if (span.from !== chunk * chunkUnits) return reject(new QueueError(`chunk ${chunk} came back with units ${span.from}–${span.to}`));
        workers.add(r.worker);
        pending.set(chunk, span);
        while (pending.has(next)) {
          merger.add(pending.get(next) as Span);
          pending.delete(next++);
          jo.onProgress?.(Math.min(units, next * chunkUnits), units);
          opts.onStatus?.({ done: next, chunks, workers: workers.size });
        }
        if (next === chunks) resolve(merger.totals()[0]);
      };
      const ours = (jobId: string) => (jobId.startsWith(`${id}-`) ? Number(jobId.slice(id.length + 1)) : -1);
      events.on('completed', ({ jobId, returnvalue }) => {
        const c = ours(jobId);
        if (c >= 0) accept(c, returnvalue);
      });
      events.on('failed', ({ jobId, failedReason }) => {
        const c = ours(jobId);
        if (c >= 0) reject(new QueueError(`chunk ${c} of ${chunks} failed on a worker: ${failedReason}`));
      });
    });
    const description: JobDescription = { parley: VERSION, spec, scenarios: opens.map((o) => ({ file: o.loaded.source.file, text: o.loaded.source.text, sets: o.loaded.sets })) };
    await conn.set(jobKey(id), JSON.stringify(description), 'EX', JOB_TTL_SECONDS);
    const lifetime = lockMs();
    const beat = () => conn.set(aliveKey(id), '1', 'PX', lifetime).catch(() => undefined);
    await beat();
    const heart = setInterval(beat, Math.floor(lifetime / 3));
    const data = (c: number): ChunkData => ({ job: id, chunk: c, from: c * chunkUnits, to: Math.min(units, (c + 1) * chunkUnits) });
    // Errors are not retried (a chunk computes the same on any worker); stalls are (maxStalledCount, on the workers).
    await queue.addBulk(Array.from({ length: chunks }, (_, c) => ({ name: 'chunk', data: data(c), opts: { jobId: chunkId(id, c), attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } } })));
    opts.onStatus?.({ done: 0, chunks, workers: workers.size });
    try {
      return await result;
    } finally {
      clearInterval(heart);
      events.removeAllListeners('completed');
      events.removeAllListeners('failed');
      fail = undefined;
      if (conn.status === 'ready') await conn.del(jobKey(id), aliveKey(id));
    }
  };
  let queueTail: Promise<unknown> = Promise.resolve();
  const queued = <T>(f: () => Promise<T>): Promise<T> => {
    const r = queueTail.then(f);
    queueTail = r.catch(() => undefined);
    return r;
  };
  return {
    threads: 1,
    get started() {
      return workers.size;
    },
    simulate: (open, jo) => queued(async () => ((await run('simulate', [open], jo)) as Aggregate[])[0]),
    simulateEach: (opens, jo) => queued(async () => (await run('simulate', opens, jo)) as Aggregate[]),
    compare: (opens, jo) => queued(async () => (await run('compare', opens, jo)) as CompareResult),
    close: async () => {
      closing = true;
      await Promise.allSettled([events.close(), queue.close()]);
      conn.disconnect();
      eventsConn.disconnect();
    },
  };
}
