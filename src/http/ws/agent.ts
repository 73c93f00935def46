import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus } from '../../bus/types';
import type { HandoffService } from '../../handoff/service';
import { SESSION_COOKIE, readCookie } from '../auth/cookies';
import { httpError } from '../errors';
import type { SessionAuth } from '../auth/sessions';
import { openAgentConnection } from './agent-connection';
import type { Storage } from '../../storage/types';

export { AGENT_CLOSE } from './agent-connection';

export interface AgentSocketOptions {
  handoff: HandoffService;
  auth: SessionAuth;
  bus: Bus;
  maxMessageChars: number;
  /** Public base URL; its origin is the one allowed to open the socket. Empty: the request's own. */
  publicUrl: string;
  /** Read back a chat's messages after a gap in the live ones. */
  storage: Pick<Storage, 'getConversation' | 'messagesAfter'>;
  /** Ping period (ms); an unanswered ping drops the socket. Default 0 (none); the app passes HEARTBEAT_MS. */
  heartbeatMs?: number;
}

/** Same-origin check for the upgrade: a page on another site must not use an agent's cookie. */
function originAllowed(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: cross-site hijacking needs one
  const own = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.host}`;
  return origin === own;
}

/**
 * GET /ws/agent — the agent socket (docs/agent-protocol.md). The origin and the session cookie
 * are checked at the upgrade; the socket is then an agent connection (agent-connection.ts).
 */
export const agentSocket: FastifyPluginAsync<AgentSocketOptions> = async (app, opts) => {
  const { handoff, auth, bus } = opts;

  async function gate(req: FastifyRequest) {
    if (!originAllowed(req, opts.publicUrl)) throw httpError('ORIGIN_NOT_ALLOWED');
    if (!req.agentSession) {
      const active = await auth.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
      if (!active) throw httpError('UNAUTHENTICATED');
      req.agentSession = active;
    }
  }

  app.get('/ws/agent', { websocket: true, preValidation: gate }, (socket: WebSocket, req) => {
    const active = req.agentSession!;
    openAgentConnection(socket, req.log.child({ socket: 'agent', agentId: active.agent.id }), {
      handoff,
      auth,
      bus,
      maxMessageChars: opts.maxMessageChars,
      active,
      token: readCookie(req.headers.cookie, SESSION_COOKIE),
      storage: opts.storage,
      heartbeatMs: opts.heartbeatMs ?? 0,
    });
  });
};
