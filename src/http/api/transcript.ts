import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { hashToken } from '../../conversation/token';
import { isPlainAddress } from '../../mail/header-safe';
import type { MailService } from '../../mail/service';
import type { Storage } from '../../storage/types';
import { ChatFeatures, TranscriptRequest, TranscriptSent } from '../../protocol/api/chat';
import { errorResponses } from '../../protocol/api/errors';
import { httpError } from '../errors';

export interface TranscriptRoutesOptions {
  storage: Storage;
  /** Absent when no SMTP_URL is configured: the widget is told email is off and the POST answers 404. */
  mail?: MailService;
  /** Transcripts one conversation may request per hour. Default 3. */
  perHour?: number;
  clock?: () => number;
}

/**
 * The widget's transcript by email (docs/email.md):
 * `GET /api/chat/features` → `{ transcriptEmail }`; `POST /api/chat/transcript { token, email }` → 202.
 * The customer's resume token is the credential: only the conversation it opens is sent.
 */
export const transcriptRoutes: FastifyPluginAsync<TranscriptRoutesOptions> = async (fastify, opts) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['chat'];
  const { storage, mail } = opts;
  const perHour = opts.perHour ?? 3;
  const clock = opts.clock ?? Date.now;
  const recent = new Map<string, number[]>();

  app.get('/api/chat/features', { schema: { tags, summary: 'What this server offers the widget', security: [], response: { 200: ChatFeatures, ...errorResponses } } }, async () => ({
    transcriptEmail: Boolean(mail),
  }));
  if (!mail) return;

  const schema = {
    tags,
    summary: 'Email the transcript to the customer (the resume token is the credential)',
    security: [],
    body: TranscriptRequest,
    response: { 202: TranscriptSent, ...errorResponses },
  };
  app.post('/api/chat/transcript', { schema }, async (req, reply) => {
    const { token, email } = req.body;
    if (!isPlainAddress(email)) throw httpError('VALIDATION', 'email must be one address like name@example.com');
    const conversation = await storage.getConversationByTokenHash(hashToken(token));
    if (!conversation) throw httpError('NOT_FOUND', 'no conversation for this token');
    const now = clock();
    const times = (recent.get(conversation.id) ?? []).filter((t) => now - t < 3_600_000);
    if (times.length >= perHour) throw httpError('TOO_MANY_REQUESTS', `at most ${perHour} transcripts per chat per hour`);
    recent.set(conversation.id, [...times, now]);
    const messages = await storage.messagesAfter(conversation.id, 0);
    await mail.sendTranscript(email, messages);
    return reply.code(202).send({ sent: true as const });
  });
};
