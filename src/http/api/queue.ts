import type { FastifyPluginAsync } from 'fastify';
import type { HandoffService } from '../../handoff/service';
import { requireAgent } from '../auth/plugin';

/** GET /api/queue — the queue in service order, for scripts (the console uses the socket). */
export const queueRoutes: FastifyPluginAsync<{ handoff: HandoffService }> = async (app, { handoff }) => {
  app.get('/api/queue', { preHandler: requireAgent() }, async () => ({ entries: await handoff.queueSnapshot() }));
};
