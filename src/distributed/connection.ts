import { Redis } from 'ioredis';
import { QueueError } from './protocol.js';

/**
 * A connection to Redis. The producer's do not reconnect (`retry: false`): a job whose queue
 * went away fails with a message rather than wait; a worker's reconnect for ever, so workers
 * outlive a Redis restart. BullMQ needs `maxRetriesPerRequest: null` on its connections.
 */
export function redisConnection(url: string, opts: { retry: boolean }): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    retryStrategy: opts.retry ? (times) => Math.min(200 * times, 5_000) : () => null,
  });
}

/** Connects, or throws a QueueError saying Redis cannot be reached at `url`. */
export async function connectOrExplain(conn: Redis, url: string): Promise<void> {
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  const failed = (e: unknown) => new QueueError(`cannot reach Redis at ${shown}: ${(e as Error).message || String(e)}`);
  conn.on('error', () => undefined);
  try {
    await conn.connect();
    await conn.ping();
  } catch (e) {
    conn.disconnect();
    throw failed(e);
  }
}
