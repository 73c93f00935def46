/**
 * REST for the operators' loop, under /api/training (operator or admin role), plus the agents'
 * one-click intent on an escalated chat. Documented in docs/training.md. Each group is its own
 * file (training-*.ts); this plugin applies the guards to all of them (errors: the root handler, error-handler.ts).
 */
import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { TrainingService } from '../../training/service';
import { trainingAgentRoutes } from './training-agent';
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
  await app.register(async (operators) => {
    // Guards run before validation: a caller without the right learns nothing from a 400.
    operators.addHook('preValidation', opts.operatorGuard);
    await operators.register(trainingTriageRoutes, { service: opts.service, whoIs });
    await operators.register(trainingModelRoutes, { service: opts.service, whoIs });
  });
  await app.register(async (agents) => {
    agents.addHook('preValidation', opts.agentGuard);
    await agents.register(trainingAgentRoutes, { service: opts.service, whoIs });
  });
};
