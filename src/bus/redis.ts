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
  /**
   * Longest wait for Redis to take a command once running (a publish, a SUBSCRIBE's
   * confirmation). Default 1000. A publish never waits for it: see `publish`.
   * @example { commandTimeoutMs: 500 }
   */
  commandTimeoutMs?: number;
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
 *
 * An outage never stalls a caller: `publish` hands the event to the connection and returns at once
 * (a publish while disconnected fails at once and is logged, never queued for a retry 30 s
 * later); `subscribe` waits for Redis's confirmation at most `commandTimeoutMs`, then returns and
 * the subscription is made when Redis is back. `health()` says whether both connections are up.
 * @example const bus = await createRedisBus({ url: config.redisUrl, logger });
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const { logger } = options;
  const prefix = options.prefix ?? '';
  let connected = false;
  const commandTimeout = options.commandTimeoutMs ?? 1000;
  const common = {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // Fail the start at once when Redis is not there; once running, reconnect with backoff for ever.
    retryStrategy: (times: number): number | null => (connected ? Math.min(times * 200, 2000) : null),
  };
  const name = options.name ?? 'chat-bus';
  // Fail fast: no offline queue and one try per command, so a publish during an outage is an
  // immediate, logged loss instead of a promise that hangs on ioredis's retries.
  const pub = new Redis(options.url, { ...common, connectionName: `${name}:pub`, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout });
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
    publish(channel, event) {
      if (closed) return Promise.reject(new Error('bus is closed'));
      // Issued now, in call order on one connection (so in order), but not awaited: the caller's
      // work (an ack, the next turn) never waits for Redis. Subscribers recover losses by seq.
      pub.publish(prefix + channel, JSON.stringify(event)).catch((err: unknown) => {
        logger?.warn({ err, channel }, 'redis bus: event not published (clients catch up from storage)');
      });
      return Promise.resolve();
    },

    health() {
      return pub.status === 'ready' && sub.status === 'ready' ? 'ok' : 'down';
    },

    async subscribe(channel, handler) {
      ensureOpen();
      const key = prefix + channel;
      // Events arrive as JSON from any node; publish() only accepts the channel's own events.
      const fn: Handler = (event) => handler(event as Parameters<typeof handler>[0]);
      let entry = channels.get(key);
      if (!entry) {
        // Commands on one connection run in order, so SUBSCRIBE/UNSUBSCRIBE issued in the same
        // order as these map changes leave Redis agreeing with the map.
        entry = { handlers: new Set(), ready: sub.subscribe(key) };
        channels.set(key, entry);
      }
      entry.handlers.add(fn);
      try {
        // During an outage the SUBSCRIBE waits in the offline queue and runs on reconnect; the
        // caller (a socket opening) goes on without live events until then.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), commandTimeout)));
        const outcome = await Promise.race([entry.ready, late]).finally(() => clearTimeout(timer));
        if (outcome === 'late') logger?.warn({ channel }, 'redis bus: subscription not confirmed yet; it is made when Redis answers');
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
