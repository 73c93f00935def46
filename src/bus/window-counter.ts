/**
 * Counts of events per key in fixed time windows, shared by every node of a deployment when
 * Redis is configured (the per-client-address limits use it, so a host behind a load balancer
 * gets the same allowance however many nodes it reaches). In-process otherwise.
 */
import Redis from 'ioredis';
import type { Logger } from 'pino';

export interface WindowCounter {
  /**
   * Counts one event for `key` in the current window of `windowMs` and returns the count so far
   * in that window, this one included. Rejects when the shared store cannot answer (the caller
   * decides on its own then); never waits longer than the store's command timeout.
   * @example if ((await counter.hit(`conv:${ip}`, 60_000)) > 30) refuse();
   */
  hit(key: string, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

/** This process only (one node): a map of current windows, dropped as they pass. */
export function createMemoryWindowCounter(clock: () => number = Date.now): WindowCounter {
  const counts = new Map<string, number>();
  let sweptAt = 0;
  return {
    async hit(key, windowMs) {
      const now = clock();
      const window = Math.floor(now / windowMs);
      const k = `${key}:${windowMs}:${window}`;
      const n = (counts.get(k) ?? 0) + 1;
      counts.set(k, n);
      // Windows end; forget them at most once a second so the map stays the size of one window.
      if (now - sweptAt > 1000) {
        sweptAt = now;
        for (const old of counts.keys()) {
          const [, ms, w] = /:(\d+):(\d+)$/.exec(old) ?? [];
          if (Number(w) < Math.floor(now / Number(ms))) counts.delete(old);
        }
      }
      return n;
    },
    async close() {
      counts.clear();
    },
  };
}

export interface RedisWindowCounterOptions {
  /** Redis URL. @example { url: 'redis://redis:6379' } */
  url: string;
  /** Prepended to every key (REDIS_PREFIX). Default `''`. */
  prefix?: string;
  logger?: Logger;
  /** A count that takes longer than this fails (and the caller decides alone). Default 200 ms. */
  commandTimeoutMs?: number;
}

/**
 * One INCR and PEXPIRE per event on a key per window (`<prefix>limit:<key>:<window>`), on a
 * connection of its own that fails fast: no offline queue, no retries, so an outage costs a
 * rejected promise, never a stalled socket.
 */
export async function createRedisWindowCounter(options: RedisWindowCounterOptions): Promise<WindowCounter> {
  const prefix = options.prefix ?? '';
  let connected = false;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectionName: 'chat-limits',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 200,
    retryStrategy: (times: number): number | null => (connected ? Math.min(times * 200, 2000) : null),
  });
  redis.on('error', (err) => options.logger?.warn({ err }, 'redis limit counter connection error'));
  await redis.connect();
  connected = true;
  return {
    async hit(key, windowMs) {
      const window = Math.floor(Date.now() / windowMs);
      const k = `${prefix}limit:${key}:${windowMs}:${window}`;
      const result = await redis.multi().incr(k).pexpire(k, windowMs * 2).exec();
      const n = result?.[0]?.[1];
      if (typeof n !== 'number') throw new Error('redis limit counter: no count returned');
      return n;
    },
    async close() {
      connected = false;
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
