/**
 * The console's conversation tests (docs/conversation-tests.md): `POST /api/conversation-tests/run`
 * starts a run of the server's folder in the background (202), `GET /api/conversation-tests/run`
 * shows the running or last one with the results so far. Operators and admins only.
 */
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { RunInProgressError, type ConversationTestRuns } from '../../conversation-tests/runs';
import { sendError } from '../auth/plugin';

export interface ConversationTestRoutesOptions {
  runs: Pick<ConversationTestRuns, 'start' | 'latest'>;
  /** Who may run and read them. @example { guard: requireAgent('operator') } */
  guard: preHandlerAsyncHookHandler;
}

export const conversationTestRoutes: FastifyPluginAsync<ConversationTestRoutesOptions> = async (app, { runs, guard }) => {
  app.post('/api/conversation-tests/run', { preValidation: guard }, async (_req, reply) => {
    try {
      return reply.code(202).send({ run: runs.start() });
    } catch (err) {
      if (err instanceof RunInProgressError) return sendError(reply, 'TESTS_IN_PROGRESS');
      throw err;
    }
  });
  // `run: null` before the first run on this server: the console shows "not run yet".
  app.get('/api/conversation-tests/run', { preValidation: guard }, async () => ({ run: runs.latest() ?? null }));
};
