/**
 * What the Transcripts filters ask of `GET /api/conversations` (docs/agent-protocol.md), checked
 * before asking. Pure: no DOM, so the unit tests run it in Node.
 */
import type { ConversationState } from '../../../protocol/customer';
import { dayRange } from '../training/format';

/** The filter form as the section keeps it; every field optional ("any"). */
export interface TranscriptFilter {
  /** yyyy-mm-dd (local day), inclusive, on the last activity. */
  fromDay?: string;
  /** yyyy-mm-dd (local day), inclusive. */
  toDay?: string;
  state?: ConversationState;
  /** true: handed over to a person; false: the bot alone. */
  escalated?: boolean;
  /** Only chats the customer rated 2 or lower. */
  lowRating?: boolean;
  /** Text search over the messages, 1–200 characters once trimmed. */
  q?: string;
}

export const MAX_QUERY_CHARS = 200;
/** "Rated 2 or lower". */
export const LOW_RATING = 2;

/** True when any filter narrows the list (the empty state then says so). */
export function hasFilters(f: TranscriptFilter): boolean {
  return !!(f.fromDay || f.toDay || f.state || f.escalated !== undefined || f.lowRating || f.q?.trim());
}

/**
 * The sentence to show instead of asking, or undefined when the filters can be sent.
 * @example filterProblem({ fromDay: '2026-05-02', toDay: '2026-05-01' }) // 'The “From” day is after the “To” day.'
 */
export function filterProblem(f: TranscriptFilter): string | undefined {
  if (f.fromDay && f.toDay && f.fromDay > f.toDay) return 'The “From” day is after the “To” day.';
  if ((f.q?.trim().length ?? 0) > MAX_QUERY_CHARS) return `Search for at most ${MAX_QUERY_CHARS} characters.`;
  return undefined;
}

/**
 * The query string for one page of the list.
 * @example conversationQuery({ state: 'closed', q: ' refund ' }, 'abc') // '?state=closed&q=refund&limit=50&cursor=abc'
 */
export function conversationQuery(f: TranscriptFilter, cursor?: string | null, limit = 50): string {
  const p = new URLSearchParams();
  const { from, to } = dayRange(f.fromDay, f.toDay);
  if (from !== undefined) p.set('from', String(from));
  // The server's `to` is exclusive: dayRange gives the start of the day after "To".
  if (to !== undefined) p.set('to', String(to));
  if (f.state) p.set('state', f.state);
  if (f.escalated !== undefined) p.set('escalated', String(f.escalated));
  if (f.lowRating) p.set('maxRating', String(LOW_RATING));
  const q = f.q?.trim();
  if (q) p.set('q', q);
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return `?${p.toString()}`;
}
