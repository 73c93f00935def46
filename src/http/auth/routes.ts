import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Bus } from '../../bus/types';
import { handoffChannels } from '../../handoff/channels';
import type { SessionInfo } from '../../protocol/agent';
import { sessionCookie } from './cookies';
import { createLoginLimiter } from './login-limit';
import { requireAgent, sendError } from './plugin';
import type { ActiveSession, SessionAuth } from './sessions';
import { SESSION_TTL_MS } from './sessions';

export interface AuthRoutesOptions {
  auth: SessionAuth;
  bus: Bus;
  /** Login attempts per IP per minute. Default 10. */
  loginAttemptsPerMinute?: number;
}

function info({ agent, session }: ActiveSession): SessionInfo {
  return { agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role }, csrfToken: session.csrfToken };
}

const isHttps = (req: FastifyRequest) => req.protocol === 'https';

/** POST /api/auth/login, GET /api/auth/me, POST /api/auth/logout (docs/agent-protocol.md). */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, opts) => {
  const limiter = createLoginLimiter({ attempts: opts.loginAttemptsPerMinute ?? 10 });

  app.post<{ Body: { email?: unknown; password?: unknown } }>('/api/auth/login', async (req, reply) => {
    if (!limiter.take(req.ip)) {
      reply.header('retry-after', String(limiter.retryAfterSeconds(req.ip)));
      return sendError(reply, 'LOGIN_RATE_LIMITED');
    }
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== 'string' || typeof password !== 'string' || email.length > 320 || password.length > 1024) {
      return sendError(reply, 'VALIDATION', 'email and password are required strings');
    }
    const result = await opts.auth.login(email, password);
    if (!result) {
      req.log.info({ ip: req.ip }, 'agent login failed');
      return sendError(reply, 'LOGIN_FAILED');
    }
    req.log.info({ agentId: result.agent.id }, 'agent logged in');
    reply.header('set-cookie', sessionCookie(result.token, { secure: isHttps(req), maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000) }));
    return info(result);
  });

  app.get('/api/auth/me', { preHandler: requireAgent() }, async (req) => info(req.agentSession!));

  app.post('/api/auth/logout', { preHandler: requireAgent() }, async (req, reply) => {
    const { agent, session } = req.agentSession!;
    await opts.auth.logout(session.id);
    // Every node closes this session's sockets.
    await opts.bus.publish(handoffChannels.agent(agent.id), { type: 'logout', sessionId: session.id });
    reply.header('set-cookie', sessionCookie('', { secure: isHttps(req), maxAgeSeconds: 0 }));
    return reply.code(204).send();
  });
};
