import type { Logger } from 'pino';
import type { WindowCounter } from '../../bus/window-counter';

/**
 * Limits per client address (the peer, or what TRUST_PROXY allows a proxy to say): open customer
 * sockets, and new conversations started per minute. One host can no longer open hundreds of
 * chats at once (or escalate each of them) while every socket stays under its own frame limit.
 */
export interface ClientLimitOptions {
  /**
   * Customer sockets one address may hold open at once. Default 20.
   * @example { maxSockets: 50 } // an office behind one NAT
   */
  maxSockets?: number;
  /**
   * New conversations one address may start per minute (a resumed one does not count). Default 10.
   * @example { newConversationsPerMinute: 30 }
   */
  newConversationsPerMinute?: number;
  /**
   * Connection attempts (socket upgrades) one address may make per minute. Default 120. A flood
   * of fresh sockets (each sending one huge frame) is refused before the upgrade, unread.
   * @example { connectionsPerMinute: 300 }
   */
  connectionsPerMinute?: number;
  /**
   * Hand-offs to a person one address may start per minute. Default 6. Past it, the hand-off is
   * recorded as one nobody could take (a case is still opened), so a host cannot fill the agents'
   * queue with fake urgent chats while each of its conversations stays under every other limit.
   * @example { escalationsPerMinute: 20 } // a shop's own staff testing from one office
   */
  escalationsPerMinute?: number;
  /**
   * Counts shared by every node (Redis, when configured): the per-minute limits then hold for the
   * deployment, not per node, so a host that a load balancer spreads over N nodes does not get N
   * times the allowance. This node's own buckets still apply first, and when the shared count
   * cannot be had (Redis down) they alone decide. Default: none (this node's buckets only).
   */
  shared?: WindowCounter;
  /** Receives a failed shared count. */
  logger?: Pick<Logger, 'warn'>;
  /** Milliseconds since the epoch. Default `Date.now`. */
  clock?: () => number;
}

/**
 * @example
 * const limits = createClientLimits({ maxSockets: 20 });
 * const release = limits.openSocket(req.ip); if (!release) refuse(); socket.on('close', release);
 */
export function createClientLimits(options: ClientLimitOptions = {}) {
  const { shared, logger } = options;
  const maxSockets = options.maxSockets ?? 20;
  const perMinute = options.newConversationsPerMinute ?? 10;
  const clock = options.clock ?? Date.now;
  const connectionsPerMinute = options.connectionsPerMinute ?? 120;
  const escalationsPerMinute = options.escalationsPerMinute ?? 6;
  const sockets = new Map<string, number>();

  /** A token bucket per address: `perMinute` a minute, as many in a burst. */
  function bucket(perMinute: number) {
    const buckets = new Map<string, { tokens: number; at: number }>();
    return (address: string): boolean => {
      const now = clock();
      const b = buckets.get(address) ?? { tokens: perMinute, at: now };
      b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
      b.at = now;
      buckets.set(address, b);
      if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.tokens >= perMinute) buckets.delete(k);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    };
  }
  const conversations = bucket(perMinute);
  const connections = bucket(connectionsPerMinute);
  const escalations = bucket(escalationsPerMinute);

  /** This node's bucket, then (if configured) the deployment's count for this minute. */
  async function take(kind: string, local: (address: string) => boolean, limit: number, address: string): Promise<boolean> {
    if (!local(address)) return false;
    if (!shared || !Number.isFinite(limit)) return true;
    try {
      return (await shared.hit(`${kind}:${address}`, 60_000)) <= limit;
    } catch (err) {
      logger?.warn({ err, kind }, 'shared limit count failed; this node decided alone');
      return true;
    }
  }

  return {
    /** Counts a socket for `address`; its release function, or undefined when the address is at its limit. */
    openSocket(address: string): (() => void) | undefined {
      const n = sockets.get(address) ?? 0;
      if (n >= maxSockets) return undefined;
      sockets.set(address, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (sockets.get(address) ?? 1) - 1;
        if (left <= 0) sockets.delete(address);
        else sockets.set(address, left);
      };
    },
    /** Takes one new conversation for `address`: true when allowed (refills `perMinute` a minute). */
    takeNewConversation(address: string): Promise<boolean> {
      return take('conversations', conversations, perMinute, address);
    },
    /** Takes one connection attempt for `address`: true when allowed (refills `connectionsPerMinute` a minute). */
    takeConnection(address: string): Promise<boolean> {
      return take('connections', connections, connectionsPerMinute, address);
    },
    /** Takes one hand-off to a person for `address`: true when allowed (refills `escalationsPerMinute` a minute). */
    takeEscalation(address: string): Promise<boolean> {
      return take('escalations', escalations, escalationsPerMinute, address);
    },
    /** Sockets open for `address` now. */
    socketsOf(address: string): number {
      return sockets.get(address) ?? 0;
    },
  };
}

export type ClientLimits = ReturnType<typeof createClientLimits>;
