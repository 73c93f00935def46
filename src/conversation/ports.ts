import type { Article, ArticleHit } from '../knowledge/types';
import type { ParseResult } from '../nlu/types';

/** What the conversation service needs from the knowledge part. */
export interface KnowledgeLookup {
  search(query: string, opts?: { category?: string; intent?: string; limit?: number }): ArticleHit[];
  byIntent(intent: string): Article[];
}

/** What the conversation service needs from the NLU part. */
export interface Understanding {
  parse(text: string): ParseResult;
  /** Short human label of an intent ("Refund status"), for quick replies. */
  labelOf(intent: string): string;
  /** Strong frustration in the text (hands the chat to a person at once). */
  isFrustrated(text: string): boolean;
}

/** Masks card numbers and the like before text is stored, logged or shown. */
export type Redactor = (text: string) => { text: string; masked: boolean };

/** Whether a person can take a chat now; the hand-off part implements it. */
export interface AgentAvailability {
  check(): Promise<{ available: boolean; reason?: 'no_agents_online' | 'outside_business_hours'; nextOpening?: number }>;
}

/** A support case as the conversation sees it. */
export interface CaseSummary {
  id: string;
  conversationId: string;
  kind: string;
  status: string;
  followUpBy: number;
}

/** What the conversation service needs from the cases part (src/cases/service.ts implements it). */
export interface CaseDesk {
  /** A fresh unguessable id, not yet stored. */
  newId(): string;
  /** The case this customer message opened, if any (a retried turn announces the same id). */
  openedBy(conversationId: string, sourceMessageId: string): Promise<CaseSummary | undefined>;
  /** Stores a case; idempotent per source message; the id may differ from `id` if that was taken. */
  open(input: {
    id: string;
    conversationId: string;
    sourceMessageId: string;
    kind: 'refund' | 'dispute' | 'security' | 'billing' | 'offline';
    priority: 'normal' | 'urgent';
    details: Record<string, unknown>;
    email?: string;
  }): Promise<CaseSummary>;
  get(id: string): Promise<CaseSummary | undefined>;
  addFeedback(input: { conversationId: string; rating: number; comment?: string }): Promise<unknown>;
}
