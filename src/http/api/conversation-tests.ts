/**
 * The console's conversation tests (docs/conversation-tests.md): `POST /api/conversation-tests/run`
 * starts a run of the server's folder in the background (202), `GET /api/conversation-tests/run`
 * shows the running or last one with the results so far. Operators and admins only.
 */
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { ConversationTestRuns } from '../../conversation-tests/runs';

export interface ConversationTestRoutesOptions {
  runs: Pick<ConversationTestRuns, 'start' | 'latest'>;
  /** Who may run and read them. @example { guard: requireAgent('operator') } */
  guard: preHandlerAsyncHookHandler;
}

export const conversationTestRoutes: FastifyPluginAsync<ConversationTestRoutesOptions> = async (app, { runs, guard }) => {
  // A run already going throws RunInProgressError: the root error handler answers TESTS_IN_PROGRESS.
  app.post('/api/conversation-tests/run', { preValidation: guard }, async (_req, reply) => reply.code(202).send({ run: runs.start() }));
  // `run: null` before the first run on this server: the console shows "not run yet".
  app.get('/api/conversation-tests/run', { preValidation: guard }, async () => ({ run: runs.latest() ?? null }));
};
