import Redis from 'ioredis';
import type { Logger } from 'pino';
import { deliver } from './memory';
import type { Bus, BusEvent } from './types';

export interface RedisBusOptions {
  /**
   * Redis URL (`redis://` or `rediss://`).
   * @example { url: 'redis://redis:6379' }
   */
  url: string;
  /** Receives connection and handler errors. Default: silent. */
  logger?: Logger;
  /**
   * Prepended to every Redis channel name, so deployments sharing one Redis do not hear each
   * other. Default `''`. Every node of a deployment must use the same prefix.
   * @example { prefix: 'staging:' }
   */
  prefix?: string;
  /**
   * Connection name shown in Redis `CLIENT LIST`, suffixed `:pub` / `:sub`. Default `chat-bus`.
   * @example { name: `chat-bus:${os.hostname()}` }
   */
  name?: string;
  /** Give up the first connection after this many ms. Default 10000. */
  connectTimeoutMs?: number;
}

type Handler = (event: BusEvent) => void;

interface ChannelEntry {
  handlers: Set<Handler>;
  /** Settles when Redis confirmed the SUBSCRIBE for this channel. */
  ready: Promise<unknown>;
}

/** host:port of a Redis URL, never its password, for error messages. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '6379'}`;
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

/**
 * Bus over Redis pub/sub, for several nodes. Two connections: one publishes, one subscribes
 * (a subscribed Redis connection can do nothing else). A channel is subscribed in Redis while at
 * least one local handler wants it. Events travel as JSON; this node's own events come back
 * through Redis too, so every subscriber sees one order. Reconnects and resubscribes on its own
 * (ioredis); events published while a node is disconnected are lost, which the design allows:
 * clients catch up from storage by `seq`.
 * @example const bus = await createRedisBus({ url: config.redisUrl, logger });
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const { logger } = options;
  const prefix = options.prefix ?? '';
  let connected = false;
  const common = {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // Fail the start at once when Redis is not there; once running, reconnect with backoff for ever.
    retryStrategy: (times: number): number | null => (connected ? Math.min(times * 200, 2000) : null),
  };
  const name = options.name ?? 'chat-bus';
  const pub = new Redis(options.url, { ...common, connectionName: `${name}:pub` });
  const sub = new Redis(options.url, { ...common, connectionName: `${name}:sub` });
  // Without listeners ioredis reports connection errors as unhandled; it retries by itself.
  let lastError: Error | undefined; // connect() only says "Connection is closed"; this says why
  pub.on('error', (err) => {
    lastError = err;
    logger?.warn({ err }, 'redis bus publisher connection error');
  });
  sub.on('error', (err) => {
    lastError = err;
    logger?.warn({ err }, 'redis bus subscriber connection error');
  });

  try {
    await Promise.all([pub.connect(), sub.connect()]);
    connected = true;
  } catch (err) {
    // With no retry pending a failed connection is already at 'end'; disconnect() there would
    // leave a 2 s timer keeping the process alive.
    for (const conn of [pub, sub]) if (conn.status !== 'end') conn.disconnect();
    const cause = lastError ?? err;
    const msg = cause instanceof Error ? cause.message : String(cause);
    const e = new Error(`Redis at ${describe(options.url)} is unreachable: ${msg}`);
    (e as Error & { cause?: unknown }).cause = cause;
    throw e;
  }

  const channels = new Map<string, ChannelEntry>();

  sub.on('message', (redisChannel: string, payload: string) => {
    const entry = channels.get(redisChannel);
    if (!entry) return;
    let event: BusEvent;
    try {
      event = JSON.parse(payload) as BusEvent;
    } catch (err) {
      logger?.warn({ err, channel: redisChannel }, 'redis bus dropped a message that is not JSON');
      return;
    }
    deliver([...entry.handlers], redisChannel, event, logger);
  });

  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error('bus is closed');
  };

  return {
    async publish(channel, event) {
      ensureOpen();
      await pub.publish(prefix + channel, JSON.stringify(event));
    },

    async subscribe(channel, handler) {
      ensureOpen();
      const key = prefix + channel;
      const fn: Handler = (event) => handler(event);
      let entry = channels.get(key);
      if (!entry) {
        // Commands on one connection run in order, so SUBSCRIBE/UNSUBSCRIBE issued in the same
        // order as these map changes leave Redis agreeing with the map.
        entry = { handlers: new Set(), ready: sub.subscribe(key) };
        channels.set(key, entry);
      }
      entry.handlers.add(fn);
      try {
        await entry.ready;
      } catch (err) {
        entry.handlers.delete(fn);
        if (entry.handlers.size === 0 && channels.get(key) === entry) channels.delete(key);
        throw err;
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        const current = channels.get(key);
        if (!current || !current.handlers.delete(fn)) return;
        if (current.handlers.size === 0) {
          channels.delete(key);
          if (!closed) await sub.unsubscribe(key);
        }
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      channels.clear();
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}
