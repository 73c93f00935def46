import type { FastifySchemaValidationError } from 'fastify';

/**
 * One ajv error of a query string as a sentence naming the parameter, e.g.
 * `state must be one of bot, queued, agent, closed`, for routes that attach validation errors and
 * answer them after their guard has run.
 */
export function describeQueryError(errors: FastifySchemaValidationError[]): string {
  const e = errors[0];
  if (!e) return 'the query is not valid';
  const name = e.instancePath.replace(/^\//, '') || String((e.params as { additionalProperty?: unknown }).additionalProperty ?? 'query');
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  return `${name} ${allowed ? `must be one of ${allowed.join(', ')}` : e.message}`;
}
