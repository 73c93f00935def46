/**
 * Support cases (tickets) and conversation feedback.
 * One of the storage sub-stores: its interface here, its tables in
 * `sqlite/cases.ts` and `postgres/cases.ts` (own migration module), its contract tests in
 * `test/storage/cases.contract.ts`.
 */

/** open → waiting_on_customer / in_review → resolved (any move is allowed; agents decide). */
export type CaseStatus = 'open' | 'waiting_on_customer' | 'in_review' | 'resolved';
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'waiting_on_customer', 'in_review', 'resolved'];

/**
 * Why the case exists: the flow that opened it, or `offline` (no agent was available). The one
 * list of kinds: a flow whose id is listed here files its hand-offs with no one there under its
 * own kind (conversation/machine.ts), and everything else reads the type.
 */
export const CASE_KINDS = ['refund', 'dispute', 'security', 'billing', 'offline'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export function isCaseKind(v: unknown): v is CaseKind {
  return typeof v === 'string' && (CASE_KINDS as readonly string[]).includes(v);
}

export interface CaseRecord {
  /** `CS-` + 6 characters, e.g. `CS-7K3P9Q`. */
  id: string;
  conversationId: string;
  kind: CaseKind;
  status: CaseStatus;
  priority: 'normal' | 'urgent';
  /** What the bot collected (slot name → value), already masked. */
  details: Record<string, unknown>;
  /** Where to follow up, when the customer gave one. */
  email?: string;
  /** When the customer can expect to hear from us (epoch ms). */
  followUpBy: number;
  /** The customer message that opened it: creating twice for one message returns the first. */
  sourceMessageId: string;
  createdAt: number;
  updatedAt: number;
}

export type NewCase = Omit<CaseRecord, 'status' | 'createdAt' | 'updatedAt'> & { status?: CaseStatus };

export interface FeedbackRecord {
  conversationId: string;
  /** 1–5. */
  rating: number;
  comment?: string;
  createdAt: number;
}

/** Thrown by createCase when the id is taken by another case (callers retry with a new id). */
export class CaseIdTakenError extends Error {
  override name = 'CaseIdTakenError';
  constructor(readonly caseId: string) {
    super(`case id ${caseId} is taken`);
  }
}

export interface CaseStore {
  /**
   * Stores a case. Idempotent per (conversationId, sourceMessageId): a second call returns the
   * stored case unchanged. Throws CaseIdTakenError when `id` belongs to another case.
   */
  createCase(input: NewCase): Promise<CaseRecord>;
  getCase(id: string): Promise<CaseRecord | undefined>;
  /** Newest first, at most `limit` (default 100). */
  listCases(filter?: { status?: CaseStatus; conversationId?: string; limit?: number }): Promise<CaseRecord[]>;
  /**
   * Cases from every conversation of one verified customer (context.customer.id), newest first,
   * at most `limit` (default 20): what an identified customer may see and ask about.
   */
  listCustomerCases(customerId: string, limit?: number): Promise<CaseRecord[]>;
  /** The updated case, or undefined when there is no such case. */
  updateCaseStatus(id: string, status: CaseStatus): Promise<CaseRecord | undefined>;
  addFeedback(input: Omit<FeedbackRecord, 'createdAt'>): Promise<FeedbackRecord>;
  /** Newest first, at most `limit` (default 100); `maxRating` keeps ratings ≤ it (bad ratings). */
  listFeedback(filter?: { conversationId?: string; maxRating?: number; limit?: number }): Promise<FeedbackRecord[]>;
  /** Deletes everything this store holds about a conversation (admin erasure, retention). */
  eraseConversation(conversationId: string): Promise<void>;
}
