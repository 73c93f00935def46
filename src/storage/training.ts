/**
 * Triage inbox, labelled examples, model versions, per-intent thresholds, canned answers.
 * One of the storage sub-stores: its interface here, its tables in
 * `sqlite/training.ts` and `postgres/training.ts` (own migration module), its contract tests in
 * `test/storage/training.contract.ts`.
 */

import type { TriageReason } from '../protocol/training';

// Shared with the console through src/protocol.
export { NOT_A_REQUEST, TRIAGE_REASONS, type TriageReason } from '../protocol/training';

export interface TriageGuess {
  name: string;
  category: string;
  confidence: number;
}

export interface TriageItem {
  id: string;
  /** Absent for imported transcripts. */
  conversationId?: string;
  /** The message's `seq` and client id in its conversation. */
  messageSeq?: number;
  messageId?: string;
  /** The customer's text, already masked (card numbers never reach this table). */
  text: string;
  /** The first reason it was added for. */
  reason: TriageReason;
  /** Every reason it qualifies for (a message can be unsure *and* end in a hand-off). */
  reasons: TriageReason[];
  /** The model's ranking when the message arrived (top 5), best first. */
  topGuesses: TriageGuess[];
  createdAt: number;
  /** One item per dedupe key: `<conversationId>:<messageId>` or `import:<hash of normalised text>`. */
  dedupeKey: string;
  /** Present once someone labelled it. */
  label?: LabelRecord;
}

export interface NewTriageItem {
  conversationId?: string;
  messageSeq?: number;
  messageId?: string;
  text: string;
  reason: TriageReason;
  topGuesses?: TriageGuess[];
  dedupeKey: string;
  /** Default: the store's clock. */
  createdAt?: number;
}

export interface TriageFilter {
  reason?: TriageReason;
  /** Items whose top guess is this intent, or that are labelled with it. */
  intent?: string;
  /** created_at ≥ from (epoch ms). */
  from?: number;
  /** created_at < to (epoch ms). */
  to?: number;
  /** Default `unlabelled`. */
  status?: 'unlabelled' | 'labelled' | 'all';
  conversationId?: string;
  /** Default 200. */
  limit?: number;
}

export interface LabelRecord {
  itemId: string;
  /** An intent name, or NOT_A_REQUEST. */
  intent: string;
  /** True when the labeller created this intent (it is not in intents/). */
  isNewIntent: boolean;
  /** Category of a new intent. */
  category?: string;
  /** Agent id of whoever labelled it. */
  labelledBy: string;
  labelledAt: number;
  /** The conversation the text came from (absent for imports). */
  conversationId?: string;
}

export type NewLabel = Omit<LabelRecord, 'labelledAt' | 'conversationId'>;

/** A labelled item as training reads it. */
export interface LabelledItem {
  item: TriageItem;
  label: LabelRecord;
}

export interface ModelVersionRecord {
  id: string;
  dataHash: string;
  /** Evaluation against the then-active model: accuracy, macro-F1, per-intent deltas… */
  metrics: Record<string, unknown>;
  author: string;
  createdAt: number;
  active: boolean;
  activatedAt?: number;
  activatedBy?: string;
}

export interface NewModelVersion {
  id: string;
  dataHash: string;
  metrics: Record<string, unknown>;
  author: string;
  /** The model's `toJSON()`. */
  artifact: unknown;
}

/** One activation: which version became active (null = the built-in model from intents/). */
export interface ActivationRecord {
  versionId: string | null;
  by: string;
  at: number;
}

export interface ThresholdRecord {
  intent: string;
  threshold: number;
  updatedBy: string;
  updatedAt: number;
}

export type PromotionKind = 'canned_answer' | 'kb_draft';

export interface PromotionRecord {
  id: string;
  kind: PromotionKind;
  conversationId?: string;
  messageId?: string;
  /** The agent's reply, masked. */
  text: string;
  title?: string;
  intent?: string;
  createdBy: string;
  createdAt: number;
}

export type NewPromotion = Omit<PromotionRecord, 'id' | 'createdAt'>;

export interface TrainingStore {
  /**
   * Brings the triage inbox up to date with the core tables: customer messages the model was
   * unsure about, the last message before each hand-off, the messages of badly rated
   * conversations (feedback rating ≤ 2). Idempotent (dedupe key); resumes from a per-source
   * watermark, so each call reads only what is new. Returns how many items were added.
   */
  syncTriage(): Promise<{ added: number }>;
  /** Adds items; an existing dedupe key gains the new reason instead of a second item. */
  addTriageItems(items: NewTriageItem[]): Promise<{ added: number; duplicates: number }>;
  /** Newest first. */
  listTriage(filter?: TriageFilter): Promise<TriageItem[]>;
  getTriageItems(ids: string[]): Promise<TriageItem[]>;
  /** Labels (or relabels) items; unknown item ids are skipped. Returns the stored labels. */
  setLabels(labels: NewLabel[], at?: number): Promise<LabelRecord[]>;
  /** Every labelled item, oldest label first. */
  listLabelled(): Promise<LabelledItem[]>;

  createVersion(version: NewModelVersion): Promise<ModelVersionRecord>;
  /** Newest first; without artifacts. */
  listVersions(): Promise<ModelVersionRecord[]>;
  getVersion(id: string): Promise<ModelVersionRecord | undefined>;
  getArtifact(id: string): Promise<unknown | undefined>;
  activeVersion(): Promise<ModelVersionRecord | undefined>;
  /**
   * Makes `id` the only active version (null: none, the built-in model) and logs the activation,
   * in one transaction. Returns false when the version does not exist.
   */
  activateVersion(id: string | null, by: string): Promise<boolean>;
  /** Activations, newest first. */
  activationHistory(limit?: number): Promise<ActivationRecord[]>;

  listThresholds(): Promise<ThresholdRecord[]>;
  /** Sets an intent's threshold; null removes it (the global one applies again). */
  setThreshold(intent: string, threshold: number | null, by: string): Promise<void>;

  addPromotion(promotion: NewPromotion): Promise<PromotionRecord>;
  listPromotions(kind?: PromotionKind): Promise<PromotionRecord[]>;

  /** Deletes everything this store holds about a conversation (admin erasure, retention). */
  eraseConversation(conversationId: string): Promise<void>;
}

/** A customer message with its NLU result, as the core `messages` table holds it (for syncTriage). */
export interface TriageSourceMessage {
  conversationId: string;
  seq: number;
  id: string;
  text: string;
  meta: unknown;
  createdAt: number;
}

/** How many of the model's guesses an item keeps. */
export const TOP_GUESSES = 5;

/** The top guesses stored with a message's NLU result (meta.nlu.ranking). */
export function guessesOf(meta: unknown): TriageGuess[] {
  const ranking = (meta as { nlu?: { ranking?: unknown } } | null)?.nlu?.ranking;
  if (!Array.isArray(ranking)) return [];
  return ranking
    .filter((g): g is TriageGuess => typeof g?.name === 'string' && typeof g?.confidence === 'number')
    .slice(0, TOP_GUESSES)
    .map((g) => ({ name: g.name, category: String(g.category ?? g.name), confidence: g.confidence }));
}

/** The triage item for a conversation message. */
export function triageItemFor(m: TriageSourceMessage, reason: TriageReason): NewTriageItem {
  return {
    conversationId: m.conversationId,
    messageSeq: m.seq,
    messageId: m.id,
    text: m.text,
    reason,
    topGuesses: guessesOf(m.meta),
    dedupeKey: `${m.conversationId}:${m.id}`,
    createdAt: m.createdAt,
  };
}

/**
 * The message a hand-off is about: the last customer message (with an NLU result) up to the
 * escalation, skipping an explicit "talk to a person", which the model understood fine.
 * `messages` are one conversation's, ascending by seq.
 */
export function handoffMessage(messages: TriageSourceMessage[], escalatedAt: number): TriageSourceMessage | undefined {
  const before = messages.filter((m) => m.createdAt <= escalatedAt);
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i] as TriageSourceMessage;
    if (guessesOf(m.meta)[0]?.name !== 'talk_to_human') return m;
  }
  return undefined;
}

/** How many of a badly rated conversation's last customer messages enter the inbox. */
export const BAD_RATING_MESSAGES = 5;

/** Reasons column encoding: `,a,b,` so a filter is a substring match in either database. */
export const encodeReasons = (reasons: TriageReason[]): string => `,${reasons.join(',')},`;
export const decodeReasons = (s: string): TriageReason[] => s.split(',').filter(Boolean) as TriageReason[];

/** Row → record, leaving NULL columns out. Used by both adapters. */
export function toPromotion(r: Record<string, unknown>): PromotionRecord {
  const p: PromotionRecord = {
    id: r.id as string,
    kind: r.kind as PromotionRecord['kind'],
    text: r.text as string,
    createdBy: r.created_by as string,
    createdAt: Number(r.created_at),
  };
  if (r.conversation_id !== null) p.conversationId = r.conversation_id as string;
  if (r.message_id !== null) p.messageId = r.message_id as string;
  if (r.title !== null) p.title = r.title as string;
  if (r.intent !== null) p.intent = r.intent as string;
  return p;
}
