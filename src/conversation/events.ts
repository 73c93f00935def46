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
  /** Anchored order id pattern (config `ORDER_ID_PATTERN`). Default `^(?:\d{8}|ORD-\d+)$`. */
  orderIdPattern?: string;
  /** Config `REFUND_WAIT_DAYS`, default 14. */
  refundWaitDays?: number;
  /** Config `CASE_FOLLOW_UP_HOURS`, default 24. */
  caseFollowUpHours?: number;
}

/** A case-status lookup the service did for a case id in the message (ownership already checked). */
export type CaseStatusLookup =
  | { caseId: string; found: false }
  | { caseId: string; found: true; status: string; kind: string; followUpBy: number };

/** Whether a person can take the chat now; absent means yes. */
export interface AgentsInfo {
  available: boolean;
  /** Epoch ms of the next opening, when known. */
  nextOpening?: number;
}

/** What the service adds to every customer event (all optional: older events lack them). */
export interface TurnFacts {
  /** Epoch ms of the message. */
  now?: number;
  /** The id a case opened by this message gets (drawn by the service before the step). */
  caseId?: string;
  /** Set by the service when the turn would hand over: no one may be there. */
  agents?: AgentsInfo;
  /** The answer to a case id in the message. */
  caseStatus?: CaseStatusLookup;
}

/** A knowledge-base answer prepared by the service for the machine. */
export interface AnswerCandidate {
  article: ArticleRef;
  /** Short plain-text answer (the article's summary, brand filled in). */
  summary: string;
}

/** A topic the machine may offer as a quick reply when unsure. value is `intent:<name>`. */
export type TopicOption = QuickReply;

export interface UserMessageEvent extends TurnFacts {
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
export interface ChoiceEvent extends TurnFacts {
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
/** The agent's connection was gone past the grace period: the chat goes back to the queue. */
export interface AgentLeftEvent { type: 'AGENT_LEFT' }
export interface EndEvent { type: 'END' }

export type ConversationEvent = UserMessageEvent | ChoiceEvent | AgentJoinedEvent | AgentLeftEvent | ReleasedToBotEvent | EndEvent;

/** Params of the machine's `say` action: one bot message. */
export interface SayParams {
  text: string;
  quickReplies?: QuickReply[];
  article?: ArticleRef;
  from?: 'bot' | 'system';
}

/** Params of the machine's `openCase` action: the service stores the case in the same turn. */
export interface OpenCaseParams {
  id: string;
  kind: 'refund' | 'dispute' | 'security' | 'billing' | 'offline';
  priority: 'normal' | 'urgent';
  /** Collected slots and what the bot knew, for the agent who picks the case up. */
  details: Record<string, unknown>;
  email?: string;
}

/** Params of the machine's `escalate` action: open (or join) an escalation. */
export interface EscalateParams {
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** What the bot learned, for the agent: last intent, category, entities, misses. */
  summary: Record<string, unknown>;
}
