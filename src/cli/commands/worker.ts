import type { Command } from 'commander';
import { InputError } from '../../api.js';
import { checkRedisUrl } from '../../distributed/protocol.js';

/** `parley worker --redis URL`: computes queued chunks until SIGINT or SIGTERM (the chunk in hand is finished first). */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('pull chunks of queued jobs (`run ... --queue redis://...`) from Redis and return their partial results, until stopped (SIGINT/SIGTERM)')
    .requiredOption('--redis <url>', 'the Redis to pull from, e.g. redis://queue-host:6379')
    .action(async (o: { redis: string }) => {
      const bad = checkRedisUrl(o.redis);
      if (bad) throw new InputError(`--redis: ${bad}`);
      let id = `${process.pid}`;
      const log = (line: string) => void process.stderr.write(`parley worker ${id}: ${line}\n`);
      const stop = new Promise<void>((resolve) => {
        for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve());
      });
      // BullMQ and ioredis take a quarter of a second to load: only this command and `run --queue` need them.
      const { startQueueWorker } = await import('../../distributed/queueWorker.js');
      const w = await startQueueWorker(o.redis, { log });
      id = w.id;
      log(`waiting for chunks at ${o.redis.replace(/\/\/[^@/]*@/, '//***@')}`);
      await stop;
      log('stopping after the chunk in hand');
      await w.close();
    });
}
