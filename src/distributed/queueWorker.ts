import { Worker, type Job } from 'bullmq';
import { hostname } from 'node:os';
import { openText } from '../model/open.js';
import type { PlannedJob, Span } from '../montecarlo/span.js';
import { computeSpan, joinSpans } from '../montecarlo/span.js';
import { encodeSpan } from '../montecarlo/spanCodec.js';
import { VERSION } from '../version.js';
import { connectOrExplain, redisConnection } from './connection.js';
import { aliveKey, jobKey, lockMs, QUEUE_NAME, type ChunkData, type ChunkResult, type JobDescription } from './protocol.js';

/** A running queue worker: `close` lets the chunk in hand finish, then disconnects. */
export interface QueueWorker {
  readonly id: string;
  close(): Promise<void>;
}

/** The jobs it keeps compiled (the last few: a sweep queues one job per point). */
const CACHED = 4;

/**
 * Pulls chunks from the queue at `url` and computes them (`parley worker`). Each chunk's job is
 * read from Redis and compiled once; the chunk's units are computed one by one, yielding between
 * them, so the worker's lock on the chunk is renewed while it works. The connection reconnects
 * for ever: a worker outlives a Redis restart. `log` gets a line per chunk started.
 * @throws QueueError when Redis cannot be reached at start.
 */
export async function startQueueWorker(url: string, opts: { log?: (line: string) => void } = {}): Promise<QueueWorker> {
  const id = `${hostname()}:${process.pid}`;
  const conn = redisConnection(url, { retry: true });
  await connectOrExplain(conn, url);
  const compiled = new Map<string, PlannedJob[]>();
  const jobsOf = async (job: string): Promise<PlannedJob[]> => {
    const known = compiled.get(job);
    if (known) return known;
    const text = await conn.get(jobKey(job));
    if (text === null) throw new Error(`job ${job} is gone from Redis (finished, abandoned or expired)`);
    const d = JSON.parse(text) as JobDescription;
    if (d.parley !== VERSION) throw new Error(`job ${job} is from parley ${d.parley}; this worker is parley ${VERSION}`);
    const models = d.scenarios.map((s) => {
      const o = openText(s.file, s.text, s.sets);
      if (!o.ok) throw new Error(`cannot open ${s.file}: ${o.problems.map((p) => p.message).join('; ')}`);
      return o.value.model;
    });
    if (compiled.size >= CACHED) compiled.delete(compiled.keys().next().value as string);
    const planned = [{ spec: d.spec, models }];
    compiled.set(job, planned);
    return planned;
  };
  const work = async (job: Job<ChunkData>): Promise<ChunkResult> => {
    const { job: jid, chunk, from, to } = job.data;
    if ((await conn.exists(aliveKey(jid))) === 0) throw new Error(`job ${jid.slice(0, 8)} was abandoned (its \`parley run --queue\` is gone)`);
    opts.log?.(`chunk ${chunk} of job ${jid.slice(0, 8)} (units ${from}-${to - 1})`);
    const jobs = await jobsOf(jid);
    let span: Span = computeSpan(jobs, from, from + 1);
    for (let u = from + 1; u < to; u++) {
      await new Promise((r) => setImmediate(r));
      span = joinSpans(jobs, span, computeSpan(jobs, u, u + 1));
    }
    return { worker: id, span: encodeSpan(span) };
  };
  const lock = lockMs();
  const worker = new Worker<ChunkData, ChunkResult>(QUEUE_NAME, work, {
    connection: conn,
    concurrency: 1,
    lockDuration: lock,
    stalledInterval: Math.max(250, Math.floor(lock / 2)),
    maxStalledCount: 5,
  });
  worker.on('error', (e) => opts.log?.(`warning: ${e.message}`));
  worker.on('failed', (job, e) => opts.log?.(`chunk ${job?.data.chunk} of job ${job?.data.job.slice(0, 8)} not computed: ${e.message}`));
  await worker.waitUntilReady();
  return {
    id,
    close: async () => {
      await worker.close();
      conn.disconnect();
    },
  };
}
