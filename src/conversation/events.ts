import type { ArticleRef, QuickReply } from '../protocol/customer';
import type { Entity, IntentScore } from '../nlu/types';
import type { EscalationReason } from '../storage/types';

/**
 * The contract between the conversation service and the conversation machine. The service does
 * the I/O-free but data-heavy work (NLU parse, knowledge search) before sending an event, so the
 * machine stays a pure function of (snapshot, event) and is tested with `transition()`.
 */

/** Thresholds and names the machine needs; given as machine input, from config. */
export interface MachineInput {
  brandName: string;
  /** Misses in a row (low confidence, or "No, that didn't help") that escalate. */
  maxMisses: number;
}

/** A knowledge-base answer prepared by the service for the machine. */
export interface AnswerCandidate {
  article: ArticleRef;
  /** Short plain-text answer (the article's summary, brand filled in). */
  summary: string;
}

/** A topic the machine may offer as a quick reply when unsure. value is `intent:<name>`. */
export type TopicOption = QuickReply;

export interface UserMessageEvent {
  type: 'USER_MESSAGE';
  messageId: string;
  text: string;
  intent: IntentScore;
  ranking: IntentScore[];
  entities: Entity[];
  /** Already decided by the service from the configured threshold. */
  lowConfidence: boolean;
  /** Strong frustration detected in the text. */
  frustrated: boolean;
  /** Best answers for this message, best first (may be empty). */
  answers: AnswerCandidate[];
  /** Closest topics to offer when unsure, best first, already cut to the configured count. */
  topics: TopicOption[];
}

/** A quick-reply click. `value` is `yes` | `no` | `human` | `intent:<name>`. */
export interface ChoiceEvent {
  type: 'CHOICE';
  messageId: string;
  value: string;
  /** For `intent:<name>`: the answers for that intent, prepared by the service. */
  answers: AnswerCandidate[];
  /** Topics to offer if the choice leads to a clarification. */
  topics: TopicOption[];
}

export interface AgentJoinedEvent { type: 'AGENT_JOINED'; agentName: string }
export interface ReleasedToBotEvent { type: 'RELEASED_TO_BOT' }
export interface EndEvent { type: 'END' }

export type ConversationEvent = UserMessageEvent | ChoiceEvent | AgentJoinedEvent | ReleasedToBotEvent | EndEvent;

/** Params of the machine's `say` action: one bot message. */
export interface SayParams {
  text: string;
  quickReplies?: QuickReply[];
  article?: ArticleRef;
  from?: 'bot' | 'system';
}

/** Params of the machine's `escalate` action: open (or join) an escalation. */
export interface EscalateParams {
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** What the bot learned, for the agent: last intent, category, entities, misses. */
  summary: Record<string, unknown>;
}
