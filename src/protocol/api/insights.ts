/** `GET /api/insights?weeks=N`: operators' weekly figures (types in ../insights.ts). */
import { Type } from '@sinclair/typebox';
import { INSIGHTS_DEFAULT_WEEKS, INSIGHTS_MAX_WEEKS } from '../insights';

export const InsightsQuery = Type.Object(
  { weeks: Type.Integer({ minimum: 1, maximum: INSIGHTS_MAX_WEEKS, default: INSIGHTS_DEFAULT_WEEKS }) },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0 });
export const InsightsWeek = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  conversations: count,
  handedOver: count,
  unmet: count,
  byReason: Type.Object({ low_confidence: count, asked_for_human: count, frustration: count, urgent_security: count }),
  rated: count,
  ratingSum: count,
});
export const Insights = Type.Object({
  now: Type.Integer(),
  weeks: Type.Array(InsightsWeek),
  activations: Type.Array(Type.Object({ at: Type.Integer(), versionId: Type.Union([Type.String(), Type.Null()]), by: Type.String() })),
});
