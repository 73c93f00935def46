/**
 * The root error handler: every error a route or hook throws becomes the catalogue's JSON
 * `{code, message, statusCode}` (docs/errors.md). A 5xx answer is always the same generic body
 * with the request id; the real error is logged with pino's `err` under that id, never sent.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AccountError } from '../accounts/service';
import { RunInProgressError } from '../conversation-tests/runs';
import { TrainingError } from '../training/errors';
import type { ErrorBody } from '../protocol/api/errors';
import { errorCatalogue, httpError, isCatalogueError, type ErrorCode } from './errors';
import { describeValidation } from './validation-message';

/** What a REST client receives (declared once, in src/protocol/api/errors.ts). `requestId` only on 5xx. */
export type { ErrorBody } from '../protocol/api/errors';

const TRAINING_CODES: Record<TrainingError['kind'], ErrorCode> = {
  validation: 'VALIDATION',
  not_found: 'NOT_FOUND',
  in_progress: 'TRAINING_IN_PROGRESS',
  nothing_to_roll_back: 'NOTHING_TO_ROLL_BACK',
};

/** fastify's own 4xx (bad JSON, wrong content type…) under the catalogue code of the same status. */
const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'RATE_LIMITED',
};

/**
 * The body and status for a client error, or undefined when the error is a server fault. Domain
 * refusals (the training part's, staff accounts', the conversation tests' run lock) are mapped here so the parts
 * stay free of HTTP.
 */
function clientError(err: FastifyError | Error): ErrorBody | undefined {
  if (isCatalogueError(err)) return { code: err.code, message: err.message, statusCode: errorCatalogue[err.code].status };
  if (err instanceof TrainingError) return clientError(httpError(TRAINING_CODES[err.kind], err.message));
  if (err instanceof AccountError) return clientError(httpError(err.code, err.message));
  if (err instanceof RunInProgressError) return clientError(httpError('TESTS_IN_PROGRESS'));
  const fastifyError = err as FastifyError;
  // Schema validation and fastify's own request errors describe the request, not the server. The
  // message names the field (`text is required`), as the hand-written checks did before the schemas.
  if (fastifyError.validation) return clientError(httpError('VALIDATION', describeValidation(fastifyError.validation, fastifyError.validationContext)));
  const status = fastifyError.statusCode;
  if (status === undefined || status < 400 || status >= 500 || !fastifyError.code?.startsWith('FST_')) return undefined;
  const code = BY_STATUS[status];
  return code ? clientError(httpError(code, err.message)) : { code: fastifyError.code, message: err.message, statusCode: status };
}

function sendServerError(err: Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  // The request logger carries reqId; the body carries the same id and nothing of the error.
  req.log.error({ err }, 'request failed');
  const body: ErrorBody = { code: 'INTERNAL', message: errorCatalogue.INTERNAL.message, statusCode: 500, requestId: req.id };
  return reply.code(500).send(body);
}

/**
 * Registered first in app.ts (with fastify-plugin, so it is the root's): routes registered after
 * it inherit the handler. Unknown routes answer `NOT_FOUND` in the same shape.
 */
export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError | Error, req, reply) => {
      const body = clientError(err);
      if (!body) return sendServerError(err, req, reply);
      return reply.code(body.statusCode).send(body);
    });
    app.setNotFoundHandler((req, reply) => {
      const body = clientError(httpError('NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`))!;
      return reply.code(404).send(body);
    });
  },
  { name: 'error-handler' },
);
