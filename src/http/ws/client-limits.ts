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
  /** Milliseconds since the epoch. Default `Date.now`. */
  clock?: () => number;
}

/**
 * @example
 * const limits = createClientLimits({ maxSockets: 20 });
 * const release = limits.openSocket(req.ip); if (!release) refuse(); socket.on('close', release);
 */
export function createClientLimits(options: ClientLimitOptions = {}) {
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
    takeNewConversation(address: string): boolean {
      return conversations(address);
    },
    /** Takes one connection attempt for `address`: true when allowed (refills `connectionsPerMinute` a minute). */
    takeConnection(address: string): boolean {
      return connections(address);
    },
    /** Takes one hand-off to a person for `address`: true when allowed (refills `escalationsPerMinute` a minute). */
    takeEscalation(address: string): boolean {
      return escalations(address);
    },
    /** Sockets open for `address` now. */
    socketsOf(address: string): number {
      return sockets.get(address) ?? 0;
    },
  };
}

export type ClientLimits = ReturnType<typeof createClientLimits>;
