/**
 * Fan-out of conversation events to whoever is connected (customer sockets, agent sockets), on
 * this node or others. In-process by default; Redis pub/sub when several nodes run.
 * Delivery is best effort: clients recover anything missed from storage by `seq`.
 */
export interface Bus {
  /** Delivers `event` to every current subscriber of `channel`, on every node. */
  publish(channel: string, event: BusEvent): Promise<void>;
  /** Calls `handler` for each event on `channel` until the returned function is called. */
  subscribe(channel: string, handler: (event: BusEvent) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** `down` while the bus cannot deliver (Redis unreachable); absent or `ok` otherwise. For /health and /ready. */
  health?(): 'ok' | 'down';
}

/** Events are plain JSON so they can cross process boundaries. */
export type BusEvent = { type: string } & Record<string, unknown>;

/** Channel names in one place so publishers and subscribers agree. */
export const channels = {
  conversation: (id: string): string => `conversation:${id}`,
  queue: 'queue',
  models: 'models',
} as const;
