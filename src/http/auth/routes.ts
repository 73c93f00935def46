import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Bus } from '../../bus/types';
import { handoffChannels } from '../../handoff/channels';
import type { SessionInfo } from '../../protocol/agent';
import { LoginBody, SessionInfo as SessionInfoSchema } from '../../protocol/api/auth';
import { errorResponses, NoContent } from '../../protocol/api/errors';
import { readSecurity, writeSecurity } from '../api/openapi-security';
import { sessionCookie } from './cookies';
import { createLoginLimiter } from './login-limit';
import { httpError } from '../errors';
import { requireAgent } from './plugin';
import type { ActiveSession, SessionAuth } from './sessions';
import { SESSION_TTL_MS } from './sessions';

export interface AuthRoutesOptions {
  auth: SessionAuth;
  bus: Bus;
  /** Login attempts per client address per minute. Default 10. */
  loginAttemptsPerMinute?: number;
  /** Failed logins an account may have per `accountLockWindowMs` before it is locked out. Default 10. */
  accountFailures?: number;
  /** Window of `accountFailures` (the lock lifts gradually over it). Default 15 minutes. */
  accountLockWindowMs?: number;
  /** Whether the session cookie is Secure: from config (PUBLIC_URL is https), never from a request header. */
  secureCookies: boolean;
}

function info({ agent, session }: ActiveSession): SessionInfo {
  return { agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role }, csrfToken: session.csrfToken };
}

/** The security audit trail: log lines with `audit: true` and an `event` name (README "Audit log"). */
function audit(req: FastifyRequest, event: string, fields: Record<string, unknown>): void {
  req.log.warn({ audit: true, event, ip: req.ip, ...fields }, `audit: ${event}`);
}

/** POST /api/auth/login, GET /api/auth/me, POST /api/auth/logout (docs/agent-protocol.md). */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (fastify, opts) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];
  // req.ip is the real peer: fastify believes X-Forwarded-For only from TRUST_PROXY's proxies.
  const byPeer = createLoginLimiter({ attempts: opts.loginAttemptsPerMinute ?? 10 });
  const byAccount = createLoginLimiter({ attempts: opts.accountFailures ?? 10, windowMs: opts.accountLockWindowMs ?? 15 * 60_000 });
  const secure = opts.secureCookies;

  const loginSchema = {
    tags,
    summary: 'Log in: sets the session cookie, answers the CSRF token',
    security: [],
    body: LoginBody,
    response: { 200: SessionInfoSchema, ...errorResponses },
  };
  // The throttle runs first (preValidation), so malformed bodies count against it too.
  const throttle = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!byPeer.take(req.ip)) {
      audit(req, 'login_throttled', {});
      reply.header('retry-after', String(byPeer.retryAfterSeconds(req.ip)));
      throw httpError('LOGIN_RATE_LIMITED');
    }
  };
  app.post('/api/auth/login', { preValidation: throttle, schema: loginSchema }, async (req, reply) => {
    const { email, password } = req.body;
    // Unknown accounts are throttled the same way, so the answer says nothing about which exist.
    const account = email.trim().toLowerCase();
    if (!byAccount.allowed(account)) {
      audit(req, 'login_refused_account_locked', { account });
      reply.header('retry-after', String(byAccount.retryAfterSeconds(account)));
      throw httpError('LOGIN_RATE_LIMITED');
    }
    const result = await opts.auth.login(email, password);
    if (!result) {
      audit(req, 'login_failed', { account });
      if (byAccount.fail(account)) audit(req, 'account_locked', { account, retryAfterSeconds: byAccount.retryAfterSeconds(account) });
      throw httpError('LOGIN_FAILED');
    }
    audit(req, 'login_succeeded', { account, agentId: result.agent.id });
    reply.header('set-cookie', sessionCookie(result.token, { secure, maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000) }));
    return info(result);
  });

  app.get('/api/auth/me', { preValidation: requireAgent(), schema: { tags, summary: 'The session’s agent and CSRF token', security: readSecurity, response: { 200: SessionInfoSchema, ...errorResponses } } }, async (req) =>
    info(req.agentSession!),
  );

  app.post('/api/auth/logout', { preValidation: requireAgent(), schema: { tags, summary: 'End the session', security: writeSecurity, response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    const { agent, session } = req.agentSession!;
    await opts.auth.logout(session.id);
    // Every node closes this session's sockets.
    await opts.bus.publish(handoffChannels.agent(agent.id), { type: 'logout', sessionId: session.id });
    reply.header('set-cookie', sessionCookie('', { secure, maxAgeSeconds: 0 }));
    return reply.code(204).send(null);
  });
};
