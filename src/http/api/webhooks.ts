import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { errorResponses, NoContent } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { DeliveryAnswer, DeliveryList, DeliveryQuery, EndpointAnswer, EndpointCreated, EndpointList, EndpointPatchBody, NewEndpointBody } from '../../protocol/api/webhooks';
import { WEBHOOK_EVENTS } from '../../storage/webhooks';
import { WebhookInputError } from '../../webhooks/endpoint-input';
import { endpointView, type WebhookService } from '../../webhooks/service';
import { httpError } from '../errors';
import { readSecurity, writeSecurity } from './openapi-security';

export interface WebhookRoutesOptions {
  webhooks: WebhookService;
  /**
   * Guard for every route here (operators and admins), run before validation.
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
 * The service checks url and events (its messages say what to fix); the schemas check the shapes.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (fastify, opts) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { webhooks } = opts;
  app.addHook('preValidation', opts.guard);
  const read = { tags: ['webhooks'], security: readSecurity };
  const write = { tags: ['webhooks'], security: writeSecurity };

  app.get('/api/webhooks/endpoints', { schema: { ...read, summary: 'Endpoints (secrets as hints) and the event types', response: { 200: EndpointList, ...errorResponses } } }, async () => ({
    endpoints: (await webhooks.listEndpoints()).map(endpointView),
    events: [...WEBHOOK_EVENTS],
  }));

  app.post(
    '/api/webhooks/endpoints',
    { schema: { ...write, summary: 'Add an endpoint (answers its secret, once)', body: NewEndpointBody, response: { 201: EndpointCreated, ...errorResponses } } },
    async (req, reply) => {
      const body = req.body;
      const created = await input(() => webhooks.createEndpoint({ url: body.url, events: body.events, description: body.description }));
      return reply.code(201).send({ endpoint: endpointView(created), secret: created.secret });
    },
  );

  app.patch(
    '/api/webhooks/endpoints/:id',
    { schema: { ...write, summary: 'Change url, events, description or enabled', params: IdParams, body: EndpointPatchBody, response: { 200: EndpointAnswer, ...errorResponses } } },
    async (req) => {
      const updated = await input(() => webhooks.updateEndpoint(req.params.id, req.body));
      if (!updated) throw httpError('NOT_FOUND', `no webhook endpoint ${req.params.id}`);
      return { endpoint: endpointView(updated) };
    },
  );

  app.post(
    '/api/webhooks/endpoints/:id/rotate-secret',
    { schema: { ...write, summary: 'A new secret (the old one stops at once)', params: IdParams, response: { 200: EndpointCreated, ...errorResponses } } },
    async (req) => {
      const updated = await webhooks.rotateSecret(req.params.id);
      if (!updated) throw httpError('NOT_FOUND', `no webhook endpoint ${req.params.id}`);
      return { endpoint: endpointView(updated), secret: updated.secret };
    },
  );

  app.delete('/api/webhooks/endpoints/:id', { schema: { ...write, summary: 'Delete an endpoint', params: IdParams, response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    if (!(await webhooks.deleteEndpoint(req.params.id))) throw httpError('NOT_FOUND', `no webhook endpoint ${req.params.id}`);
    return reply.code(204).send(null);
  });

  app.get(
    '/api/webhooks/deliveries',
    { schema: { ...read, summary: 'Recent deliveries with their attempts', querystring: DeliveryQuery, response: { 200: DeliveryList, ...errorResponses } } },
    async (req) => {
      const { endpointId, status, limit } = req.query;
      const deliveries = await webhooks.listDeliveries({ ...(endpointId ? { endpointId } : {}), ...(status ? { status } : {}), limit });
      return { deliveries };
    },
  );

  app.post(
    '/api/webhooks/deliveries/:id/resend',
    { schema: { ...write, summary: 'Send a delivery again as soon as possible', params: IdParams, response: { 200: DeliveryAnswer, ...errorResponses } } },
    async (req) => {
      const queued = await webhooks.resend(req.params.id);
      if (queued) return { delivery: queued };
      const found = await webhooks.getDelivery(req.params.id);
      if (!found) throw httpError('NOT_FOUND', `no webhook delivery ${req.params.id}`);
      throw httpError('DELIVERY_IN_FLIGHT', 'this delivery is being sent right now; try again when the attempt has finished');
    },
  );
};
