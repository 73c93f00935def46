/**
 * How one conversation reads in the Transcripts list and above its transcript: state, hand-off,
 * rating, message count, last activity, the empty state. Pure: no DOM, so the unit tests run it
 * in Node.
 */
import type { ConversationSummary } from '../../../protocol/agent';
import { ratingText } from '../api';
import { reasonLabel } from '../format';

const STATES: Record<string, string> = {
  bot: 'With the bot',
  queued: 'Waiting for a person',
  agent: 'With an agent',
  closed: 'Closed',
};

/** A conversation state in words; unknown ones (a newer server) as they come. */
export function stateLabel(state: string): string {
  return Object.prototype.hasOwnProperty.call(STATES, state) ? (STATES[state] as string) : state;
}

/**
 * Why the bot handed over, or undefined when it did not.
 * @example handoffText({ reason: 'asked_for_human', status: 'closed' }) // 'Handed over: Asked for a person'
 */
export function handoffText(escalation: ConversationSummary['escalation']): string | undefined {
  return escalation ? `Handed over: ${reasonLabel(escalation.reason)}` : undefined;
}

/** "★★☆☆☆ 2/5", or "Not rated". */
export function ratingLabel(rating: number | null): string {
  return rating === null || !Number.isFinite(rating) ? 'Not rated' : ratingText(rating);
}

export function messageCountText(n: number): string {
  return n === 1 ? '1 message' : `${n} messages`;
}

/** The first customer message, or what stands for it when the customer wrote nothing. */
export function previewText(preview: string): string {
  return preview.trim() || '(the customer wrote nothing)';
}

/**
 * The last activity: the time alone today, the day and time this year, the full date otherwise.
 * @example activityText(Date.UTC(2026, 4, 12, 9, 5), Date.UTC(2026, 4, 14), 'UTC') // '12 May, 09:05'
 */
export function activityText(at: number, now: number, timeZone?: string): string {
  const day = (t: number, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...o, timeZone }).format(t);
  const time = day(at, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (day(at, { dateStyle: 'short' }) === day(now, { dateStyle: 'short' })) return time;
  const sameYear = day(at, { year: 'numeric' }) === day(now, { year: 'numeric' });
  return `${day(at, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' })}, ${time}`;
}

export const NO_MATCH = 'No conversations match these filters.';
export const NO_CONVERSATIONS = 'No conversations yet. Chats appear here once customers have written to the bot.';

/** The empty state: whether the filters or the desk is empty. */
export function emptyText(filtered: boolean): string {
  return filtered ? NO_MATCH : NO_CONVERSATIONS;
}

/** "12 conversations" / "50 conversations, more to load". */
export function countText(shown: number, more: boolean): string {
  const n = shown === 1 ? '1 conversation' : `${shown} conversations`;
  return more ? `${n} shown; more to load.` : `${n}.`;
}
