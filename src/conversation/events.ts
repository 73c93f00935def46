import type { ArticleRef, QuickReply } from '../protocol/customer';
import type { Entity, IntentScore } from '../nlu/types';
import type { CaseKind } from '../storage/cases';
import type { EscalationSummary } from '../storage/meta';
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
  /**
   * Anchored order id pattern source (config `ORDER_ID_PATTERN`), kept only to word the re-ask
   * (examples are given for the default shape); order ids themselves come from the NLU's
   * `order_id` entities, found with the same compiled pattern.
   */
  orderIdPattern?: string;
  /** Config `REFUND_WAIT_DAYS`, default 14. */
  refundWaitDays?: number;
  /** Config `CASE_FOLLOW_UP_HOURS`, default 24. */
  caseFollowUpHours?: number;
  /** A mailer is configured (config `SMTP_URL`): the bot may say an email was or will be sent. Default false. */
  emailEnabled?: boolean;
  /**
   * The order id the page gave (`hello.context.orderId`, already checked against the order id
   * pattern): a flow that needs an order id asks "Is this about order …?" instead.
   */
  orderId?: string;
}

/** A case-status lookup the service did for a case id in the message (ownership already checked). */
export type CaseStatusLookup =
  | { caseId: string; found: false }
  | { caseId: string; found: true; status: string; kind: string; followUpBy: number };

/** What the service adds to every customer event. */
export interface TurnFacts {
  /** Epoch ms of the message. Absent: no date checks (tests of the machine alone). */
  now?: number;
  /**
   * Fresh randomness (an integer in [0, 2^30), `newCaseSeed()`): a case opened by this turn gets
   * the id `caseIdFromSeed(seed)`. Drawn per attempt, so a turn retried after a case-id collision
   * announces a new id.
   */
  seed: number;
  /** The answer to a case id in the message (the one read the service does before the step). */
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
  /**
   * Nothing like a support question: the model's `out_of_scope` class, or an out-of-scope score
   * below `NLU_SCOPE_THRESHOLD`. Gets its own reply and is not a miss. Absent: false.
   */
  offTopic?: boolean;
  /**
   * The message began with a No ("no, the merchant already confirmed it"): `rest` is what came
   * after it, and intent, ranking, entities, answers and topics above are those of the rest (of
   * the whole text when the rest is empty). `text` stays the whole message.
   */
  leadingNo?: { rest: string };
  /**
   * A second topic in the same message ("…and I also want to return the shoes"): a confident
   * clause of another intent than the one answered, or a clause clearly about another support
   * category (clauses.ts). Offered after the answer, never dropped: `value` is its quick reply's
   * (`intent:<name>` or `category:<name>`), `label` the button's.
   */
  alsoTopic?: { value: string; label: string };
}

/** A quick-reply click. `value` is `yes` | `no` | `human` | `intent:<name>` | `category:<category>`, or a flow's own. */
export interface ChoiceEvent extends TurnFacts {
  type: 'CHOICE';
  messageId: string;
  value: string;
  /** For `intent:<name>`: the answers for that intent, prepared by the service. */
  answers: AnswerCandidate[];
  /** Topics to offer if the choice leads to a clarification; for `category:<c>`, that category's topics. */
  topics: TopicOption[];
}

export interface AgentJoinedEvent { type: 'AGENT_JOINED'; agentName: string }
export interface ReleasedToBotEvent { type: 'RELEASED_TO_BOT' }
/** The agent's connection was gone past the grace period: the chat goes back to the queue. */
export interface AgentLeftEvent { type: 'AGENT_LEFT' }
export interface EndEvent { type: 'END' }
/**
 * The service's answer to the machine's `checkAvailability` effect, sent in the same turn: can a
 * person take the chat now? (Absent an availability part, the service answers yes.)
 */
export interface AvailabilityEvent {
  type: 'AVAILABILITY';
  available: boolean;
  /** Epoch ms of the next opening, when known (outside business hours). */
  nextOpening?: number;
  /**
   * The seed of the customer turn that asked (`TurnFacts.seed`): with nobody there, the case
   * opened at the hand-off gets the id `caseIdFromSeed(seed)`, fresh per turn like any case id.
   */
  seed?: number;
}

export type ConversationEvent =
  | UserMessageEvent
  | ChoiceEvent
  | AvailabilityEvent
  | AgentJoinedEvent
  | AgentLeftEvent
  | ReleasedToBotEvent
  | EndEvent;

/** The events a customer frame becomes. */
export type CustomerEvent = UserMessageEvent | ChoiceEvent;

/** Params of the machine's `say` action: one bot message. */
export interface SayParams {
  text: string;
  quickReplies?: QuickReply[];
  article?: ArticleRef;
  from?: 'bot' | 'system';
}

/** Params of the machine's `openCase` action: the service stores the case in the same turn's commit. */
export interface OpenCaseParams {
  /** Generated by the machine from the event's `seed`, and already told to the customer. */
  id: string;
  kind: CaseKind;
  priority: 'normal' | 'urgent';
  /** Collected slots and what the bot knew, for the agent who picks the case up. */
  details: EscalationSummary;
  email?: string;
}

/** Params of the machine's `setCaseEmail` action: the email given for a case opened earlier in the chat. */
export interface SetCaseEmailParams {
  caseId: string;
  email: string;
}

/** Params of the machine's `escalate` action: open (or join) an escalation. */
export interface EscalateParams {
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** What the bot learned, for the agent: last intent, category, entities, misses, flow slots. */
  summary: EscalationSummary;
  /** Nobody could take the chat: recorded as a hand-off all the same, marked unmet (never queued). */
  unmet?: boolean;
}
