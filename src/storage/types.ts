import type { VerifiedCustomer } from '../identity/verify';
import type { ArticleRef, ConversationState, QuickReply, Sender } from '../protocol/customer';
import type { InsightsWeek } from '../protocol/insights';
import type { CaseRecord, CaseStore, NewCase } from './cases';
import type { ConversationListFilter, ConversationListPage } from './conversation-list';
import type { HandoffStore } from './handoff';
import type { EscalationSummary, MessageMeta } from './meta';
import type { TrainingStore } from './training';
import type { WebhookStore } from './webhooks';

/**
 * Storage interfaces. Every adapter (sqlite/, postgres/) passes the same contract suite in
 * test/storage/contract.ts. All times are epoch milliseconds.
 */

export interface ConversationContext {
  pageUrl?: string;
  orderId?: string;
  locale?: string;
  /** The logged-in customer, when the host site identified them and the signature checked out. */
  customer?: VerifiedCustomer;
}

export interface ConversationRecord {
  id: string;
  state: ConversationState;
  /** The conversation machine's persisted snapshot (opaque JSON), saved with the messages. */
  snapshot: unknown;
  context: ConversationContext;
  /** Highest `seq` stored; 0 when there are no messages. */
  lastSeq: number;
  /** Incremented by every commit; used for compare-and-set between nodes. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface MessageRecord {
  conversationId: string;
  /** Gap-free, starting at 1, per conversation. */
  seq: number;
  /** The client's id for customer messages; server-made for the others. Unique per conversation. */
  id: string;
  from: Sender;
  text: string;
  quickReplies?: QuickReply[];
  article?: ArticleRef;
  /** Id of the customer message this answers. */
  replyTo?: string;
  /** Not sent to customers: NLU result for customer messages, agent name, etc. */
  meta?: MessageMeta;
  createdAt: number;
}

export type NewMessage = Omit<MessageRecord, 'conversationId' | 'seq' | 'createdAt'>;

export type EscalationReason = 'low_confidence' | 'asked_for_human' | 'frustration' | 'urgent_security';
/** `unmet`: a hand-off nobody could take (no agent available); recorded, never queued. */
export type EscalationStatus = 'queued' | 'assigned' | 'closed' | 'cancelled' | 'unmet';

export interface EscalationRecord {
  id: string;
  conversationId: string;
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  status: EscalationStatus;
  /** What the bot collected: detected intent/category, entities, flow slots. */
  summary: EscalationSummary;
  createdAt: number;
}

/** `status: 'unmet'` records a hand-off nobody could take; default `queued`. */
export type NewEscalation = Pick<EscalationRecord, 'reason' | 'priority' | 'summary'> & { status?: 'queued' | 'unmet' };

/** How many of a conversation's latest messages the queue preview looks at, and how many customer texts it keeps. */
export const QUEUE_PREVIEW = { window: 10, texts: 2 } as const;

/** A queued escalation with what the agents' queue shows of its conversation, read in one query. */
export interface QueuedEscalation extends EscalationRecord {
  /** The conversation's state now: `closed` means the customer left while waiting. */
  conversationState: ConversationState;
  /**
   * The latest (at most {@link QUEUE_PREVIEW}.texts) customer texts among the conversation's last
   * {@link QUEUE_PREVIEW}.window messages, oldest first; empty when the customer said nothing lately.
   */
  recentCustomerTexts: string[];
}

/** Everything one processed client frame changes, written in one transaction. */
export interface TurnCommit {
  conversationId: string;
  /** The version read before processing; a different stored version fails with VersionConflictError. */
  expectedVersion: number;
  /** Appended in order with the next seq numbers. */
  messages: NewMessage[];
  /** New machine snapshot; omitted means unchanged. */
  snapshot?: unknown;
  /** New state; omitted means unchanged. */
  state?: ConversationState;
  /**
   * Opened when the turn escalates. At most one open (queued/assigned) escalation per conversation:
   * a queued one joins the open one if there is one. An `unmet` one is always written.
   */
  escalation?: NewEscalation;
  /**
   * A support case the turn opens, written in the same transaction. Its `id` was already told to
   * the customer in `messages`: when another case holds it, the whole turn fails with
   * CaseIdTakenError and nothing is written (the caller retries the turn with a new id).
   */
  case?: Omit<NewCase, 'conversationId' | 'status'>;
  /**
   * Sets the email of a case this conversation opened earlier (the case of a hand-off nobody
   * could take is opened at the hand-off; the customer's email comes a turn later), in the same
   * transaction. A case id of another conversation, or one that does not exist, changes nothing.
   */
  caseEmail?: { caseId: string; email: string };
}

export interface CommitResult {
  messages: MessageRecord[];
  version: number;
  /** The escalation opened by this turn, or the already open one it joined. */
  escalation?: EscalationRecord;
  /** The case the turn opened. */
  case?: CaseRecord;
  /** The case whose email the turn set (`TurnCommit.caseEmail`), as stored now. */
  caseEmailSet?: CaseRecord;
}

export interface NewConversation {
  id: string;
  /** sha256 of the customer's resume token; the token itself is never stored. */
  tokenHash: string;
  state: ConversationState;
  snapshot: unknown;
  context: ConversationContext;
}

export interface Storage {
  /** Agents, sessions, presence, assignments, notes. */
  readonly handoff: HandoffStore;
  /** Support cases and feedback. */
  readonly cases: CaseStore;
  /** Triage, labels, model versions, thresholds. */
  readonly training: TrainingStore;
  /** Webhook endpoints and durable deliveries. */
  readonly webhooks: WebhookStore;
  createConversation(input: NewConversation): Promise<ConversationRecord>;
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  getConversationByTokenHash(tokenHash: string): Promise<ConversationRecord | undefined>;
  /** Atomic: messages + snapshot + state + escalation + case, or nothing. */
  commitTurn(turn: TurnCommit): Promise<CommitResult>;
  /** Messages with seq > afterSeq, ascending, at most `limit` (default 1000). */
  messagesAfter(conversationId: string, afterSeq: number, limit?: number): Promise<MessageRecord[]>;
  /** The message with this id in this conversation, if stored. */
  findMessage(conversationId: string, id: string): Promise<MessageRecord | undefined>;
  /** Escalations matching the filter, oldest first (queue order). */
  listEscalations(filter?: { status?: EscalationStatus; conversationId?: string }): Promise<EscalationRecord[]>;
  /**
   * The queue: every `queued` escalation, oldest first, with its conversation's state and recent
   * customer texts, in one query however long the queue is.
   */
  listQueue(): Promise<QueuedEscalation[]>;
  /**
   * Moves an escalation to `status`, but only when its current status is one of `from` (default:
   * any). A compare-and-set, so two agents claiming the same chat cannot both win.
   * Returns the updated record, or undefined when the escalation does not exist or was not in `from`.
   * @example await storage.updateEscalationStatus(id, 'assigned', { from: ['queued'] })
   */
  updateEscalationStatus(
    id: string,
    status: EscalationStatus,
    options?: { from?: EscalationStatus[] },
  ): Promise<EscalationRecord | undefined>;
  /**
   * Deletes the conversation and everything the core tables derived from it (messages, snapshot,
   * escalations). Sub-stores erase their own rows (`storage.cases.eraseConversation`, ...).
   * Erasing an unknown id does nothing.
   */
  eraseConversation(id: string): Promise<void>;
  /** Ids of conversations last updated before `before` (epoch ms), oldest first, at most `limit` (default 100). */
  conversationsIdleSince(before: number, limit?: number): Promise<string[]>;
  /**
   * The operators' transcript list: conversations matching every given filter, newest activity
   * first (updatedAt desc, then id desc), `limit` (default 50) at a time, each with its message
   * count, preview, latest escalation and rating. Keyset paging: pass the page's `next` as
   * `after` for the following page. New chats arrive above the walk, so pages never repeat or
   * skip a row because of them; a chat that gets a message during the walk moves up past the
   * cursor, so it is not listed twice (a walk from the first page shows it at the top).
   * @example const page = await storage.listConversations({ escalated: true, maxRating: 2, limit: 20 });
   *          const more = page.next && (await storage.listConversations({ escalated: true, maxRating: 2, limit: 20, after: page.next }));
   */
  listConversations(filter?: ConversationListFilter): Promise<ConversationListPage>;
  /**
   * Per-week figures of the conversations started in the `weeks` seven-day windows ending at `now`,
   * oldest first (see InsightsWeek in src/protocol/insights.ts). Weeks with no conversations are present, with zeros.
   */
  weeklyStats(now: number, weeks: number): Promise<InsightsWeek[]>;
  close(): Promise<void>;
}
