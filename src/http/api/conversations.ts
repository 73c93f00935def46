import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { HandoffService, Outcome } from '../../handoff/service';
import { toTranscriptMessage } from '../../handoff/service';
import { requireAgent, sendError } from '../auth/plugin';

export interface ConversationRoutesOptions {
  handoff: HandoffService;
  maxMessageChars: number;
}

type Params = { Params: { id: string } };

function refuse(reply: FastifyReply, result: Outcome<unknown>): FastifyReply | undefined {
  if (result.ok) return undefined;
  return sendError(reply, result.code);
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The agent actions over REST, for scripts; they mirror the agent socket and are authorised the
 * same way (an agent acts only on their own chats; operators/admins may read all).
 */
export const conversationRoutes: FastifyPluginAsync<ConversationRoutesOptions> = async (app, { handoff, maxMessageChars }) => {
  app.addHook('preHandler', requireAgent());

  app.get<Params>('/api/conversations/:id', async (req, reply) => {
    const t = await handoff.transcript(req.agentSession!.agent, req.params.id);
    return refuse(reply, t) ?? (t.ok ? t.value : undefined);
  });

  app.post<Params>('/api/conversations/:id/claim', async (req, reply) => {
    const r = await handoff.claim(req.agentSession!.agent, req.params.id);
    return refuse(reply, r) ?? { conversationId: req.params.id, agentId: req.agentSession!.agent.id };
  });

  app.post<Params & { Body: { id?: unknown; text?: unknown } }>('/api/conversations/:id/messages', async (req, reply) => {
    const { id, text } = (req.body ?? {}) as { id?: unknown; text?: unknown };
    if (typeof text !== 'string' || text.trim() === '' || text.length > maxMessageChars) {
      return sendError(reply, 'VALIDATION', `"text" must be 1-${maxMessageChars} characters`);
    }
    if (id !== undefined && (typeof id !== 'string' || !ID_RE.test(id))) return sendError(reply, 'VALIDATION', '"id" is not valid');
    const r = await handoff.sendMessage(req.agentSession!.agent, req.params.id, { id: id as string | undefined, text: text.trim() });
    if (!r.ok) return refuse(reply, r);
    return reply.code(201).send({ message: toTranscriptMessage(r.value) });
  });

  app.post<Params>('/api/conversations/:id/release', async (req, reply) => {
    const r = await handoff.release(req.agentSession!.agent, req.params.id);
    return refuse(reply, r) ?? reply.code(204).send();
  });

  app.post<Params & { Body: { resolution?: unknown } }>('/api/conversations/:id/close', async (req, reply) => {
    const resolution = (req.body as { resolution?: unknown } | undefined)?.resolution;
    if (typeof resolution !== 'string' || resolution.length > 2000) return sendError(reply, 'VALIDATION', '"resolution" must be a string');
    const r = await handoff.close(req.agentSession!.agent, req.params.id, resolution);
    return refuse(reply, r) ?? reply.code(204).send();
  });
};
