/** Maps the training part's refusals and request validation to the error catalogue's codes. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { TrainingError } from '../../training/errors';
import { errorCatalogue } from '../errors';

const STATUS: Record<TrainingError['kind'], { status: number; code: string }> = {
  validation: { status: 400, code: 'VALIDATION' },
  not_found: { status: 404, code: 'NOT_FOUND' },
  in_progress: { status: 409, code: 'TRAINING_IN_PROGRESS' },
  nothing_to_roll_back: { status: 409, code: 'NOTHING_TO_ROLL_BACK' },
};

/** Scoped to the plugin it is called in: JSON `{code, message, statusCode}`; 5xx never leak internals. */
export function trainingErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | TrainingError, req, reply) => {
    if (err instanceof TrainingError) {
      const { status, code } = STATUS[err.kind];
      return reply.code(status).send({ code, message: err.message, statusCode: status });
    }
    if ((err as FastifyError).validation) {
      return reply.code(400).send({ code: 'VALIDATION', message: err.message, statusCode: 400 });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ code: (err as FastifyError).code, message: err.message, statusCode: status });
    req.log.error({ err }, 'training route failed');
    return reply.code(500).send({ code: 'INTERNAL', message: errorCatalogue.INTERNAL.message, statusCode: 500 });
  });
}
