/**
 * Triage inbox, labelled examples, model versions, per-intent thresholds, canned answers.
 * One of the storage sub-stores: its interface here, its tables in
 * `sqlite/training.ts` and `postgres/training.ts` (own migration module), its contract tests in
 * `test/storage/training.contract.ts`.
 */
export interface TrainingStore {
  /** Deletes everything this store holds about a conversation (admin erasure, retention). */
  eraseConversation(conversationId: string): Promise<void>;
}
