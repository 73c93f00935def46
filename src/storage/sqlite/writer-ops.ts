import { randomUUID } from 'node:crypto';
import { DuplicateMessageError, NotFoundError, VersionConflictError } from '../errors';
import type { CommitResult, ConversationRecord, MessageRecord, NewConversation, TurnCommit } from '../types';
import { createSqliteCaseEmailWriter, createSqliteCaseWriter } from './cases';
import type { SqliteDatabase } from './database';
import { type ConversationRow, type EscalationRow, type MessageRow, jsonOrNull, toConversation, toEscalation, toMessage } from './rows';

/** The UNIQUE (conversation_id, id) of messages refused an insert. */
function isDuplicateId(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /messages\.id\b/.test(e.message ?? '');
}

/**
 * The writes that go through the writer thread (writer-worker.ts), as plain functions of a
 * connection: the worker runs exactly these statements, so a change to what a turn writes is
 * made here once. Each op gets the time `at` (epoch ms) read on the main thread, so an injected
 * clock holds. Ops run inside the writer's batch transaction, each in its own savepoint.
 */
export function createWriterOps(db: SqliteDatabase) {
  const stmt = {
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, token_hash, state, snapshot, context, last_seq, version, created_at, updated_at)
       VALUES (@id, @tokenHash, @state, @snapshot, @context, 0, 0, @now, @now)`,
    ),
    versionOf: db.prepare(`SELECT version, last_seq FROM conversations WHERE id = ?`),
    insertMessage: db.prepare(
      `INSERT INTO messages (conversation_id, seq, id, sender, text, quick_replies, article, reply_to, meta, created_at)
       VALUES (@conversation_id, @seq, @id, @sender, @text, @quick_replies, @article, @reply_to, @meta, @created_at)`,
    ),
    // The compare-and-set on version, and the seq range this turn takes, in one statement.
    advanceConversation: db.prepare(
      `UPDATE conversations
          SET last_seq = last_seq + @count, version = version + 1, updated_at = @now,
              snapshot = COALESCE(@snapshot, snapshot), state = COALESCE(@state, state)
        WHERE id = @id AND version = @expectedVersion
    RETURNING last_seq, version`,
    ),
    openEscalation: db.prepare(
      `SELECT * FROM escalations WHERE conversation_id = ? AND status IN ('queued', 'assigned')`,
    ),
    insertEscalation: db.prepare(
      `INSERT INTO escalations (id, conversation_id, reason, priority, status, summary, created_at)
       VALUES (@id, @conversationId, @reason, @priority, @status, @summary, @createdAt)`,
    ),
  };

  // The case a turn opens is written in the turn's transaction, stamped with the turn's time.
  let opAt = 0;
  const writeCase = createSqliteCaseWriter(db, () => opAt);
  const setCaseEmail = createSqliteCaseEmailWriter(db, () => opAt);

  function createConversation(input: NewConversation, at: number): ConversationRecord {
    const row: ConversationRow = {
      id: input.id,
      state: input.state,
      snapshot: JSON.stringify(input.snapshot ?? null),
      context: JSON.stringify(input.context ?? {}),
      last_seq: 0,
      version: 0,
      created_at: at,
      updated_at: at,
    };
    stmt.insertConversation.run({ id: row.id, tokenHash: input.tokenHash, state: row.state, snapshot: row.snapshot, context: row.context, now: at });
    return toConversation(row);
  }

  function commitTurn(turn: TurnWrite, at: number): CommitResult {
    opAt = at;
    const advanced = stmt.advanceConversation.get({
      id: turn.conversationId,
      expectedVersion: turn.expectedVersion,
      count: turn.messages.length,
      now: at,
      snapshot: turn.snapshotJson,
      state: turn.state ?? null,
    }) as { last_seq: number; version: number } | undefined;
    if (!advanced) {
      // Only on the failure path: tell a missing conversation from a stale version.
      if (!stmt.versionOf.get(turn.conversationId)) throw new NotFoundError(`conversation ${turn.conversationId} does not exist`);
      throw new VersionConflictError(turn.conversationId, turn.expectedVersion);
    }
    // A repeated id (stored before, or twice in this turn) is refused by UNIQUE (conversation_id,
    // id) on insert, which names it below; no lookup per message first. Throwing rolls back
    // everything this op wrote.
    const messages: MessageRecord[] = [];
    let seq = advanced.last_seq - turn.messages.length;
    for (const m of turn.messages) {
      seq += 1;
      const row: MessageRow = {
        conversation_id: turn.conversationId,
        seq,
        id: m.id,
        sender: m.from,
        text: m.text,
        quick_replies: jsonOrNull(m.quickReplies),
        article: jsonOrNull(m.article),
        reply_to: m.replyTo ?? null,
        meta: jsonOrNull(m.meta),
        created_at: at,
      };
      try {
        stmt.insertMessage.run(row);
      } catch (err) {
        if (isDuplicateId(err)) throw new DuplicateMessageError(turn.conversationId, m.id);
        throw err;
      }
      // Built from the stored row, so the caller sees exactly what a later read returns.
      messages.push(toMessage(row));
    }
    const result: CommitResult = { messages, version: advanced.version };
    if (turn.escalation) {
      const unmet = turn.escalation.status === 'unmet';
      const open = unmet ? undefined : (stmt.openEscalation.get(turn.conversationId) as EscalationRow | undefined);
      if (open) {
        result.escalation = toEscalation(open);
      } else {
        const row: EscalationRow = {
          id: randomUUID(),
          conversation_id: turn.conversationId,
          reason: turn.escalation.reason,
          priority: turn.escalation.priority,
          status: unmet ? 'unmet' : 'queued',
          summary: JSON.stringify(turn.escalation.summary ?? {}),
          created_at: at,
        };
        stmt.insertEscalation.run({
          id: row.id,
          conversationId: row.conversation_id,
          reason: row.reason,
          priority: row.priority,
          status: row.status,
          summary: row.summary,
          createdAt: row.created_at,
        });
        result.escalation = toEscalation(row);
      }
    }
    if (turn.case) result.case = writeCase({ ...turn.case, conversationId: turn.conversationId });
    if (turn.caseEmail) {
      const updated = setCaseEmail(turn.conversationId, turn.caseEmail.caseId, turn.caseEmail.email);
      if (updated) result.caseEmailSet = updated;
    }
    return result;
  }

  return { createConversation, commitTurn };
}

export type WriterOps = ReturnType<typeof createWriterOps>;

/**
 * A turn as it travels to the writer thread: the snapshot already as its JSON text, since that
 * is what is stored, and a string crosses the thread boundary for the price of a copy where the
 * snapshot's object tree had to be cloned there and then serialised again (a tenth of the main
 * thread's CPU per turn went to that clone).
 */
export type TurnWrite = Omit<TurnCommit, 'snapshot'> & {
  /** The snapshot's JSON; null keeps the stored one (JSON 'null' is a real, explicitly null snapshot). */
  snapshotJson: string | null;
};

/** The wire form of `turn` (see {@link TurnWrite}). */
export function toTurnWrite(turn: TurnCommit): TurnWrite {
  const { snapshot, ...rest } = turn;
  return { ...rest, snapshotJson: snapshot === undefined ? null : JSON.stringify(snapshot ?? null) };
}

/** One write for the writer: the op's name and its arguments (the time `at` travels beside it). */
export type WriterRequest = { op: 'commitTurn'; args: [TurnWrite] } | { op: 'createConversation'; args: [NewConversation] };
