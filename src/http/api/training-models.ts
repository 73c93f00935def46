/** Retrain runs, model versions (activate, roll back, evaluation report and reliability diagram), per-intent thresholds. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { ActiveAnswer, IntentParams, RunAnswer, RunList, ThresholdAnswer, ThresholdBody, ThresholdsPage, VersionAnswer, VersionList } from '../../protocol/api/training';
import { httpError } from '../errors';
import { readSecurity, writeSecurity } from './openapi-security';
import type { TrainingGroupOptions } from './training-triage';

/** The report and the diagram are documents, not JSON: strings are sent as they are, never serialised. */
const documentResponse = (type: string, description: string) => ({ 200: { type: 'string', description: `${description} (${type})` }, ...errorResponses });

export const trainingModelRoutes: FastifyPluginAsync<TrainingGroupOptions> = async (fastify, { service, whoIs }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { tags: ['training'], security: readSecurity };
  const write = { tags: ['training'], security: writeSecurity };

  app.post('/api/training/runs', { schema: { ...write, summary: 'Start a retrain in the background', response: { 202: RunAnswer, ...errorResponses } } }, async (req, reply) =>
    reply.code(202).send({ run: await service.startRun(whoIs(req)) }),
  );
  app.get('/api/training/runs', { schema: { ...read, summary: 'Retrain runs on this server', response: { 200: RunList, ...errorResponses } } }, async () => ({ runs: service.runs() }));
  app.get('/api/training/runs/:id', { schema: { ...read, summary: 'One retrain run', params: IdParams, response: { 200: RunAnswer, ...errorResponses } } }, async (req) => {
    const run = service.run(req.params.id);
    if (!run) throw httpError('NOT_FOUND', `no training run ${req.params.id}`);
    return { run };
  });

  app.get('/api/training/models', { schema: { ...read, summary: 'Model versions, newest first', response: { 200: VersionList, ...errorResponses } } }, async () => ({
    versions: await service.listVersions(),
  }));
  app.get('/api/training/models/:id', { schema: { ...read, summary: 'One model version with its metrics', params: IdParams, response: { 200: VersionAnswer, ...errorResponses } } }, async (req) => ({
    version: await service.version(req.params.id),
  }));
  app.get(
    '/api/training/models/:id/report.html',
    { schema: { ...read, summary: 'Evaluation report', params: IdParams, produces: ['text/html'], response: documentResponse('text/html', 'The evaluation report page') } },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(await service.reportHtml(req.params.id)),
  );
  app.get(
    '/api/training/models/:id/reliability.svg',
    { schema: { ...read, summary: 'Reliability diagram', params: IdParams, produces: ['image/svg+xml'], response: documentResponse('image/svg+xml', 'The reliability diagram') } },
    async (req, reply) =>
      reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(await service.reliabilitySvg(req.params.id)),
  );
  app.post(
    '/api/training/models/:id/activate',
    { schema: { ...write, summary: 'Make a version the live model on every node', params: IdParams, response: { 200: ActiveAnswer, ...errorResponses } } },
    async (req) => {
      await service.activate(req.params.id, whoIs(req));
      return { active: req.params.id };
    },
  );
  app.post('/api/training/models/rollback', { schema: { ...write, summary: 'Back to the previously active version', response: { 200: ActiveAnswer, ...errorResponses } } }, async (req) => ({
    active: await service.rollback(whoIs(req)),
  }));

  app.get('/api/training/thresholds', { schema: { ...read, summary: 'Per-intent thresholds with suggestions', response: { 200: ThresholdsPage, ...errorResponses } } }, async () => service.thresholds());
  app.put(
    '/api/training/thresholds/:intent',
    { schema: { ...write, summary: 'Set or clear one intent’s threshold', params: IntentParams, body: ThresholdBody, response: { 200: ThresholdAnswer, ...errorResponses } } },
    async (req) => {
      await service.setThreshold(req.params.intent, req.body.threshold, whoIs(req));
      return { intent: req.params.intent, threshold: req.body.threshold };
    },
  );
};
