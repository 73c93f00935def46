/**
 * `GET /api/insights?weeks=N`: the operators' weekly figures (docs/agent-protocol.md): per
 * seven-day window ending now, the conversations started, how many went to a person and why, the
 * ratings, and the model activations in the range, so a week's change can be set against them.
 */
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { INSIGHTS_DEFAULT_WEEKS, INSIGHTS_MAX_WEEKS, INSIGHTS_WEEK_MS, type Insights } from '../../protocol/insights';
import type { TrainingStore } from '../../storage/training';
import type { Storage } from '../../storage/types';
import { httpError } from '../errors';
import { describeQueryError } from './query-errors';

export interface InsightsRoutesOptions {
  storage: Pick<Storage, 'weeklyStats'> & { training: Pick<TrainingStore, 'activationHistory'> };
  /** Who may read them; runs before the query is validated. @example { guard: requireAgent('operator') } */
  guard: preHandlerAsyncHookHandler;
  /** Default Date.now. */
  clock?: () => number;
}

/** Activations fetched to find those in range: far more than a year of weekly retrains. */
const ACTIVATIONS_SCANNED = 500;

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { weeks: { type: 'integer', minimum: 1, maximum: INSIGHTS_MAX_WEEKS, default: INSIGHTS_DEFAULT_WEEKS } },
} as const;

export const insightsRoutes: FastifyPluginAsync<InsightsRoutesOptions> = async (app, { storage, guard, clock = Date.now }) => {
  app.get<{ Querystring: { weeks: number } }>(
    '/api/insights',
    { preValidation: guard, schema: { querystring: querySchema }, attachValidation: true },
    async (req) => {
      if (req.validationError) throw httpError('VALIDATION', describeQueryError(req.validationError.validation));
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
