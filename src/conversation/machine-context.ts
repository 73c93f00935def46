import type { Entity, IntentScore } from '../nlu/types';
import type { CollectedEntity, EscalationSummary } from '../storage/meta';
import type { EscalationReason } from '../storage/types';
import type { AnswerCandidate, ConversationEvent, CustomerEvent, OpenCaseParams, SayParams, TopicOption } from './events';
import { type ActiveFlow, labelledSlots } from './flows/engine';
import { DEFAULT_ORDER_ID_SOURCE } from '../protocol/order-id';
import type { FlowEnv, SlotInput } from './flows/types';
import { chosenTopic } from './machine-policy';

/**
 * The conversation machine's context and the pure functions its guards and actions read it
 * with. Everything in the context is JSON-safe: it is persisted with every turn.
 */

export type { CollectedEntity } from '../storage/meta';

export interface ConversationMachineContext {
  brandName: string;
  /** Misses in a conversation that hand the chat to a person (at least 1). */
  maxMisses: number;
  /**
   * Misses so far in this conversation, whatever menus, answers or flows came between: a No to an
   * answer, an unsure turn (or nothing new to answer), a refused slot answer, "this isn't what I
   * need" in a flow. Only a person's turn (released back to the bot) starts the count again.
   */
  misses: number;
  /** The last understood (or guessed) intent; a topic picked from quick replies has confidence 1. */
  lastIntent: IntentScore | null;
  /** Id of the last article the bot answered with. */
  lastAnswer: string | null;
  /** Entities by type (`order_id`, `amount`, ...), latest wins. */
  entities: Record<string, CollectedEntity>;
  /** The topics offered in the last clarification (without "Talk to a person"). */
  lastTopics: TopicOption[];
  /** Flow settings from config. Optional: snapshots from before flows existed lack it. */
  env?: Omit<FlowEnv, 'brandName'>;
  /** The guided flow in progress (state `bot.flow.<id>.<slot>`), or the one a hand-off came from. */
  flow?: ActiveFlow | null;
  /** Everything the flows collected (slot name → value), kept across cancel, topic change and handoff. */
  slots?: Record<string, string>;
  /** A hand-off decided this turn, waiting in `bot.handingOver` for the AVAILABILITY answer. */
  handoff?: PendingHandoff | null;
  /**
   * A hand-off nobody could take, waiting for the customer's email. `caseId`: the case opened at
   * the hand-off, which the email is added to (absent only in snapshots stored before cases opened
   * at the hand-off: that case is opened once the email is given or skipped).
   */
  offline?: { kind: OpenCaseParams['kind']; priority: 'normal' | 'urgent'; retried?: boolean; caseId?: string } | null;
  /** The case a hand-off nobody could take opened in this conversation: a later one adds no second case. */
  offlineCaseId?: string | null;
  /** Hand-offs nobody could take after the one that opened `offlineCaseId` (their words alternate). */
  offlineAgain?: number;
  /**
   * A second topic the customer raised in the same message as the one being handled ("…and I also
   * want to return the shoes"): offered with the answer, or when the flow is done. Cleared once offered.
   */
  alsoTopic?: { value: string; label: string } | null;
  /** Off-topic messages in a row (each gets its own reply; from the third a person is offered first). */
  offTopicRun?: number;
  /** Small-talk messages in a row (from the second, the topics are offered instead of chat). */
  smalltalkRun?: number;
  /** How the finished flow ends, planned once in `bot.flow.<id>.finish` and acted on there. */
  outcome?: PlannedOutcome | null;
}

/** Why and how a person should take over. */
export interface PendingHandoff {
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** Said when someone is available ("I'm connecting you..."). */
  line: SayParams;
}

/** A flow's FlowOutcome with its sentences resolved (and its case id drawn): JSON, so it can sit in the context. */
export type PlannedOutcome =
  | { kind: 'done'; say: SayParams[] }
  | { kind: 'case'; say: SayParams[]; case: OpenCaseParams }
  | { kind: 'handoff'; reason: EscalationReason; priority: 'normal' | 'urgent'; say: SayParams[] };

export const DEFAULT_ENV: Omit<FlowEnv, 'brandName'> = { orderIdPattern: DEFAULT_ORDER_ID_SOURCE, refundWaitDays: 14, caseFollowUpHours: 24 };

export function envOf(context: ConversationMachineContext): FlowEnv {
  return { ...DEFAULT_ENV, ...context.env, brandName: context.brandName };
}

export function isCustomerEvent(event: ConversationEvent): event is CustomerEvent {
  return event.type === 'USER_MESSAGE' || event.type === 'CHOICE';
}

/** The event as a slot parser sees it. */
export function slotInput(event: ConversationEvent): SlotInput {
  if (event.type === 'USER_MESSAGE') return { text: event.text, entities: event.entities, ...(event.now !== undefined ? { now: event.now } : {}) };
  if (event.type === 'CHOICE') return { text: '', entities: [], choice: event.value, ...(event.now !== undefined ? { now: event.now } : {}) };
  return { text: '', entities: [] };
}

/** A confident topic: the understood intent of a message, or a picked topic quick reply. */
export function topicOf(event: ConversationEvent): { name: string; confidence: number } | undefined {
  if (event.type === 'USER_MESSAGE') return event.lowConfidence ? undefined : event.intent;
  if (event.type === 'CHOICE') {
    const topic = chosenTopic(event);
    return topic === undefined ? undefined : { name: topic, confidence: 1 };
  }
  return undefined;
}

export function firstAnswer(event: ConversationEvent): AnswerCandidate | undefined {
  return isCustomerEvent(event) ? event.answers[0] : undefined;
}

export function mergeEntities(known: Record<string, CollectedEntity>, found: Entity[]): Record<string, CollectedEntity> {
  if (found.length === 0) return known;
  const merged = { ...known };
  for (const e of found) merged[e.type] = { value: e.value, text: e.text };
  return merged;
}

/** What the agent sees about why and where the bot stopped (also a case's details). */
export function escalationSummary(context: ConversationMachineContext): EscalationSummary {
  return {
    intent: context.lastIntent?.name ?? null,
    category: context.lastIntent?.category ?? null,
    confidence: context.lastIntent?.confidence ?? null,
    entities: context.entities,
    misses: context.misses,
    lastAnswer: context.lastAnswer,
    flow: context.flow ? { id: context.flow.id, awaiting: context.flow.awaiting } : null,
    slots: labelledSlots(context.slots ?? {}),
  };
}
