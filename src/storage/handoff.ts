/**
 * Agents, their sessions and presence, assignment of escalated chats, internal notes (agents and the hand-off queue).
 * One of the storage sub-stores: its interface here, its tables in
 * `sqlite/handoff.ts` and `postgres/handoff.ts` (own migration module), its contract tests in
 * `test/storage/handoff.contract.ts`.
 */
export interface HandoffStore {
  /** Deletes everything this store holds about a conversation (admin erasure, retention). */
  eraseConversation(conversationId: string): Promise<void>;
}
