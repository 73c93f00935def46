import type { Logger } from 'pino';
import { createEventFreezer } from './frozen';
import type { Bus, BusEvent } from './types';

export interface MemoryBusOptions {
  /** Receives errors thrown by handlers (which never reach the publisher). Default: silent. */
  logger?: Logger;
}

/** Handlers as the transport keeps them: the channel's event type was checked at subscribe. */
type Handler = (event: BusEvent) => void;

/**
 * Calls each handler with `event`; one handler throwing (or rejecting) does not stop the others
 * or reach the publisher. Shared by the in-process and Redis buses.
 */
export function deliver(handlers: Iterable<Handler>, channel: string, event: BusEvent, logger?: Logger): void {
  for (const handler of handlers) {
    try {
      const r = handler(event) as unknown;
      if (r instanceof Promise) r.catch((err: unknown) => logger?.error({ err, channel }, 'bus handler rejected'));
    } catch (err) {
      logger?.error({ err, channel }, 'bus handler threw');
    }
  }
}

/**
 * In-process bus for the single-node default. Delivery happens before `publish` resolves, to the
 * handlers subscribed when it was called. Handlers get the same JSON data the Redis bus would
 * deliver, deep-frozen (see frozen.ts): plain JSON events are frozen in place instead of copied,
 * others go through a JSON round trip, so code that works here works across nodes (no Dates or
 * undefined, and no handler can change what another sees). Do not change an event after
 * publishing it.
 * @example const bus = createMemoryBus({ logger });
 */
export function createMemoryBus(options: MemoryBusOptions = {}): Bus {
  const subscribers = new Map<string, Set<Handler>>();
  const freeze = createEventFreezer();
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error('bus is closed');
  };

  return {
    async publish(channel, event) {
      ensureOpen();
      const set = subscribers.get(channel);
      if (!set || set.size === 0) return;
      // A snapshot: handlers that (un)subscribe while being called do not change this delivery.
      deliver([...set], channel, freeze(event), options.logger);
    },

    async subscribe(channel, handler) {
      ensureOpen();
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry: Handler = (event) => handler(event as Parameters<typeof handler>[0]);
      let set = subscribers.get(channel);
      if (!set) subscribers.set(channel, (set = new Set()));
      set.add(entry);
      return async () => {
        const current = subscribers.get(channel);
        if (!current) return;
        current.delete(entry);
        if (current.size === 0) subscribers.delete(channel);
      };
    },

    async close() {
      closed = true;
      subscribers.clear();
    },
  };
}
