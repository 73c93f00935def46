import type { preHandlerAsyncHookHandler } from 'fastify';
import { httpError } from '../errors';

/**
 * Placeholder guard for staff-only routes (cases, feedback, erasure, training) until the auth part's
 * `requireAgent(role)` is passed in: refuses everything with 401, so nothing is open by accident.
 */
export const refuseUntilAuthWired: preHandlerAsyncHookHandler = async () => {
  throw httpError('UNAUTHENTICATED');
};
