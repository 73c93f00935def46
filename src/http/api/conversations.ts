import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { HandoffService, Outcome } from '../../handoff/service';
import { toTranscriptMessage } from '../../handoff/service';
import { AgentMessageBody, AgentMessageSent, Claimed, CloseBody, Transcript } from '../../protocol/api/conversations';
import { errorResponses, NoContent } from '../../protocol/api/errors';
import { IdParams } from '../../protocol/api/params';
import { requireAgent } from '../auth/plugin';
import { httpError } from '../errors';
import { readSecurity, writeSecurity } from './openapi-security';

export interface ConversationRoutesOptions {
  handoff: HandoffService;
  maxMessageChars: number;
}

/** The value of a successful outcome; a refusal is thrown as its catalogue error. */
function valueOf<T>(result: Outcome<T>): T {
  if (!result.ok) throw httpError(result.code);
  return result.value;
}

/**
 * The agent actions over REST, for scripts; they mirror the agent socket and are authorised the
 * same way (an agent acts only on their own chats; operators/admins may read all).
 */
export const conversationRoutes: FastifyPluginAsync<ConversationRoutesOptions> = async (fastify, { handoff, maxMessageChars }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preValidation', requireAgent());
  const tags = ['conversations'];
  const write = { tags, security: writeSecurity, params: IdParams };

  app.get(
    '/api/conversations/:id',
    { schema: { tags, summary: 'One chat’s transcript, notes and hand-off', security: readSecurity, params: IdParams, response: { 200: Transcript, ...errorResponses } } },
    async (req) => valueOf(await handoff.transcript(req.agentSession!.agent, req.params.id)),
  );

  app.post('/api/conversations/:id/claim', { schema: { ...write, summary: 'Take a queued chat', response: { 200: Claimed, ...errorResponses } } }, async (req) => {
    valueOf(await handoff.claim(req.agentSession!.agent, req.params.id));
    return { conversationId: req.params.id, agentId: req.agentSession!.agent.id };
  });

  app.post(
    '/api/conversations/:id/messages',
    {
      schema: {
        ...write,
        summary: 'Write to the customer (in a chat you hold)',
        body: { ...AgentMessageBody, properties: { ...AgentMessageBody.properties, text: { ...AgentMessageBody.properties.text, maxLength: maxMessageChars } } },
        response: { 201: AgentMessageSent, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { id, text } = req.body;
      const sent = valueOf(await handoff.sendMessage(req.agentSession!.agent, req.params.id, { id, text: text.trim() }));
      return reply.code(201).send({ message: toTranscriptMessage(sent) });
    },
  );

  app.post('/api/conversations/:id/release', { schema: { ...write, summary: 'Hand the chat back to the bot', response: { 204: NoContent, ...errorResponses } } }, async (req, reply) => {
    valueOf(await handoff.release(req.agentSession!.agent, req.params.id));
    return reply.code(204).send(null);
  });

  app.post(
    '/api/conversations/:id/close',
    { schema: { ...write, summary: 'Close the chat with a resolution', body: CloseBody, response: { 204: NoContent, ...errorResponses } } },
    async (req, reply) => {
      valueOf(await handoff.close(req.agentSession!.agent, req.params.id, req.body.resolution));
      return reply.code(204).send(null);
    },
  );
};
