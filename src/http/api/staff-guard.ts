import type { preHandlerAsyncHookHandler } from 'fastify';

/**
 * Placeholder guard for staff-only routes (cases, feedback, erasure) until the auth part's
 * `requireAgent(role)` is passed in: refuses everything with 401, so nothing is open by accident.
 */
export const refuseUntilAuthWired: preHandlerAsyncHookHandler = async (_req, reply) => {
  await reply.code(401).send({ code: 'UNAUTHENTICATED', message: 'Please log in.', statusCode: 401 });
};
