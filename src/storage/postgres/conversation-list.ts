import type { Pool } from 'pg';
import { conversationLister, type ConversationListRow, type ListDialect } from '../conversation-list';

const dialect: ListDialect = {
  placeholder: (n) => `$${n}`,
  // strpos, not (I)LIKE: the needle is matched literally, so `%` and `_` need no escaping.
  contains: (text, needle) => `strpos(lower(${text}), lower(${needle}::text)) > 0`,
  insertionOrder: 'ord',
  // Matches the conversations_updated index (core migration 2).
  idCollate: ' COLLATE "C"',
};

/** `Storage.listConversations` on PostgreSQL (see ../conversation-list.ts). */
export function createPostgresConversationList(pool: Pool) {
  return conversationLister(dialect, async (sql, params) => (await pool.query<ConversationListRow>(sql, params)).rows);
}
