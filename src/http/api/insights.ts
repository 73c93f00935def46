/**
 * `GET /api/insights?weeks=N`: the operators' weekly figures (docs/agent-protocol.md): per
 * seven-day window ending now, the conversations started, how many went to a person and why, the
 * ratings, and the model activations in the range, so a week's change can be set against them.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { errorResponses } from '../../protocol/api/errors';
import { Insights as InsightsSchema, InsightsQuery } from '../../protocol/api/insights';
import { INSIGHTS_WEEK_MS, type Insights } from '../../protocol/insights';
import type { TrainingStore } from '../../storage/training';
import type { Storage } from '../../storage/types';
import { readSecurity } from './openapi-security';

export interface InsightsRoutesOptions {
  storage: Pick<Storage, 'weeklyStats'> & { training: Pick<TrainingStore, 'activationHistory'> };
  /** Who may read them; runs before the query is validated. @example { guard: requireAgent('operator') } */
  guard: preHandlerAsyncHookHandler;
  /** Default Date.now. */
  clock?: () => number;
}

/** Activations fetched to find those in range: far more than a year of weekly retrains. */
const ACTIVATIONS_SCANNED = 500;

export const insightsRoutes: FastifyPluginAsync<InsightsRoutesOptions> = async (app, { storage, guard, clock = Date.now }) => {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/insights',
    {
      preValidation: guard,
      schema: { tags: ['insights'], summary: 'Weekly figures: conversations, hand-offs, ratings, model activations', security: readSecurity, querystring: InsightsQuery, response: { 200: InsightsSchema, ...errorResponses } },
    },
    async (req) => {
      const { weeks } = req.query;
      const now = clock();
      const start = now - weeks * INSIGHTS_WEEK_MS;
      const [stats, history] = await Promise.all([storage.weeklyStats(now, weeks), storage.training.activationHistory(ACTIVATIONS_SCANNED)]);
      const body: Insights = {
        now,
        weeks: stats,
        activations: history
          .filter((a) => a.at >= start && a.at < now)
          .map((a) => ({ at: a.at, versionId: a.versionId, by: a.by }))
          .reverse(),
      };
      return body;
    },
  );
};
