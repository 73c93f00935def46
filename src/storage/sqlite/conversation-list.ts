import { conversationLister, type ConversationListRow, type ListDialect } from '../conversation-list';
import type { SqliteDatabase } from './database';

/** SQL function folding case the way JavaScript does: SQLite's own lower() folds ASCII only. */
const FOLD = 'chat_fold_case';

const dialect: ListDialect = {
  placeholder: () => '?',
  // instr, not LIKE: the needle is matched literally, so `%` and `_` need no escaping.
  contains: (text, needle) => `instr(${FOLD}(${text}), ${FOLD}(${needle})) > 0`,
  insertionOrder: 'rowid',
  idCollate: '',
};

/** `Storage.listConversations` on SQLite (see ../conversation-list.ts). */
export function createSqliteConversationList(db: SqliteDatabase) {
  db.function(FOLD, { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s) as string | null);
  // One statement per combination of filters (a few dozen at most), compiled once each.
  const statements = new Map<string, { all(...params: unknown[]): unknown[] }>();
  return conversationLister(dialect, (sql, params) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare<unknown[]>(sql)));
    return stmt.all(...params) as ConversationListRow[];
  });
}
