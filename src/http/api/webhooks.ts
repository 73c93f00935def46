import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS, type DeliveryStatus } from '../../storage/webhooks';
import { WebhookInputError } from '../../webhooks/endpoint-input';
import { endpointView, type WebhookService } from '../../webhooks/service';
import { httpError } from '../errors';

export interface WebhookRoutesOptions {
  webhooks: WebhookService;
  /**
   * preHandler for every route here (operators and admins).
   * @example { guard: requireAgent('operator') }
   */
  guard: preHandlerAsyncHookHandler;
}

function input<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((err: unknown) => {
    if (err instanceof WebhookInputError) throw httpError('VALIDATION', err.message);
    throw err;
  });
}

/**
 * Webhook endpoints and deliveries for operators (docs/webhooks.md):
 * `GET|POST /api/webhooks/endpoints`, `PATCH|DELETE /api/webhooks/endpoints/:id`,
 * `POST /api/webhooks/endpoints/:id/rotate-secret`, `GET /api/webhooks/deliveries?endpointId=&status=&limit=`,
 * `POST /api/webhooks/deliveries/:id/resend`. A secret is shown in full only in the answer that creates it.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, opts) => {
  const { webhooks } = opts;
  app.addHook('preHandler', opts.guard);

  app.get('/api/webhooks/endpoints', async () => ({
    endpoints: (await webhooks.listEndpoints()).map(endpointView),
    events: WEBHOOK_EVENTS,
  }));

  app.post<{ Body: { url?: unknown; events?: unknown; description?: unknown } | undefined }>('/api/webhooks/endpoints', async (req, reply) => {
    const body = req.body ?? {};
    const created = await input(() => webhooks.createEndpoint({ url: body.url, events: body.events, description: body.description }));
    return reply.code(201).send({ endpoint: endpointView(created), secret: created.secret });
  });

  app.patch<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>('/api/webhooks/endpoints/:id', async (req) => {
    const updated = await input(() => webhooks.updateEndpoint(req.params.id, req.body ?? {}));
    if (!updated) throw httpError('NOT_FOUND', `no webhook endpoint ${req.params.id}`);
    return { endpoint: endpointView(updated) };
  });

  app.post<{ Params: { id: string } }>('/api/webhooks/endpoints/:id/rotate-secret', async (req) => {
    const updated = await webhooks.rotateSecret(req.params.id);
    if (!updated) throw httpError('NOT_FOUND', `no webhook endpoint ${req.params.id}`);
    return { endpoint: endpointView(updated), secret: updated.secret };
  });

  app.delete<{ Params: { id: string } }>('/api/webhooks/endpoints/:id', async (req, reply) => {
    if (!(await webhooks.deleteEndpoint(req.params.id))) throw httpError('NOT_FOUND', `no webhook endpoint ${req.params.id}`);
    return reply.code(204).send();
  });

  app.get<{ Querystring: { endpointId?: string; status?: string; limit?: string } }>('/api/webhooks/deliveries', async (req) => {
    const { endpointId, status } = req.query;
    if (status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(status)) {
      throw httpError('VALIDATION', `status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    }
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw httpError('VALIDATION', 'limit must be an integer from 1 to 500');
    const deliveries = await webhooks.listDeliveries({
      ...(endpointId ? { endpointId } : {}),
      ...(status ? { status: status as DeliveryStatus } : {}),
      limit,
    });
    return { deliveries };
  });

  app.post<{ Params: { id: string } }>('/api/webhooks/deliveries/:id/resend', async (req) => {
    const queued = await webhooks.resend(req.params.id);
    if (queued) return { delivery: queued };
    const found = await webhooks.getDelivery(req.params.id);
    if (!found) throw httpError('NOT_FOUND', `no webhook delivery ${req.params.id}`);
    throw httpError('DELIVERY_IN_FLIGHT', 'this delivery is being sent right now; try again when the attempt has finished');
  });
};
