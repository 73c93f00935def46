import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler, preHandlerHookHandler } from 'fastify';
import type { CaseService } from '../../cases/service';
import { CaseAnswer, CaseList, CasePatchBody, CaseQuery, CaseWithFeedback, FeedbackList, FeedbackQuery } from '../../protocol/api/cases';
import { errorResponses } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { httpError } from '../errors';
import { readSecurity, writeSecurity } from './openapi-security';
import { refuseUntilAuthWired } from './staff-guard';

export interface CaseRoutesOptions {
  cases: CaseService;
  /**
   * Guard admitting agents, operators and admins (the auth part's `requireAgent()`), run before
   * validation. Default: refuses everything with 401.
   * @example { guard: requireAgent('agent') }
   */
  guard?: preHandlerHookHandler | preHandlerAsyncHookHandler;
}

/**
 * Support cases and feedback for staff (docs/cases.md):
 * `GET /api/cases?status=&conversationId=&limit=`, `GET /api/cases/:id` (with the conversation's
 * feedback), `PATCH /api/cases/:id {status}`, `GET /api/feedback?conversationId=&maxRating=&limit=`.
 */
export const caseRoutes: FastifyPluginAsync<CaseRoutesOptions> = async (fastify, opts) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { cases } = opts;
  app.addHook('preValidation', opts.guard ?? refuseUntilAuthWired);
  const tags = ['cases'];

  app.get('/api/cases', { schema: { tags, summary: 'List cases', security: readSecurity, querystring: CaseQuery, response: { 200: CaseList, ...errorResponses } } }, async (req) => {
    const { status, conversationId, limit = 100 } = req.query;
    return { cases: await cases.list({ ...(status ? { status } : {}), ...(conversationId ? { conversationId } : {}), limit }) };
  });

  app.get(
    '/api/cases/:id',
    { schema: { tags, summary: 'One case, with its conversation’s feedback', security: readSecurity, params: IdParams, response: { 200: CaseWithFeedback, ...errorResponses } } },
    async (req) => {
      const found = await cases.get(req.params.id.toUpperCase());
      if (!found) throw httpError('NOT_FOUND', `no case ${req.params.id}`);
      const feedback = await cases.listFeedback({ conversationId: found.conversationId });
      return { case: found, feedback };
    },
  );

  app.patch(
    '/api/cases/:id',
    { schema: { tags, summary: 'Set a case’s status', security: writeSecurity, params: IdParams, body: CasePatchBody, response: { 200: CaseAnswer, ...errorResponses } } },
    async (req) => {
      const updated = await cases.setStatus(req.params.id.toUpperCase(), req.body.status);
      if (!updated) throw httpError('NOT_FOUND', `no case ${req.params.id}`);
      return { case: updated };
    },
  );

  app.get(
    '/api/feedback',
    { schema: { tags, summary: 'Customer ratings, newest first', security: readSecurity, querystring: FeedbackQuery, response: { 200: FeedbackList, ...errorResponses } } },
    async (req) => {
      const { conversationId, maxRating, limit = 100 } = req.query;
      const feedback = await cases.listFeedback({
        ...(conversationId ? { conversationId } : {}),
        ...(maxRating !== undefined ? { maxRating } : {}),
        limit,
      });
      return { feedback };
    },
  );
};
