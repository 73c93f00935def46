import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler, preHandlerHookHandler } from 'fastify';
import type { ErasureService } from '../../conversation/erasure';
import { errorResponses, NoContent } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { httpError } from '../errors';
import { writeSecurity } from './openapi-security';
import { refuseUntilAuthWired } from './staff-guard';

export interface ErasureRoutesOptions {
  erasure: ErasureService;
  /**
   * preHandler admitting admins only (the auth part's `requireAgent('admin')`).
   * Default: refuses everything with 401.
   */
  guard?: preHandlerHookHandler | preHandlerAsyncHookHandler;
  /**
   * How often the retention sweep runs, ms; it also runs once when the app is ready.
   * 0 disables it. Default one hour.
   */
  sweepIntervalMs?: number;
}

/**
 * `DELETE /api/conversations/:id` (admin): erases the conversation and everything derived from it
 * (204; 404 when there was nothing to erase). Also runs the retention sweep at start and every
 * hour; the timer is cleared when the app closes.
 */
export const erasureRoutes: FastifyPluginAsync<ErasureRoutesOptions> = async (app, opts) => {
  const { erasure } = opts;
  const interval = opts.sweepIntervalMs ?? 3_600_000;

  await app.register(async (admins) => {
    admins.addHook('preValidation', opts.guard ?? refuseUntilAuthWired);
    const schema = { tags: ['conversations'], summary: 'Erase a conversation and everything derived from it (admins)', security: writeSecurity, params: IdParams, response: { 204: NoContent, ...errorResponses } };
    admins.withTypeProvider<TypeBoxTypeProvider>().delete('/api/conversations/:id', { schema }, async (req, reply) => {
      const existed = await erasure.erase(req.params.id);
      if (!existed) throw httpError('NOT_FOUND', `no conversation ${req.params.id}`);
      req.log.info({ conversationId: req.params.id }, 'conversation erased by an admin');
      return reply.code(204).send(null);
    });
  });

  if (interval > 0) {
    let timer: NodeJS.Timeout | undefined;
    const run = () => {
      erasure.sweep().catch((err) => app.log.error({ err }, 'retention sweep failed'));
    };
    app.addHook('onReady', async () => {
      await erasure.sweep().catch((err) => app.log.error({ err }, 'retention sweep failed'));
      timer = setInterval(run, interval);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  }
};
