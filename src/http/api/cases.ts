import type { FastifyPluginAsync, preHandlerAsyncHookHandler, preHandlerHookHandler } from 'fastify';
import type { CaseService } from '../../cases/service';
import { isCaseStatus } from '../../cases/service';
import { httpError } from '../errors';
import { refuseUntilAuthWired } from './staff-guard';

export interface CaseRoutesOptions {
  cases: CaseService;
  /**
   * preHandler admitting agents, operators and admins (the auth part's `requireAgent()`).
   * Default: refuses everything with 401.
   * @example { guard: requireAgent('agent') }
   */
  guard?: preHandlerHookHandler | preHandlerAsyncHookHandler;
}

/**
 * Support cases and feedback for staff (docs/cases.md):
 * `GET /api/cases?status=&conversationId=&limit=`, `GET /api/cases/:id` (with the conversation's
 * feedback), `PATCH /api/cases/:id {status}`, `GET /api/feedback?conversationId=&maxRating=&limit=`.
 */
export const caseRoutes: FastifyPluginAsync<CaseRoutesOptions> = async (app, opts) => {
  const { cases } = opts;
  app.addHook('preHandler', opts.guard ?? refuseUntilAuthWired);

  function limitOf(raw: unknown): number {
    if (raw === undefined) return 100;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw httpError('VALIDATION', 'limit must be an integer from 1 to 1000');
    return n;
  }

  app.get<{ Querystring: { status?: string; conversationId?: string; limit?: string } }>('/api/cases', async (req) => {
    const { status, conversationId } = req.query;
    if (status !== undefined && !isCaseStatus(status)) throw httpError('VALIDATION', 'status must be open, waiting_on_customer, in_review or resolved');
    const list = await cases.list({
      ...(status ? { status } : {}),
      ...(conversationId ? { conversationId } : {}),
      limit: limitOf(req.query.limit),
    });
    return { cases: list };
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id', async (req) => {
    const found = await cases.get(req.params.id.toUpperCase());
    if (!found) throw httpError('NOT_FOUND', `no case ${req.params.id}`);
    const feedback = await cases.listFeedback({ conversationId: found.conversationId });
    return { case: found, feedback };
  });

  app.patch<{ Params: { id: string }; Body: { status?: unknown } }>('/api/cases/:id', async (req) => {
    const status = (req.body as { status?: unknown } | undefined)?.status;
    if (!isCaseStatus(status)) throw httpError('VALIDATION', 'status must be open, waiting_on_customer, in_review or resolved');
    const updated = await cases.setStatus(req.params.id.toUpperCase(), status);
    if (!updated) throw httpError('NOT_FOUND', `no case ${req.params.id}`);
    return { case: updated };
  });

  app.get<{ Querystring: { conversationId?: string; maxRating?: string; limit?: string } }>('/api/feedback', async (req) => {
    const { conversationId, maxRating } = req.query;
    let max: number | undefined;
    if (maxRating !== undefined) {
      max = Number(maxRating);
      if (!Number.isInteger(max) || max < 1 || max > 5) throw httpError('VALIDATION', 'maxRating must be an integer from 1 to 5');
    }
    const feedback = await cases.listFeedback({
      ...(conversationId ? { conversationId } : {}),
      ...(max !== undefined ? { maxRating: max } : {}),
      limit: limitOf(req.query.limit),
    });
    return { feedback };
  });
};
