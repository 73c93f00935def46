import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus } from '../../bus/types';
import type { ConversationService } from '../../conversation/service';
import type { Storage } from '../../storage/types';
import { errorFrame } from '../errors';
import { openCustomerConnection } from './customer-connection';

export interface CustomerSocketOptions {
  service: ConversationService;
  storage: Pick<Storage, 'messagesAfter' | 'getConversation'> & { cases: Pick<Storage['cases'], 'listCustomerCases'> };
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
  app.get('/ws/chat', { websocket: true }, (socket: WebSocket, req) => {
    const origin = req.headers.origin;
    if (opts.allowedOrigins.length > 0 && origin && !opts.allowedOrigins.includes(origin)) {
      socket.send(JSON.stringify(errorFrame('ORIGIN_NOT_ALLOWED')));
      socket.close(1008, 'origin not allowed');
      return;
    }
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
    });
  });
};
