/**
 * Helpers for tests that drive the conversation machine alone through step(), as the service
 * does (persisted as JSON between events): events as the service would build them, and readers
 * of the effects. Shared by flows.test.ts and policy.test.ts.
 */
import { CASE_ID_ALPHABET } from '../../src/cases/ids';
import type { AvailabilityEvent, ChoiceEvent, ConversationEvent, MachineInput, UserMessageEvent } from '../../src/conversation/events';
import { type Effect, type StepResult, startConversation, step } from '../../src/conversation/snapshot';
import type { Entity } from '../../src/nlu/types';

// ---- event factory: what the service would build for each message ----

export const INPUT: MachineInput = { brandName: 'Acme Pay', maxMisses: 2, refundWaitDays: 14, caseFollowUpHours: 24 };
export const NOW = Date.parse('2026-03-20T10:00:00Z');
/** The seed whose case id is CS-7K3P9Q (caseIdFromSeed reads 5 bits per character, first character lowest). */
export const SEED = [...'7K3P9Q'].reduceRight((acc, ch) => acc * 32 + CASE_ID_ALPHABET.indexOf(ch), 0);

export function entity(type: string, value: string, text = value): Entity {
  return { type, value, text, start: 0, end: text.length };
}

/** A customer message; unless told otherwise it is low-confidence small text (a slot answer). */
export function say(text: string, overrides: Partial<UserMessageEvent> = {}): UserMessageEvent {
  return {
    type: 'USER_MESSAGE',
    messageId: `m-${text.length}-${Math.random()}`,
    text,
    intent: { name: 'out_of_scope', category: 'out_of_scope', confidence: 0.3 },
    ranking: [],
    entities: [],
    lowConfidence: true,
    frustrated: false,
    answers: [],
    topics: [],
    now: NOW,
    seed: SEED,
    ...overrides,
  };
}

export const intent = (name: string, category: string, text: string, overrides: Partial<UserMessageEvent> = {}) =>
  say(text, { intent: { name, category, confidence: 0.97 }, lowConfidence: false, ...overrides });

export const choice = (value: string, overrides: Partial<ChoiceEvent> = {}): ChoiceEvent => ({
  type: 'CHOICE',
  messageId: `c-${value}`,
  value,
  answers: [],
  topics: [],
  now: NOW,
  seed: SEED,
  ...overrides,
});

export const refundStart = () => intent('report_return', 'refund', "I returned my jacket but I'm still being asked to pay");
export const disputeStart = () => intent('item_not_received', 'dispute', "The seller never delivered and won't answer me");
export const billingStart = (name = 'payment_failed') =>
  intent(name, 'billing', 'my payment failed', {
    answers: [
      {
        article: { id: 'payment-failed', title: 'Why did my payment fail?', url: '/help/payment-failed', category: 'billing' },
        summary: 'A payment usually fails because the card has expired.',
      },
    ],
  });

/**
 * Runs events through step() as the service does, persisting as JSON in between. When the
 * machine asks `checkAvailability`, the next event answers it if it is an AVAILABILITY event;
 * otherwise someone is available. The result holds the effects of the last customer turn.
 */
export function run(...events: ConversationEvent[]): StepResult {
  return runWith(INPUT, ...events);
}

/** `run` from a conversation started with `input`. */
export function runWith(input: MachineInput, ...events: ConversationEvent[]): StepResult {
  let result = startConversation(input);
  const available: AvailabilityEvent = { type: 'AVAILABILITY', available: true };
  events.forEach((event, i) => {
    const next = step(JSON.parse(JSON.stringify(result.snapshot)), event);
    result = event.type === 'AVAILABILITY' ? { snapshot: next.snapshot, effects: [...result.effects, ...next.effects] } : next;
    if (next.effects.some((e) => e.type === 'checkAvailability') && events[i + 1]?.type !== 'AVAILABILITY') {
      const answered = step(JSON.parse(JSON.stringify(result.snapshot)), available);
      result = { snapshot: answered.snapshot, effects: [...result.effects, ...answered.effects] };
    }
  });
  return result;
}

export const texts = (effects: Effect[]) => effects.filter((e) => e.type === 'say').map((e) => e.params.text);
export const last = (effects: Effect[]) => texts(effects).at(-1) ?? '';
export const cases = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'openCase' ? [e.params] : []));
export const escalations = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'escalate' ? [e.params] : []));

