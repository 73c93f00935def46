/** Triage inbox, labels, known intents, promoted replies. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { errorResponses } from '../../protocol/api/errors';
import { FlagAnswer, FlagBody, InboxPage, LabelBody, LabelList, PromoteBody, PromotionAnswer, PromotionList, PromotionQuery, TriageQuery } from '../../protocol/api/training';
import type { TrainingService } from '../../training/service';
import { readSecurity, writeSecurity } from './openapi-security';

export interface TrainingGroupOptions {
  service: TrainingService;
  whoIs: (req: FastifyRequest) => string;
}

export const trainingTriageRoutes: FastifyPluginAsync<TrainingGroupOptions> = async (fastify, { service, whoIs }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { tags: ['training'], security: readSecurity };
  const write = { tags: ['training'], security: writeSecurity };

  app.get('/api/training/triage', { schema: { ...read, summary: 'The triage inbox, clustered', querystring: TriageQuery, response: { 200: InboxPage, ...errorResponses } } }, async (req) =>
    service.inbox(req.query),
  );

  // An operator flags a customer message from a transcript: 201 with a new item, 200 when it was there already.
  app.post(
    '/api/training/triage',
    { schema: { ...write, summary: 'Flag a customer message for labelling', body: FlagBody, response: { 200: FlagAnswer, 201: FlagAnswer, ...errorResponses } } },
    async (req, reply) => {
      const { item, created } = await service.flagMessage(req.body.conversationId, req.body.messageId, whoIs(req));
      return reply.code(created ? 201 : 200).send({ item });
    },
  );

  app.post('/api/training/labels', { schema: { ...write, summary: 'Label inbox items', body: LabelBody, response: { 200: LabelList, ...errorResponses } } }, async (req) => ({
    labels: await service.label(req.body, whoIs(req)),
  }));

  app.post(
    '/api/training/promote',
    { schema: { ...write, summary: 'Keep an agent reply as a canned answer or a draft article', body: PromoteBody, response: { 201: PromotionAnswer, ...errorResponses } } },
    async (req, reply) => reply.code(201).send({ promotion: await service.promote(req.body, whoIs(req)) }),
  );

  app.get(
    '/api/training/promotions',
    { schema: { ...read, summary: 'Promoted replies', querystring: PromotionQuery, response: { 200: PromotionList, ...errorResponses } } },
    async (req) => ({ promotions: await service.listPromotions(req.query.kind) }),
  );
};
