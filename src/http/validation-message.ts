import type { FastifySchemaValidationError } from 'fastify';

/**
 * The first ajv error of a request as a sentence naming the field, for the VALIDATION body:
 * `state must be one of bot, queued, agent, closed`, `text is required`, `newIntent.name must match…`.
 * `context` (body, querystring, params) names the part when the error is about the part itself.
 * @example describeValidation(err.validation, err.validationContext) // => 'limit must be <= 100'
 */
export function describeValidation(errors: readonly FastifySchemaValidationError[], context = 'request'): string {
  const e = errors[0];
  if (!e) return `the ${context} is not valid`;
  const params = e.params as { missingProperty?: unknown; additionalProperty?: unknown; allowedValues?: unknown[] };
  const at = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field = (name: unknown) => (at ? `${at}.${String(name)}` : String(name));
  if (e.keyword === 'required' && params.missingProperty !== undefined) return `${field(params.missingProperty)} is required`;
  if (e.keyword === 'additionalProperties' && params.additionalProperty !== undefined) return `${field(params.additionalProperty)} is not allowed`;
  const name = at || context;
  if (params.allowedValues) return `${name} must be one of ${params.allowedValues.join(', ')}`;
  return `${name} ${e.message ?? 'is not valid'}`;
}
