import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER } from '../../protocol/agent';
import type { AgentRole } from '../../storage/handoff';
import { httpError } from '../errors';
import { SESSION_COOKIE, readCookie } from './cookies';
import type { ActiveSession, SessionAuth } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in agent's session, resolved from the cookie by the auth hook. */
    agentSession?: ActiveSession;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Paths that open a session and so cannot carry a CSRF token yet. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthPluginOptions {
  auth: SessionAuth;
}

/**
 * Resolves the agent session from the cookie on every request that has one, and refuses
 * state-changing requests that carry the cookie without the session's CSRF token (403).
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, { auth }) => {
    app.decorateRequest('agentSession', undefined);
    app.addHook('onRequest', async (req) => {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (!token) return;
      req.agentSession = await auth.resolve(token);
      const path = req.url.split('?')[0]!;
      if (!STATE_CHANGING.has(req.method) || CSRF_EXEMPT.has(path) || !req.agentSession) return;
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, req.agentSession.session.csrfToken)) {
        throw httpError('CSRF_INVALID');
      }
    });
  },
  { name: 'agent-auth' },
);

const RANK: Record<AgentRole, number> = { agent: 0, operator: 1, admin: 2 };

/** A preHandler: 401 without a live session, 403 when the role is below `role`. */
export function requireAgent(role: AgentRole = 'agent'): preHandlerAsyncHookHandler {
  return async function (req: FastifyRequest) {
    if (!req.agentSession) throw httpError('UNAUTHENTICATED');
    if (RANK[req.agentSession.agent.role] < RANK[role]) throw httpError('FORBIDDEN');
  };
}
