import type { FastifyPluginAsync, preHandlerAsyncHookHandler, preHandlerHookHandler } from 'fastify';
import type { AccountService } from '../../accounts/service';
import type { AgentRole } from '../../storage/handoff';
import { httpError } from '../errors';
import { refuseUntilAuthWired } from './staff-guard';

export interface AccountRoutesOptions {
  accounts: AccountService;
  /** Admits admins only (`requireAgent('admin')`). Default: refuses everything with 401. */
  guard?: preHandlerHookHandler | preHandlerAsyncHookHandler;
}

const ROLES: readonly AgentRole[] = ['agent', 'operator', 'admin'];

/**
 * Staff accounts, for admins (docs/agent-protocol.md): `GET /api/accounts`, `POST /api/accounts
 * {email,name,role,capacity?}` (answers a one-time password), `PATCH /api/accounts/:id
 * {role?|disabled?}`, `POST /api/accounts/:id/reset-password`, `DELETE /api/accounts/:id`.
 * Disabling, removing, a new role or a reset ends the account's sessions and sockets at once.
 * The service's refusals (AccountError) are answered by the root error handler with their code.
 */
export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (app, opts) => {
  const { accounts } = opts;
  app.addHook('preHandler', opts.guard ?? refuseUntilAuthWired);

  app.get('/api/accounts', async () => ({ accounts: await accounts.list() }));

  app.post<{ Body: { email?: unknown; name?: unknown; role?: unknown; capacity?: unknown } }>('/api/accounts', async (req, reply) => {
    const body = req.body ?? {};
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw httpError('VALIDATION', 'email must be an email address');
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name || name.length > 80) throw httpError('VALIDATION', 'name is required (at most 80 characters)');
    if (!ROLES.includes(body.role as AgentRole)) throw httpError('VALIDATION', 'role must be agent, operator or admin');
    const capacity = body.capacity === undefined ? 3 : body.capacity;
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1 || capacity > 50) {
      throw httpError('VALIDATION', 'capacity must be an integer from 1 to 50');
    }
    const created = await accounts.create({ email, name, role: body.role as AgentRole, capacity });
    return reply.code(201).send(created);
  });

  app.patch<{ Params: { id: string }; Body: { role?: unknown; disabled?: unknown } }>('/api/accounts/:id', async (req) => {
    const body = req.body ?? {};
    const actor = req.agentSession?.agent.id;
    const keys = Object.keys(body);
    if (keys.length !== 1 || !['role', 'disabled'].includes(keys[0]!)) throw httpError('VALIDATION', 'send exactly one of role or disabled');
    if ('role' in body) {
      if (!ROLES.includes(body.role as AgentRole)) throw httpError('VALIDATION', 'role must be agent, operator or admin');
      return { account: await accounts.setRole(req.params.id, body.role as AgentRole, actor) };
    }
    if (typeof body.disabled !== 'boolean') throw httpError('VALIDATION', 'disabled must be true or false');
    const disabled = body.disabled;
    return { account: await (disabled ? accounts.disable(req.params.id, actor) : accounts.enable(req.params.id)) };
  });

  app.post<{ Params: { id: string } }>('/api/accounts/:id/reset-password', async (req) => accounts.resetPassword(req.params.id));

  app.delete<{ Params: { id: string } }>('/api/accounts/:id', async (req, reply) => {
    await accounts.remove(req.params.id, req.agentSession?.agent.id);
    return reply.code(204).send();
  });
};
