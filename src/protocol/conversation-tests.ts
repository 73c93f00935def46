/**
 * Conversation tests as the console and the CLI see them (docs/conversation-tests.md,
 * `GET /api/conversation-tests/run`): each file's result with its transcript, and a run's progress.
 */
import type { ArticleRef, QuickReply } from './customer';

/** One line of what happened, in order, as the customer (and the runner) saw it. */
export interface TranscriptLine {
  kind: 'customer' | 'bot' | 'agent' | 'system' | 'status' | 'error' | 'note';
  text: string;
  seq?: number;
  article?: ArticleRef;
  quickReplies?: QuickReply[];
}

export interface ConversationResult {
  file: string;
  title: string;
  passed: boolean;
  /** Why it failed, one sentence each; empty when it passed. */
  failures: string[];
  /** The expected outcome in words. */
  expected: string;
  /** What happened, in words. */
  got: string;
  /** Bot messages (after the greeting) up to and including the outcome, when it was reached. */
  botReplies?: number;
  transcript: TranscriptLine[];
  ms: number;
}

/** A run of the server's conversation folder: one at a time per server. */
export interface ConversationTestRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  /** The folder the files came from. */
  dir: string;
  /** Files in the run (0: the folder holds none). */
  total: number;
  /** Results so far, in file order. */
  results: ConversationResult[];
  passed: number;
  failed: number;
  startedAt: number;
  finishedAt?: number;
  /** Why the run itself could not go on (`failed`), e.g. the folder is missing. */
  error?: string;
}

/**
 * One transcript line as text, the same in the CLI and the console:
 * `bot: … [article refund-timing (refund)] [Yes | No]`.
 * @example transcriptText({ kind: 'customer', text: 'where is my refund' }) // => 'customer: where is my refund'
 */
export function transcriptText(l: TranscriptLine): string {
  if (l.kind === 'note') return `-- ${l.text} --`;
  if (l.kind === 'status') return `[status ${l.text}]`;
  const extras: string[] = [];
  if (l.article) extras.push(`[article ${l.article.id} (${l.article.category})]`);
  if (l.quickReplies) extras.push(`[${l.quickReplies.map((q) => q.label).join(' | ')}]`);
  const text = l.text.replace(/\s*\n+\s*/g, ' / ');
  return `${l.kind}: ${text}${extras.length ? ' ' + extras.join(' ') : ''}`;
}
