/** The agents' share of the loop: "what was this about?" on an escalated chat. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { IntentBody } from '../../protocol/api/conversations';
import { errorResponses } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { AgentLabel, IntentList } from '../../protocol/api/training';
import { readSecurity, writeSecurity } from './openapi-security';
import type { TrainingGroupOptions } from './training-triage';

export const trainingAgentRoutes: FastifyPluginAsync<TrainingGroupOptions> = async (fastify, { service, whoIs }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Any signed-in agent may list the intents: the console's one-click "what was this about?" needs them.
  app.get('/api/training/intents', { schema: { tags: ['training'], summary: 'Intents the model knows, with their category', security: readSecurity, response: { 200: IntentList, ...errorResponses } } }, async () => ({
    intents: await service.intents(),
  }));
  app.post(
    '/api/conversations/:id/intent',
    {
      schema: {
        tags: ['training'],
        summary: 'Label what an escalated chat was about (a training example)',
        security: writeSecurity,
        params: IdParams,
        body: IntentBody,
        response: { 201: AgentLabel, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send({ label: await service.agentIntent(req.params.id, req.body.intent, whoIs(req)) }),
  );
};
