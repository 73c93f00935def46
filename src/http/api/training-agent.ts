/** The agents' share of the loop: "what was this about?" on an escalated chat. */
import type { FastifyPluginAsync } from 'fastify';
import type { TrainingGroupOptions } from './training-triage';

export const trainingAgentRoutes: FastifyPluginAsync<TrainingGroupOptions> = async (app, { service, whoIs }) => {
  // Any signed-in agent may list the intents: the console's one-click "what was this about?" needs them.
  app.get('/api/training/intents', async () => ({ intents: await service.intents() }));
  app.post<{ Params: { id: string }; Body: { intent: string } }>(
    '/api/conversations/:id/intent',
    {
      schema: {
        body: {
          type: 'object',
          required: ['intent'],
          additionalProperties: false,
          properties: { intent: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
        },
      },
    },
    async (req, reply) => reply.code(201).send({ label: await service.agentIntent(req.params.id, req.body.intent, whoIs(req)) }),
  );
};
