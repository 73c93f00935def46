import type { FastifyPluginAsync } from 'fastify';
import type { Storage } from '../../storage/types';

export interface HealthOptions {
  storage: Storage;
  model: () => { id: string; intents: number };
}

/** GET /health — liveness plus a storage round trip; used by the Dockerfile's HEALTHCHECK. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, opts) => {
  app.get('/health', async (_req, reply) => {
    try {
      await opts.storage.getConversation('health-check');
    } catch (err) {
      app.log.error({ err }, 'health check: storage failed');
      return reply.code(503).send({ status: 'error', storage: 'unavailable' });
    }
    return { status: 'ok', storage: 'ok', model: opts.model() };
  });
};
