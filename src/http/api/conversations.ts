import type { FastifyPluginAsync } from 'fastify';
import { httpError } from '../errors';
import type { HandoffService, Outcome } from '../../handoff/service';
import { toTranscriptMessage } from '../../handoff/service';
import { requireAgent } from '../auth/plugin';

export interface ConversationRoutesOptions {
  handoff: HandoffService;
  maxMessageChars: number;
}

type Params = { Params: { id: string } };

/** The value of a successful outcome; a refusal is thrown as its catalogue error. */
function valueOf<T>(result: Outcome<T>): T {
  if (!result.ok) throw httpError(result.code);
  return result.value;
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The agent actions over REST, for scripts; they mirror the agent socket and are authorised the
 * same way (an agent acts only on their own chats; operators/admins may read all).
 */
export const conversationRoutes: FastifyPluginAsync<ConversationRoutesOptions> = async (app, { handoff, maxMessageChars }) => {
  app.addHook('preHandler', requireAgent());

  app.get<Params>('/api/conversations/:id', async (req) => valueOf(await handoff.transcript(req.agentSession!.agent, req.params.id)));

  app.post<Params>('/api/conversations/:id/claim', async (req) => {
    valueOf(await handoff.claim(req.agentSession!.agent, req.params.id));
    return { conversationId: req.params.id, agentId: req.agentSession!.agent.id };
  });

  app.post<Params & { Body: { id?: unknown; text?: unknown } }>('/api/conversations/:id/messages', async (req, reply) => {
    const { id, text } = (req.body ?? {}) as { id?: unknown; text?: unknown };
    if (typeof text !== 'string' || text.trim() === '' || text.length > maxMessageChars) {
      throw httpError('VALIDATION', `"text" must be 1-${maxMessageChars} characters`);
    }
    if (id !== undefined && (typeof id !== 'string' || !ID_RE.test(id))) throw httpError('VALIDATION', '"id" is not valid');
    const sent = valueOf(await handoff.sendMessage(req.agentSession!.agent, req.params.id, { id: id as string | undefined, text: text.trim() }));
    return reply.code(201).send({ message: toTranscriptMessage(sent) });
  });

  app.post<Params>('/api/conversations/:id/release', async (req, reply) => {
    valueOf(await handoff.release(req.agentSession!.agent, req.params.id));
    return reply.code(204).send();
  });

  app.post<Params & { Body: { resolution?: unknown } }>('/api/conversations/:id/close', async (req, reply) => {
    const resolution = (req.body as { resolution?: unknown } | undefined)?.resolution;
    if (typeof resolution !== 'string' || resolution.length > 2000) throw httpError('VALIDATION', '"resolution" must be a string');
    valueOf(await handoff.close(req.agentSession!.agent, req.params.id, resolution));
    return reply.code(204).send();
  });
};
