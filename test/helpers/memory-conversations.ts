import type { ConversationStorage } from '../../src/conversation/service';
import { CaseIdTakenError, type CaseRecord } from '../../src/storage/cases';
import { DuplicateMessageError, NotFoundError, VersionConflictError } from '../../src/storage/errors';
import type { CommitResult, ConversationRecord, EscalationRecord, MessageRecord, TurnCommit } from '../../src/storage/types';

/**
 * An in-memory stand-in for the storage the conversation service uses, with the same rules as
 * the real adapters for what the service relies on (compare-and-set on the version, one id per
 * message, a case id belongs to one case, all-or-nothing turns), and counters and fault
 * injection for tests of the service alone.
 */
export function createMemoryConversations(clock: () => number = () => 1_000) {
  const conversations = new Map<string, ConversationRecord>();
  const messages = new Map<string, MessageRecord[]>();
  const escalations: EscalationRecord[] = [];
  const cases = new Map<string, CaseRecord>();
  const tokens = new Map<string, string>();
  const calls = { commitTurn: 0, messagesAfter: 0, getConversation: 0 };
  /** Throw these from the next commitTurn calls, one per call (before anything is written). */
  const failNextCommits: Error[] = [];

  const storage: ConversationStorage = {
    async createConversation(input) {
      const t = clock();
      const record: ConversationRecord = { id: input.id, state: input.state, snapshot: input.snapshot, context: input.context, lastSeq: 0, version: 0, createdAt: t, updatedAt: t };
      conversations.set(input.id, record);
      tokens.set(input.tokenHash, input.id);
      return structuredClone(record);
    },
    async getConversation(id) {
      calls.getConversation++;
      const c = conversations.get(id);
      return c && structuredClone(c);
    },
    async getConversationByTokenHash(hash) {
      const id = tokens.get(hash);
      const c = id ? conversations.get(id) : undefined;
      return c && structuredClone(c);
    },
    async commitTurn(turn: TurnCommit): Promise<CommitResult> {
      calls.commitTurn++;
      const injected = failNextCommits.shift();
      if (injected) throw injected;
      const c = conversations.get(turn.conversationId);
      if (!c) throw new NotFoundError(`conversation ${turn.conversationId} does not exist`);
      if (c.version !== turn.expectedVersion) throw new VersionConflictError(turn.conversationId, turn.expectedVersion);
      const stored = messages.get(c.id) ?? [];
      for (const m of turn.messages) if (stored.some((s) => s.id === m.id)) throw new DuplicateMessageError(c.id, m.id);
      if (turn.case && cases.has(turn.case.id)) throw new CaseIdTakenError(turn.case.id);
      const t = clock();
      const written = turn.messages.map((m, i) => ({ ...structuredClone(m), conversationId: c.id, seq: c.lastSeq + i + 1, createdAt: t }));
      messages.set(c.id, [...stored, ...written]);
      c.lastSeq += written.length;
      c.version += 1;
      c.updatedAt = t;
      if (turn.snapshot !== undefined) c.snapshot = structuredClone(turn.snapshot);
      if (turn.state) c.state = turn.state;
      const result: CommitResult = { messages: structuredClone(written), version: c.version };
      if (turn.escalation) {
        // As the adapters: an unmet hand-off is always its own record; a queued one joins the open one.
        const open = turn.escalation.status === 'unmet' ? undefined : escalations.find((e) => e.conversationId === c.id && (e.status === 'queued' || e.status === 'assigned'));
        result.escalation = open ?? { id: `e${escalations.length + 1}`, conversationId: c.id, status: 'queued', createdAt: t, ...turn.escalation };
        if (!open) escalations.push(result.escalation);
      }
      if (turn.case) {
        const record: CaseRecord = { ...turn.case, conversationId: c.id, status: 'open', createdAt: t, updatedAt: t };
        cases.set(record.id, record);
        result.case = structuredClone(record);
      }
      // As the adapters: only a case of this conversation takes the email.
      const target = turn.caseEmail && cases.get(turn.caseEmail.caseId);
      if (turn.caseEmail && target && target.conversationId === c.id) {
        const updated: CaseRecord = { ...target, email: turn.caseEmail.email, updatedAt: t };
        cases.set(updated.id, updated);
        result.caseEmailSet = structuredClone(updated);
      }
      return result;
    },
    async messagesAfter(conversationId, afterSeq, limit = 1000) {
      calls.messagesAfter++;
      return structuredClone((messages.get(conversationId) ?? []).filter((m) => m.seq > afterSeq).slice(0, limit));
    },
    async findMessage(conversationId, id) {
      const m = (messages.get(conversationId) ?? []).find((x) => x.id === id);
      return m && structuredClone(m);
    },
  };

  return {
    storage,
    calls,
    failNextCommits,
    messagesOf: (conversationId: string) => messages.get(conversationId) ?? [],
    escalations,
    cases,
  };
}
