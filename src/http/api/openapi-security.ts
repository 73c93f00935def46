/**
 * The OpenAPI `security` requirements routes declare (the schemes are in src/plugins/api-docs.ts):
 * a staff session is the `bnpl_agent_session` cookie, and a state-changing call also sends the
 * session's CSRF token in `x-csrf-token` (src/http/auth/plugin.ts).
 */
export const readSecurity = [{ session: [] }];
export const writeSecurity = [{ session: [], csrf: [] }];
/** `GET /metrics` on the main port: `Authorization: Bearer <METRICS_TOKEN>`. */
export const metricsSecurity = [{ metricsToken: [] }];
