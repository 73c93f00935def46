/**
 * The Transcripts section's REST calls: one page of the conversation list, one transcript, and
 * flagging a customer message for labelling (docs/agent-protocol.md, docs/training.md).
 */
import type { ConversationPage, TranscriptFrame } from '../../../protocol/agent';
import { createRest, type RestOptions } from '../rest';
import { conversationQuery, type TranscriptFilter } from './query';

/** `GET /api/conversations/:id`: the socket's transcript frame without `type`. */
export type Transcript = Omit<TranscriptFrame, 'type'>;

/** @example const api = createTranscriptsApi({ csrfToken: ctx.csrfToken }); const page = await api.list({ escalated: true }); */
export function createTranscriptsApi(opts: RestOptions) {
  const { call, send } = createRest(opts);
  return {
    /** One page, newest activity first; pass the previous page's `nextCursor` for the next. */
    list: (filter: TranscriptFilter, cursor?: string | null) => call<ConversationPage>('GET', `/api/conversations${conversationQuery(filter, cursor)}`),
    transcript: (id: string) => call<Transcript>('GET', `/api/conversations/${encodeURIComponent(id)}`),
    /** Puts a customer message in the triage inbox; `created` is false when it was there already. */
    async flag(conversationId: string, messageId: string): Promise<{ created: boolean }> {
      const answer = await send<{ item: unknown }>('POST', '/api/training/triage', { conversationId, messageId });
      return { created: answer.status === 201 };
    },
  };
}

export type TranscriptsApi = ReturnType<typeof createTranscriptsApi>;
