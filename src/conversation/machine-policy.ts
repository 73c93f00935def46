import type { IntentScore } from '../nlu/types';
import type { QuickReply } from '../protocol/customer';
import type { AnswerCandidate, ChoiceEvent, ConversationEvent, SayParams, UserMessageEvent } from './events';
import { NOT_WHAT_I_NEED } from './flows/engine';
import { flowForIntent } from './flows';
import { supportTopicReplies } from './topics';
import { CHOICE_HUMAN, CHOICE_NO, CHOICE_YES, TALK_TO_A_PERSON, TOPIC_PREFIX, copy } from './machine-copy';

/**
 * The pure predicates behind the conversation policy (DESIGN.md "Conversation policy"), kept out
 * of the machine config so each rule reads as one line there and can be unit-tested alone.
 */

/** Intents that mean "stop, this is an emergency": the urgent steps, then a person at once. */
export const URGENT_SECURITY_INTENTS: ReadonlySet<string> = new Set(['account_takeover', 'lost_stolen_card']);

const HUMAN_INTENT = 'talk_to_human';

export function isHumanIntent(intent: Pick<IntentScore, 'name' | 'category'>): boolean {
  return intent.category === 'human' || intent.name === HUMAN_INTENT;
}

export function isUrgentSecurityIntent(name: string): boolean {
  return URGENT_SECURITY_INTENTS.has(name);
}

export function isSmalltalk(intent: Pick<IntentScore, 'category'>): boolean {
  return intent.category === 'smalltalk';
}

export function asksForHuman(event: UserMessageEvent): boolean {
  return !event.lowConfidence && isHumanIntent(event.intent);
}

export function isUrgentSecurity(event: UserMessageEvent): boolean {
  return !event.lowConfidence && isUrgentSecurityIntent(event.intent.name);
}

/**
 * The answer to give: the best one that is not the article just given. The same answer is never
 * sent twice in a row; when there is no other, the message is a miss.
 */
export function freshAnswer(context: { lastAnswer: string | null }, event: ConversationEvent): AnswerCandidate | undefined {
  if (event.type !== 'USER_MESSAGE' && event.type !== 'CHOICE') return undefined;
  return event.answers.find((a) => a.article.id !== context.lastAnswer);
}

/**
 * An emergency (an `interrupts` flow: takeover, stolen card, fraud) is started from typed text
 * only at this confidence: the urgent path on a coin flip ("something is wrong with a payment"
 * at 0.51 fraud) would alarm the customer and the desk. Below it the message is an unsure turn.
 */
export const EMERGENCY_CONFIDENCE = 0.7;

/** A typed message whose top intent is an emergency the model is not sure enough of. */
export function isUnsureEmergency(event: UserMessageEvent): boolean {
  return !event.lowConfidence && event.intent.confidence < EMERGENCY_CONFIDENCE && flowForIntent(event.intent.name)?.interrupts === true;
}

/** A message the bot cannot help with: not understood, or understood with nothing (new) to answer. Off-topic is not a miss. */
export function isMiss(context: { lastAnswer: string | null }, event: UserMessageEvent): boolean {
  if (event.offTopic) return false;
  return event.lowConfidence || isUnsureEmergency(event) || (!isSmalltalk(event.intent) && freshAnswer(context, event) === undefined);
}

/**
 * A leading No: "no", "nope", "nah", "not really", "not quite", "didn't help"… as the first words.
 * Returns what came after it (maybe ''), or undefined when the message does not start with one.
 * "no one answers" and "no longer…" are not a No.
 * @example splitLeadingNo('no, the merchant already confirmed it') // { rest: 'the merchant already confirmed it' }
 */
export function splitLeadingNo(text: string): { rest: string } | undefined {
  const m = LEADING_NO.exec(text);
  if (!m) return undefined;
  return { rest: text.slice(m[0].length).trim() };
}
const LEADING_NO =
  /^\s*(?:(?:nope|nah|nay|not really|not quite|not at all|not exactly|no thanks|no thank you|(?:that |it |this )?(?:didn'?t|did not|doesn'?t|does not) help(?: at all)?)|no+(?!\s+(?:one|longer|more|matter|idea|way)\b))(?![\p{L}\p{N}'’])[\s,.;:!?—–-]*/iu;

/** "This isn't what I need" typed in a flow (the quick reply says the same). */
export function saysNotWhatINeed(text: string): boolean {
  return NOT_WHAT_I_NEED_TEXT.test(text);
}
const NOT_WHAT_I_NEED_TEXT =
  /\b(?:not|isn'?t|is not|aint|ain'?t)\s+(?:what|why)\s+(?:i|i'?m|im)\b|\bwrong\s+(?:topic|question|flow)\b|\bnot\s+(?:my|the)\s+(?:question|problem|issue)\b|\b(?:that|this)(?:'?s| is)\s+not\s+it\b|\bnot\s+(?:about|related\s+to)\s+(?:that|this)\b/i;

/** "This isn't what I need": the flow's quick reply, or said in words. */
export function wantsOutOfFlow(event: ConversationEvent): boolean {
  if (event.type === 'CHOICE') return event.value === NOT_WHAT_I_NEED;
  return event.type === 'USER_MESSAGE' && saysNotWhatINeed(event.text);
}

export type Choice =
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'human' }
  | { kind: 'topic'; intent: string }
  | { kind: 'unknown' };

/** Reads a quick-reply value. `intent:talk_to_human` counts as asking for a person. */
export function parseChoice(value: string): Choice {
  if (value === CHOICE_YES) return { kind: 'yes' };
  if (value === CHOICE_NO) return { kind: 'no' };
  if (value === CHOICE_HUMAN) return { kind: 'human' };
  if (value.startsWith(TOPIC_PREFIX) && value.length > TOPIC_PREFIX.length) {
    const intent = value.slice(TOPIC_PREFIX.length);
    return intent === HUMAN_INTENT ? { kind: 'human' } : { kind: 'topic', intent };
  }
  return { kind: 'unknown' };
}

export function choiceIs(event: ChoiceEvent, kind: Choice['kind']): boolean {
  return parseChoice(event.value).kind === kind;
}

/** The topic intent a CHOICE picked, or undefined when it is not a topic. */
export function chosenTopic(event: ChoiceEvent): string | undefined {
  const choice = parseChoice(event.value);
  return choice.kind === 'topic' ? choice.intent : undefined;
}

/**
 * Topics for a clarification: the offered topics without `exclude` (the topic that just failed),
 * without duplicates and without a "person" entry (the machine always adds its own, last).
 */
export function topicsToOffer(topics: QuickReply[], exclude?: string): QuickReply[] {
  const seen = new Set<string>();
  const out: QuickReply[] = [];
  for (const t of topics) {
    if (t.value === exclude || t.value === CHOICE_HUMAN || seen.has(t.value)) continue;
    seen.add(t.value);
    out.push(t);
  }
  return out;
}

/**
 * The quick replies of a clarification: the topics (the four support topics when there is no
 * likely one), then always a way out to a person.
 */
export function clarificationReplies(topics: QuickReply[]): QuickReply[] {
  return [...(topics.length > 0 ? topics : supportTopicReplies()), TALK_TO_A_PERSON];
}

/** The topic a clarification must not offer again: the one that just failed. */
function failedTopic(lastIntent: Pick<IntentScore, 'name'> | null, event: ConversationEvent): string | undefined {
  if (event.type !== 'CHOICE') return undefined;
  const choice = parseChoice(event.value);
  if (choice.kind === 'no') return lastIntent ? `${TOPIC_PREFIX}${lastIntent.name}` : undefined;
  if (choice.kind === 'topic') return event.value;
  return undefined;
}

/** The topics a clarification after this event offers (the service prepared them on the event). */
export function offeredTopics(context: { lastIntent: Pick<IntentScore, 'name'> | null }, event: ConversationEvent): QuickReply[] {
  const topics = event.type === 'USER_MESSAGE' || event.type === 'CHOICE' ? event.topics : [];
  return topicsToOffer(topics, failedTopic(context.lastIntent, event));
}

/** The clarification after a miss; its wording says which kind of miss it was. */
export function clarification(context: { lastIntent: Pick<IntentScore, 'name'> | null; misses?: number }, event: ConversationEvent): SayParams {
  const replies = clarificationReplies(offeredTopics(context, event));
  if (event.type === 'CHOICE') {
    const kind = parseChoice(event.value).kind;
    if (kind === 'no') return copy.didNotHelp(replies);
    if (kind === 'topic') return copy.noAnswerForTopic(replies);
  }
  // Said after the miss was counted: the misses before it are one fewer.
  return copy.notSure(replies, Math.max(0, (context.misses ?? 1) - 1));
}
