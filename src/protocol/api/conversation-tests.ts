/** `/api/conversation-tests/run`: start a run, read the running or last one (types in ../conversation-tests.ts). */
import { StringEnum } from './params';
import { Type } from '@sinclair/typebox';

export const ArticleRef = Type.Object({ id: Type.String(), title: Type.String(), url: Type.String(), category: Type.String() });
export const QuickReply = Type.Object({ label: Type.String(), value: Type.String() });

export const TranscriptLine = Type.Object({
  kind: StringEnum(['customer', 'bot', 'agent', 'system', 'status', 'error', 'note']),
  text: Type.String(),
  seq: Type.Optional(Type.Integer()),
  article: Type.Optional(ArticleRef),
  quickReplies: Type.Optional(Type.Array(QuickReply)),
});

export const ConversationResult = Type.Object({
  file: Type.String(),
  title: Type.String(),
  passed: Type.Boolean(),
  failures: Type.Array(Type.String()),
  expected: Type.String(),
  got: Type.String(),
  botReplies: Type.Optional(Type.Integer()),
  transcript: Type.Array(TranscriptLine),
  ms: Type.Number(),
});

export const ConversationTestRun = Type.Object({
  id: Type.String(),
  status: StringEnum(['running', 'done', 'failed']),
  dir: Type.String(),
  total: Type.Integer(),
  results: Type.Array(ConversationResult),
  passed: Type.Integer(),
  failed: Type.Integer(),
  startedAt: Type.Integer(),
  finishedAt: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
});

/** `run: null` before the first run on this server. */
export const RunAnswer = Type.Object({ run: Type.Union([ConversationTestRun, Type.Null()]) });
export const RunStarted = Type.Object({ run: ConversationTestRun });
