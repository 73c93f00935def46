import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus } from '../../bus/types';
import type { ConversationService } from '../../conversation/service';
import type { Storage } from '../../storage/types';
import { errorFrame, httpError } from '../errors';
import type { WindowCounter } from '../../bus/window-counter';
import { createClientLimits } from './client-limits';
import { openCustomerConnection } from './customer-connection';
import { createFairScheduler } from './fair-scheduler';

export interface CustomerSocketOptions {
  service: ConversationService;
  storage: Pick<Storage, 'messagesAfter' | 'getConversation' | 'getConversationByTokenHash'> & { cases: Pick<Storage['cases'], 'listCustomerCases'> };
  bus: Bus;
  allowedOrigins: string[];
  maxMessageChars: number;
  /** Frames allowed per 10 s window per socket. */
  rateLimitFrames: number;
  /** Public base URL for article links; derived from the request when empty. */
  publicUrl: string;
  /** How long a socket may stay silent before saying hello (ms). Default 10000. */
  helloTimeoutMs?: number;
  /** IDENTITY_SECRET for verified customers (docs/identity.md); unset refuses identities. */
  identitySecret?: string;
  /** Ping period (ms); an unanswered ping drops the socket. Default 0 (none); the app passes HEARTBEAT_MS. */
  heartbeatMs?: number;
  /**
   * Per client address (see TRUST_PROXY): open sockets, new conversations and hand-offs to a
   * person a minute (0: no limit), and customer turns processed at once, taken round-robin
   * between addresses. Default: no per-address limits, 8 turns.
   * `turnsInFlightPerClient` caps one address's share of those turns (default 2).
   * @example { maxSockets: 50, newConversationsPerMinute: 30, escalationsPerMinute: 6, turnsInFlight: 8, turnsInFlightPerClient: 2 }
   */
  /** Per-minute counts shared by every node (Redis), so the limits hold for the deployment. Default: this node's own. */
  sharedLimits?: WindowCounter;
  clientLimits?: { maxSockets: number; newConversationsPerMinute: number; connectionsPerMinute?: number; escalationsPerMinute?: number; turnsInFlight: number; turnsInFlightPerClient?: number };
}

function baseUrlOf(req: FastifyRequest, publicUrl: string): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${req.host}`;
}

/**
 * GET /ws/chat — the customer socket (docs/protocol.md). Refuses pages from origins not allowed,
 * then hands the socket to its connection (customer-connection.ts).
 */
export const customerSocket: FastifyPluginAsync<CustomerSocketOptions> = async (app: FastifyInstance, opts) => {
  const limitsOf = opts.clientLimits ?? { maxSockets: 0, newConversationsPerMinute: 0, turnsInFlight: 8 };
  const limits = createClientLimits({
    maxSockets: limitsOf.maxSockets || Number.POSITIVE_INFINITY,
    newConversationsPerMinute: limitsOf.newConversationsPerMinute || Number.POSITIVE_INFINITY,
    connectionsPerMinute: limitsOf.connectionsPerMinute || Number.POSITIVE_INFINITY,
    escalationsPerMinute: limitsOf.escalationsPerMinute || Number.POSITIVE_INFINITY,
    ...(opts.sharedLimits ? { shared: opts.sharedLimits } : {}),
    logger: app.log,
  });
  // Refused before the upgrade (429, no socket, nothing read): too many attempts or sockets from the address.
  const admitUpgrade = async (req: FastifyRequest) => {
    if (limits.socketsOf(req.ip) >= (limitsOf.maxSockets || Number.POSITIVE_INFINITY) || !(await limits.takeConnection(req.ip))) throw httpError('TOO_MANY_CONNECTIONS');
  };
  const turns = createFairScheduler({ maxInFlight: limitsOf.turnsInFlight, ...(limitsOf.turnsInFlightPerClient ? { maxInFlightPerKey: limitsOf.turnsInFlightPerClient } : {}) });
  app.get('/ws/chat', { websocket: true, preValidation: admitUpgrade }, (socket: WebSocket, req) => {
    const origin = req.headers.origin;
    if (opts.allowedOrigins.length > 0 && origin && !opts.allowedOrigins.includes(origin)) {
      socket.send(JSON.stringify(errorFrame('ORIGIN_NOT_ALLOWED')));
      socket.close(1008, 'origin not allowed');
      return;
    }
    const release = limits.openSocket(req.ip);
    if (!release) {
      socket.send(JSON.stringify(errorFrame('TOO_MANY_CONNECTIONS')));
      socket.close(1008, 'too many connections from this address');
      return;
    }
    socket.once('close', release);
    openCustomerConnection(socket, req.log.child({ socket: 'customer' }), {
      service: opts.service,
      storage: opts.storage,
      bus: opts.bus,
      maxMessageChars: opts.maxMessageChars,
      rateLimitFrames: opts.rateLimitFrames,
      helloTimeoutMs: opts.helloTimeoutMs ?? 10_000,
      baseUrl: baseUrlOf(req, opts.publicUrl),
      ...(opts.identitySecret ? { identitySecret: opts.identitySecret } : {}),
      heartbeatMs: opts.heartbeatMs ?? 0,
      clientAddress: req.ip,
      mayStartConversation: () => limits.takeNewConversation(req.ip),
      mayEscalate: () => limits.takeEscalation(req.ip),
      turns,
    });
  });
};
