import type { FastifyPluginAsync } from 'fastify';
import type { HandoffService } from '../../handoff/service';
import { requireAgent } from '../auth/plugin';

/** GET /api/agents — agents with status and load (names only: no emails for plain agents). */
export const agentRoutes: FastifyPluginAsync<{ handoff: HandoffService }> = async (app, { handoff }) => {
  app.get('/api/agents', { preHandler: requireAgent() }, async () => ({ agents: await handoff.agentsSnapshot() }));
};
