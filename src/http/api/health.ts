import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../../protocol/api/errors';
import { Healthy, Readiness, Unhealthy } from '../../protocol/api/health';
import type { Bus } from '../../bus/types';
import type { Storage } from '../../storage/types';

export interface HealthOptions {
  storage: Storage;
  /** The bus; its `health()` (Redis up or not) is reported. The in-process bus is always up. */
  bus: Pick<Bus, 'health'>;
  model: () => { id: string; intents: number };
}

/**
 * `GET /health` — every dependency this node needs to serve chats: a storage round trip and the
 * bus. 200 `{status:'ok'}` when all are up; 503 `{status:'error', storage, bus}` naming what is
 * down (used by the Dockerfile's HEALTHCHECK and monitoring).
 * `GET /ready` — whether a load balancer should send this node new clients: the same checks, and
 * 503 from the moment the server starts shutting down.
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (fastify, opts) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['health'];
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  async function check(): Promise<{ storage: 'ok' | 'unavailable'; bus: 'ok' | 'down' }> {
    let storage: 'ok' | 'unavailable' = 'ok';
    try {
      await opts.storage.getConversation('health-check');
    } catch (err) {
      app.log.error({ err }, 'health check: storage failed');
      storage = 'unavailable';
    }
    return { storage, bus: opts.bus.health?.() ?? 'ok' };
  }

  app.get('/health', { schema: { tags, summary: 'Every dependency this node needs (storage, bus)', security: [], response: { 200: Healthy, 503: Unhealthy, ...errorResponses } } }, async (_req, reply) => {
    const parts = await check();
    if (parts.storage !== 'ok' || parts.bus !== 'ok') return reply.code(503).send({ status: 'error' as const, ...parts });
    return { status: 'ok' as const, ...parts, model: opts.model() };
  });

  app.get('/ready', { schema: { tags, summary: 'Whether a load balancer should send new clients here', security: [], response: { 200: Readiness, 503: Readiness, ...errorResponses } } }, async (_req, reply) => {
    const parts = await check();
    const ready = !closing && parts.storage === 'ok' && parts.bus === 'ok';
    return reply.code(ready ? 200 : 503).send({ ready, ...(closing ? { closing: true } : {}), ...parts });
  });
};
