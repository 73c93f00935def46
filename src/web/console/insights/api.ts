/** The Insights section's one REST call: the weekly figures (`GET /api/insights`, docs/agent-protocol.md). */
import type { Insights } from '../../../protocol/insights';
import { createRest, type RestOptions } from '../rest';

/** @example const api = createInsightsApi({ csrfToken: ctx.csrfToken }); const { weeks } = await api.load(8); */
export function createInsightsApi(opts: RestOptions) {
  const { call } = createRest(opts);
  return {
    /** The last `weeks` seven-day windows ending now, oldest first, with the model activations among them. */
    load: (weeks: number) => call<Insights>('GET', `/api/insights?weeks=${encodeURIComponent(String(weeks))}`),
  };
}

export type InsightsApi = ReturnType<typeof createInsightsApi>;
