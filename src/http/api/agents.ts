import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { HandoffService } from '../../handoff/service';
import { AgentList } from '../../protocol/api/agents';
import { errorResponses } from '../../protocol/api/errors';
import { requireAgent } from '../auth/plugin';
import { readSecurity } from './openapi-security';

/** GET /api/agents — agents with status and load (names only: no emails for plain agents). */
export const agentRoutes: FastifyPluginAsync<{ handoff: HandoffService }> = async (app, { handoff }) => {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/agents',
    { preValidation: requireAgent(), schema: { tags: ['agents'], summary: 'Agents with status and load', security: readSecurity, response: { 200: AgentList, ...errorResponses } } },
    async () => ({ agents: await handoff.agentsSnapshot() }),
  );
};
