import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { httpError } from '../errors';
import type { HandoffStore } from '../../storage/handoff';
import { requireAgent } from './plugin';

/**
 * A guard for routes about one chat (`:id` is a conversation id), e.g. the agents' one-click
 * intent label: a signed-in session, and an `agent` only on a chat they hold now (operators and
 * admins on any). An agent gets the same 403 for another's chat and for one that does not exist,
 * so ids cannot be probed. Routes without an `:id` only need the session.
 * @example agentGuard: requireChatAccess(storage.handoff)
 */
export function requireChatAccess(store: Pick<HandoffStore, 'activeAssignments'>): preHandlerAsyncHookHandler {
  const signedIn = requireAgent('agent');
  return async function (this: unknown, req: FastifyRequest, reply: FastifyReply) {
    await signedIn.call(this as never, req, reply);
    const conversationId = (req.params as { id?: unknown } | undefined)?.id;
    const agent = req.agentSession!.agent;
    if (typeof conversationId !== 'string' || agent.role !== 'agent') return;
    const [assignment] = await store.activeAssignments({ conversationId });
    if (assignment?.agentId !== agent.id) throw httpError('FORBIDDEN');
  };
}
