import { WEBHOOK_EVENTS, type WebhookEventType } from '../storage/webhooks';

/** Thrown for an endpoint that cannot be stored; the message says what to fix. */
export class WebhookInputError extends Error {
  override name = 'WebhookInputError';
}

/** Checks an endpoint URL: absolute http(s), no more than 2000 characters. */
export function checkEndpointUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) throw new WebhookInputError('url is required');
  if (raw.length > 2000) throw new WebhookInputError('url must be at most 2000 characters');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new WebhookInputError('url must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new WebhookInputError('url must be an absolute http:// or https:// URL');
  return parsed.toString();
}

/** Checks a list of event types: at least one, each known, no repeats (order kept). */
export function checkEvents(raw: unknown): WebhookEventType[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new WebhookInputError(`events must list at least one of ${WEBHOOK_EVENTS.join(', ')}`);
  const out: WebhookEventType[] = [];
  for (const e of raw) {
    if (typeof e !== 'string' || !(WEBHOOK_EVENTS as readonly string[]).includes(e)) {
      throw new WebhookInputError(`unknown event "${String(e)}"; events are ${WEBHOOK_EVENTS.join(', ')}`);
    }
    if (!out.includes(e as WebhookEventType)) out.push(e as WebhookEventType);
  }
  return out;
}

/** Checks an optional description: a string of at most 200 characters. */
export function checkDescription(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string' || raw.length > 200) throw new WebhookInputError('description must be text of at most 200 characters');
  return raw.trim();
}
