import type { SayParams } from '../events';
import { DEFAULT_ORDER_ID_SOURCE } from '../../protocol/order-id';
import type { FlowEnv, SlotInput, SlotResult } from './types';

/** Slot parsers shared by the flows: each accepts what a customer would type, or re-asks politely. */

/** Quick-reply values used inside flows. */
export const FLOW_CANCEL = 'cancel';
export const HAVE_IT = 'have_it';
export const DONT_HAVE_IT = 'dont_have_it';
export const CANCEL_REPLY = { label: 'Cancel', value: FLOW_CANCEL };

const DAY_MS = 86_400_000;

const ok = (value: string): SlotResult => ({ ok: true, value });
const retry = (text: string, quickReplies?: SayParams['quickReplies']): SlotResult => ({
  ok: false,
  reprompt: quickReplies ? { text, quickReplies } : { text },
});

/** "cancel", "stop", "never mind": the customer wants out of the flow. */
export function isCancel(input: { text?: string; choice?: string }): boolean {
  if (input.choice === FLOW_CANCEL) return true;
  const t = (input.text ?? '').trim().toLowerCase();
  return /^(?:please\s+)?(?:cancel|stop|quit|exit|never\s?mind|forget\s+it|leave\s+it)(?:\s+(?:it|this|that|please))*[\s.!]*$/.test(t);
}

export function isYes(input: SlotInput): boolean {
  if (input.choice) return input.choice === 'yes';
  return /^(?:y|yes|yeah|yep|yup|sure|ok|okay|please|yes please|it did|that helped|solved|sorted)\b/i.test(input.text.trim());
}

export function isNo(input: SlotInput): boolean {
  if (input.choice) return input.choice === 'no';
  return /^(?:n|no|nope|nah|not really|it didn'?t|didn'?t|still|no thanks|not now)\b/i.test(input.text.trim());
}

export function orderIdExamples(env: FlowEnv): string {
  return env.orderIdPattern === DEFAULT_ORDER_ID_SOURCE ? ' It has 8 digits (like 48213977) or starts with ORD- (like ORD-12345).' : '';
}

/** An order id the page or an earlier message gave is offered, not asked for again. */
export const ORDER_SUGGESTION = { entity: 'order_id', question: (id: string) => `Is this about order ${id}?` };

/**
 * An order id: the NLU's `order_id` entity, found with the configured pattern (config
 * `ORDER_ID_PATTERN`, compiled once there and given to the entity extractor).
 */
export function parseOrderId(input: SlotInput, env: FlowEnv): SlotResult {
  const found = input.entities.find((e) => e.type === 'order_id');
  if (found) return ok(found.value.toUpperCase());
  return retry(
    `Sorry, that doesn't look like one of our order ids. You'll find it in your order confirmation email.${orderIdExamples(env)} Could you check and send it again?`,
    [CANCEL_REPLY],
  );
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date that has already happened (ISO `YYYY-MM-DD`). */
export function parsePastDate(input: SlotInput): SlotResult {
  const date = input.entities.find((e) => e.type === 'date');
  if (!date) {
    return retry('Sorry, I didn\'t catch a date there. Could you give me the date, for example "12 March" or "last Tuesday"?', [CANCEL_REPLY]);
  }
  if (input.now !== undefined && date.value > isoDay(input.now)) {
    return retry(`${formatDay(date.value)} is still to come. Which date did it happen?`, [CANCEL_REPLY]);
  }
  return ok(date.value);
}

export function parseAmount(input: SlotInput): SlotResult {
  const amount = input.entities.find((e) => e.type === 'amount');
  if (amount) return ok(amount.text.trim());
  const bare = /(?<![\d.,])\d{1,7}(?:[.,]\d{1,2})?(?![\d.,]*\d)/.exec(input.text);
  if (bare && !/\d{8}/.test(input.text)) return ok(bare[0]);
  return retry('Sorry, I didn\'t catch the amount. How much did you pay, for example "€49.99"?', [CANCEL_REPLY]);
}

export function parseMerchant(input: SlotInput): SlotResult {
  const merchant = input.entities.find((e) => e.type === 'merchant');
  if (merchant) return ok(merchant.value);
  const text = input.text.trim().replace(/[.!]+$/, '');
  if (/\p{L}/u.test(text) && text.length <= 80) return ok(text);
  return retry('Which shop or seller was it? Just the name is enough.', [CANCEL_REPLY]);
}

export function parseFreeText(input: SlotInput): SlotResult {
  const text = input.text.trim();
  if (text.length >= 3 && /\p{L}/u.test(text)) return ok(text.slice(0, 500));
  return retry('Could you tell me a bit more, in a sentence or two?', [CANCEL_REPLY]);
}

export const EVIDENCE_REPLIES = [
  { label: 'Yes, I have it', value: HAVE_IT },
  { label: "I don't have it", value: DONT_HAVE_IT },
  CANCEL_REPLY,
];

/** "yes" / "I don't have it", or the evidence itself (a tracking number, say). */
export function parseEvidence(input: SlotInput): SlotResult {
  if (input.choice === HAVE_IT) return ok('yes');
  if (input.choice === DONT_HAVE_IT) return ok('not available');
  const t = input.text.trim();
  if (/\b(?:don'?t|do not|haven'?t|have not|never (?:got|received)|no longer|lost|deleted|none)\b|^no\b|^nope\b/i.test(t)) return ok('not available');
  if (/^(?:y|yes|yeah|yep|sure|i do|i have|got it)\b/i.test(t)) return ok('yes');
  const code = /\b[A-Z0-9]{8,30}\b/i.exec(t);
  if (code && /\d/.test(code[0])) return ok(`yes (${code[0]})`);
  return retry('Do you have it? Please answer "yes" or "I don\'t have it".', EVIDENCE_REPLIES);
}

export const YES_NO_CANCEL = [
  { label: 'Yes', value: 'yes' },
  { label: 'No', value: 'no' },
];

export function parseYesNo(input: SlotInput): SlotResult {
  if (isYes(input)) return ok('yes');
  if (isNo(input)) return ok('no');
  return retry('Sorry, was that a yes or a no?', YES_NO_CANCEL);
}

export function parseEmail(input: SlotInput): SlotResult {
  const email = input.entities.find((e) => e.type === 'email');
  if (email) return ok(email.value);
  const m = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/.exec(input.text);
  if (m) return ok(m[0].toLowerCase());
  return retry("Sorry, that doesn't look like an email address. Could you type it again, like name@example.com?", [CANCEL_REPLY]);
}

/** `2026-03-12` → `12 March 2026`. */
export function formatDay(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

/** Epoch ms → `28 November 2026`. */
export function formatDate(ms: number): string {
  return formatDay(isoDay(ms));
}

/** Epoch ms → `Monday 30 November at 09:00 UTC`. */
export function formatMoment(ms: number): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC',
  }).formatToParts(ms);
  const part = (type: string) => f.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} at ${part('hour')}:${part('minute')} UTC`;
}

export function daysBetween(isoFrom: string, nowMs: number): number {
  return Math.floor((nowMs - Date.parse(`${isoFrom}T00:00:00Z`)) / DAY_MS);
}

export function addDaysIso(iso: string, days: number): string {
  return isoDay(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS);
}

/** Prefill from a parser, only when it accepts the message. */
export function whenParsed(parse: (input: SlotInput, env: FlowEnv) => SlotResult) {
  return (input: SlotInput, env: FlowEnv): string | undefined => {
    const r = parse(input, env);
    return r.ok ? r.value : undefined;
  };
}

/** Prefill from an extracted entity of this type only (never from free text). */
export function fromEntity(type: string, use: 'value' | 'text' = 'value') {
  return (input: SlotInput): string | undefined => {
    const e = input.entities.find((x) => x.type === type);
    return e ? (use === 'value' ? e.value : e.text.trim()) : undefined;
  };
}
