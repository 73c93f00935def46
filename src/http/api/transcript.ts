import type { FastifyPluginAsync } from 'fastify';
import { hashToken } from '../../conversation/token';
import { isPlainAddress } from '../../mail/header-safe';
import type { MailService } from '../../mail/service';
import type { Storage } from '../../storage/types';
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
export const transcriptRoutes: FastifyPluginAsync<TranscriptRoutesOptions> = async (app, opts) => {
  const { storage, mail } = opts;
  const perHour = opts.perHour ?? 3;
  const clock = opts.clock ?? Date.now;
  const recent = new Map<string, number[]>();

  app.get('/api/chat/features', async () => ({ transcriptEmail: Boolean(mail) }));
  if (!mail) return;

  app.post<{ Body: { token?: unknown; email?: unknown } | undefined }>('/api/chat/transcript', async (req, reply) => {
    const { token, email } = req.body ?? {};
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) throw httpError('VALIDATION', 'token is required');
    if (!isPlainAddress(email)) throw httpError('VALIDATION', 'email must be one address like name@example.com');
    const conversation = await storage.getConversationByTokenHash(hashToken(token));
    if (!conversation) throw httpError('NOT_FOUND', 'no conversation for this token');
    const now = clock();
    const times = (recent.get(conversation.id) ?? []).filter((t) => now - t < 3_600_000);
    if (times.length >= perHour) throw httpError('TOO_MANY_REQUESTS', `at most ${perHour} transcripts per chat per hour`);
    recent.set(conversation.id, [...times, now]);
    const messages = await storage.messagesAfter(conversation.id, 0);
    await mail.sendTranscript(email, messages);
    return reply.code(202).send({ sent: true });
  });
};
