import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { HandoffService } from '../../handoff/service';
import { QueueList } from '../../protocol/api/agents';
import { errorResponses } from '../../protocol/api/errors';
import { requireAgent } from '../auth/plugin';
import { readSecurity } from './openapi-security';

/** GET /api/queue — the queue in service order, for scripts (the console uses the socket). */
export const queueRoutes: FastifyPluginAsync<{ handoff: HandoffService }> = async (app, { handoff }) => {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/queue',
    { preValidation: requireAgent(), schema: { tags: ['agents'], summary: 'The queue in service order', security: readSecurity, response: { 200: QueueList, ...errorResponses } } },
    async () => ({ entries: await handoff.queueSnapshot() }),
  );
};
