import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler, preHandlerHookHandler } from 'fastify';
import type { AccountService } from '../../accounts/service';
import { AccountAnswer, AccountList, AccountPatchBody, AccountWithPassword, NewAccountBody } from '../../protocol/api/accounts';
import { errorResponses, NoContent } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { httpError } from '../errors';
import { readSecurity, writeSecurity } from './openapi-security';
import { refuseUntilAuthWired } from './staff-guard';

export interface AccountRoutesOptions {
  accounts: AccountService;
  /** Admits admins only (`requireAgent('admin')`). Default: refuses everything with 401. */
  guard?: preHandlerHookHandler | preHandlerAsyncHookHandler;
}

const read = { tags: ['accounts'], security: readSecurity };
const write = { tags: ['accounts'], security: writeSecurity };

/**
 * Staff accounts, for admins (docs/agent-protocol.md): `GET /api/accounts`, `POST /api/accounts
 * {email,name,role,capacity?}` (answers a one-time password), `PATCH /api/accounts/:id
 * {role?|disabled?}`, `POST /api/accounts/:id/reset-password`, `DELETE /api/accounts/:id`.
 * Disabling, removing, a new role or a reset ends the account's sessions and sockets at once.
 * The service's refusals (AccountError) are answered by the root error handler with their code.
 */
export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (fastify, opts) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = opts;
  // Before validation: a caller without the right learns nothing from a 400.
  app.addHook('preValidation', opts.guard ?? refuseUntilAuthWired);

  app.get('/api/accounts', { schema: { ...read, summary: 'List staff accounts', response: { 200: AccountList, ...errorResponses } } }, async () => ({
    accounts: await accounts.list(),
  }));

  app.post(
    '/api/accounts',
    { schema: { ...write, summary: 'Create an account (answers a one-time password)', body: NewAccountBody, response: { 201: AccountWithPassword, ...errorResponses } } },
    async (req, reply) => {
      const { email, name, role, capacity = 3 } = req.body;
      const created = await accounts.create({ email: email.trim(), name: name.trim(), role, capacity });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/accounts/:id',
    { schema: { ...write, summary: 'Change the role, or disable / enable', params: IdParams, body: AccountPatchBody, response: { 200: AccountAnswer, ...errorResponses } } },
    async (req) => {
      const body = req.body;
      const actor = req.agentSession?.agent.id;
      if (body.role !== undefined) return { account: await accounts.setRole(req.params.id, body.role, actor) };
      if (body.disabled === undefined) throw httpError('VALIDATION', 'send exactly one of role or disabled');
      return { account: await (body.disabled ? accounts.disable(req.params.id, actor) : accounts.enable(req.params.id)) };
    },
  );

  app.post(
    '/api/accounts/:id/reset-password',
    { schema: { ...write, summary: 'Reset the password (answers a new one-time password)', params: IdParams, response: { 200: AccountWithPassword, ...errorResponses } } },
    async (req) => accounts.resetPassword(req.params.id),
  );

  app.delete('/api/accounts/:id', { schema: { ...write, summary: 'Remove an account', params: IdParams, response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    await accounts.remove(req.params.id, req.agentSession?.agent.id);
    return reply.code(204).send(null);
  });
};
