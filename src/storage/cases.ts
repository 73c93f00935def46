/**
 * Support cases (tickets) and conversation feedback.
 * One of the storage sub-stores: its interface here, its tables in
 * `sqlite/cases.ts` and `postgres/cases.ts` (own migration module), its contract tests in
 * `test/storage/cases.contract.ts`.
 */
export interface CaseStore {
  /** Deletes everything this store holds about a conversation (admin erasure, retention). */
  eraseConversation(conversationId: string): Promise<void>;
}
