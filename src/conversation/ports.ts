import type { Article, ArticleHit } from '../knowledge/types';
import type { ParseResult } from '../nlu/types';

/** What the conversation service needs from the knowledge part. */
export interface KnowledgeLookup {
  search(query: string, opts?: { category?: string; intent?: string; limit?: number }): ArticleHit[];
  byIntent(intent: string): Article[];
}

/** What the conversation service needs from the NLU part. */
export interface Understanding {
  /**
   * Readies `parse` for this text when that needs asynchronous work (accurate mode embeds it);
   * awaited before `parse` of the same text. Absent: nothing to do.
   */
  prepare?(text: string): Promise<void>;
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

/**
 * What the conversation service needs from the cases part (src/cases/service.ts implements it).
 * Cases the bot opens are not written through here: their ids come from the machine and they are
 * stored in the turn's own commit (`TurnCommit.case`).
 */
export interface CaseDesk {
  get(id: string): Promise<CaseSummary | undefined>;
  addFeedback(input: { conversationId: string; rating: number; comment?: string }): Promise<unknown>;
}
