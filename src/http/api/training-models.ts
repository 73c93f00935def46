/** Retrain runs, model versions (activate, roll back, evaluation report and reliability diagram), per-intent thresholds. */
import type { FastifyPluginAsync } from 'fastify';
import { httpError } from '../errors';
import type { TrainingGroupOptions } from './training-triage';

export const trainingModelRoutes: FastifyPluginAsync<TrainingGroupOptions> = async (app, { service, whoIs }) => {
  app.post('/api/training/runs', async (req, reply) => reply.code(202).send({ run: await service.startRun(whoIs(req)) }));
  app.get('/api/training/runs', async () => ({ runs: service.runs() }));
  app.get<{ Params: { id: string } }>('/api/training/runs/:id', async (req) => {
    const run = service.run(req.params.id);
    if (!run) throw httpError('NOT_FOUND', `no training run ${req.params.id}`);
    return { run };
  });

  app.get('/api/training/models', async () => ({ versions: await service.listVersions() }));
  app.get<{ Params: { id: string } }>('/api/training/models/:id', async (req) => ({ version: await service.version(req.params.id) }));
  app.get<{ Params: { id: string } }>('/api/training/models/:id/report.html', async (req, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(await service.reportHtml(req.params.id)),
  );
  app.get<{ Params: { id: string } }>('/api/training/models/:id/reliability.svg', async (req, reply) =>
    reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(await service.reliabilitySvg(req.params.id)),
  );
  app.post<{ Params: { id: string } }>('/api/training/models/:id/activate', async (req) => {
    await service.activate(req.params.id, whoIs(req));
    return { active: req.params.id };
  });
  app.post('/api/training/models/rollback', async (req) => ({ active: await service.rollback(whoIs(req)) }));

  app.get('/api/training/thresholds', async () => service.thresholds());
  app.put<{ Params: { intent: string }; Body: { threshold: number | null } }>(
    '/api/training/thresholds/:intent',
    {
      schema: {
        body: {
          type: 'object',
          required: ['threshold'],
          additionalProperties: false,
          properties: { threshold: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'null' }] } },
        },
      },
    },
    async (req) => {
      await service.setThreshold(req.params.intent, req.body.threshold, whoIs(req));
      return { intent: req.params.intent, threshold: req.body.threshold };
    },
  );
};
