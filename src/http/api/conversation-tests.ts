/**
 * The console's conversation tests (docs/conversation-tests.md): `POST /api/conversation-tests/run`
 * starts a run of the server's folder in the background (202), `GET /api/conversation-tests/run`
 * shows the running or last one with the results so far. Operators and admins only.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { ConversationTestRuns } from '../../conversation-tests/runs';
import { RunAnswer, RunStarted } from '../../protocol/api/conversation-tests';
import { errorResponses } from '../../protocol/api/errors';
import { readSecurity, writeSecurity } from './openapi-security';

export interface ConversationTestRoutesOptions {
  runs: Pick<ConversationTestRuns, 'start' | 'latest'>;
  /** Who may run and read them. @example { guard: requireAgent('operator') } */
  guard: preHandlerAsyncHookHandler;
}

export const conversationTestRoutes: FastifyPluginAsync<ConversationTestRoutesOptions> = async (fastify, { runs, guard }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['conversation tests'];
  // A run already going throws RunInProgressError: the root error handler answers TESTS_IN_PROGRESS.
  app.post(
    '/api/conversation-tests/run',
    { preValidation: guard, schema: { tags, summary: 'Start a run of conversations/*.yml', security: writeSecurity, response: { 202: RunStarted, ...errorResponses } } },
    async (_req, reply) => reply.code(202).send({ run: runs.start() }),
  );
  // `run: null` before the first run on this server: the console shows "not run yet".
  app.get(
    '/api/conversation-tests/run',
    { preValidation: guard, schema: { tags, summary: 'The running or last run, with results so far', security: readSecurity, response: { 200: RunAnswer, ...errorResponses } } },
    async () => ({ run: runs.latest() ?? null }),
  );
};
