/**
 * REST for the operators' loop, under /api/training (operator or admin role), plus the agents'
 * one-click intent on an escalated chat. Documented in docs/training.md. Each group is its own
 * file (training-*.ts); this plugin applies the guard and error handling to all of them.
 */
import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { TrainingService } from '../../training/service';
import { trainingAgentRoutes } from './training-agent';
import { trainingErrorHandler } from './training-errors';
import { trainingModelRoutes } from './training-models';
import { trainingTriageRoutes } from './training-triage';

export interface TrainingRoutesOptions {
  service: TrainingService;
  /**
   * preHandler admitting operators and admins (the auth part's `requireAgent('operator')`).
   * @example { operatorGuard: requireAgent('operator') }
   */
  operatorGuard: preHandlerAsyncHookHandler;
  /** preHandler admitting any signed-in agent (`requireAgent()`), for the one-click intent. */
  agentGuard: preHandlerAsyncHookHandler;
  /** Id of the signed-in agent of a request that passed a guard. Default: `request.agentSession.agent.id`. */
  whoIs?: (req: FastifyRequest) => string;
}

/** The signed-in agent's id from the session the auth part resolved (`request.agentSession.agent.id`). */
export function agentIdOf(req: FastifyRequest): string {
  const id = (req as unknown as { agentSession?: { agent?: { id?: unknown } } }).agentSession?.agent?.id;
  return typeof id === 'string' ? id : 'unknown';
}

export const trainingRoutes: FastifyPluginAsync<TrainingRoutesOptions> = async (app, opts) => {
  const whoIs = opts.whoIs ?? agentIdOf;
  trainingErrorHandler(app);
  await app.register(async (operators) => {
    operators.addHook('preHandler', opts.operatorGuard);
    await operators.register(trainingTriageRoutes, { service: opts.service, whoIs });
    await operators.register(trainingModelRoutes, { service: opts.service, whoIs });
  });
  await app.register(async (agents) => {
    agents.addHook('preHandler', opts.agentGuard);
    await agents.register(trainingAgentRoutes, { service: opts.service, whoIs });
  });
};

/**
 * Until the auth part's guard is wired: refuses every request with 401, so the training API is
 * never open by accident.
 */
export const refuseUnauthenticated: preHandlerAsyncHookHandler = async (_req, reply) => {
  await reply.code(401).send({ code: 'UNAUTHENTICATED', message: 'Please log in.', statusCode: 401 });
};
