/** Triage inbox, labels, known intents, promoted replies. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { TRIAGE_REASONS, type TriageFilter } from '../../storage/training';
import type { TrainingService } from '../../training/service';

export interface TrainingGroupOptions {
  service: TrainingService;
  whoIs: (req: FastifyRequest) => string;
}

const name = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } as const;

export const trainingTriageRoutes: FastifyPluginAsync<TrainingGroupOptions> = async (app, { service, whoIs }) => {
  app.get<{ Querystring: { reason?: TriageFilter['reason']; intent?: string; from?: number; to?: number; status?: TriageFilter['status']; limit?: number } }>(
    '/api/training/triage',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            reason: { type: 'string', enum: [...TRIAGE_REASONS] },
            intent: { type: 'string', maxLength: 64 },
            from: { type: 'integer', minimum: 0 },
            to: { type: 'integer', minimum: 0 },
            status: { type: 'string', enum: ['unlabelled', 'labelled', 'all'] },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
          },
        },
      },
    },
    async (req) => service.inbox(req.query),
  );


  // An operator flags a customer message from a transcript: 201 with a new item, 200 when it was there already.
  app.post<{ Body: { conversationId: string; messageId: string } }>(
    '/api/training/triage',
    {
      schema: {
        body: {
          type: 'object',
          required: ['conversationId', 'messageId'],
          additionalProperties: false,
          properties: {
            conversationId: { type: 'string', minLength: 1, maxLength: 100 },
            messageId: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
    async (req, reply) => {
      const { item, created } = await service.flagMessage(req.body.conversationId, req.body.messageId, whoIs(req));
      return reply.code(created ? 201 : 200).send({ item });
    },
  );

  app.post<{ Body: { itemIds: string[]; intent?: string; newIntent?: { name: string; category: string }; notARequest?: boolean } }>(
    '/api/training/labels',
    {
      schema: {
        body: {
          type: 'object',
          required: ['itemIds'],
          additionalProperties: false,
          properties: {
            itemIds: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', maxLength: 100 } },
            intent: name,
            newIntent: { type: 'object', required: ['name', 'category'], additionalProperties: false, properties: { name, category: name } },
            notARequest: { type: 'boolean' },
          },
        },
      },
    },
    async (req) => ({ labels: await service.label(req.body, whoIs(req)) }),
  );

  app.post<{ Body: { conversationId: string; messageId: string; kind: 'canned_answer' | 'kb_draft'; title?: string; intent?: string; text?: string } }>(
    '/api/training/promote',
    {
      schema: {
        body: {
          type: 'object',
          required: ['conversationId', 'messageId', 'kind'],
          additionalProperties: false,
          properties: {
            conversationId: { type: 'string', maxLength: 100 },
            messageId: { type: 'string', maxLength: 100 },
            kind: { type: 'string', enum: ['canned_answer', 'kb_draft'] },
            title: { type: 'string', maxLength: 200 },
            intent: name,
            text: { type: 'string', minLength: 1, maxLength: 10_000 },
          },
        },
      },
    },
    async (req, reply) => reply.code(201).send({ promotion: await service.promote(req.body, whoIs(req)) }),
  );

  app.get<{ Querystring: { kind?: 'canned_answer' | 'kb_draft' } }>(
    '/api/training/promotions',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: ['canned_answer', 'kb_draft'] } } } } },
    async (req) => ({ promotions: await service.listPromotions(req.query.kind) }),
  );
};
