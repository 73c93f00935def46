import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { CaseStore } from '../storage/cases';
import type { Storage } from '../storage/types';
import type { DomainEvent, DomainEventListener } from './types';

/** `evt_` + 24 hex characters of sha256(type:key): the same happening always gets the same id. */
export function eventId(type: string, key: string): string {
  return `evt_${createHash('sha256').update(`${type}:${key}`).digest('hex').slice(0, 24)}`;
}

/** A fan-out point for domain events: integrations subscribe, the storage tap emits. */
export function createEventHub(logger?: Logger) {
  const listeners: DomainEventListener[] = [];
  return {
    /** Adds a listener; returns a function that removes it. */
    on(listener: DomainEventListener): () => void {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    /** Calls every listener, one after another; failures are logged and do not stop the rest. */
    async emit(event: DomainEvent): Promise<void> {
      for (const listener of [...listeners]) {
        try {
          await listener(event);
        } catch (err) {
          logger?.error({ err, eventType: event.type, eventId: event.id }, 'event listener failed');
        }
      }
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;

/**
 * Wraps a Storage so that every committed write integrations care about emits a DomainEvent:
 * an escalation opened by a turn, a turn that closes the chat, a case created, moved to another
 * status or given an email, feedback. The events are emitted after the write resolves (so after its transaction
 * committed) and awaited, so a listener that queues a webhook does so before the caller goes on.
 * @example const storage = tapStorage(await createStorage(config, logger), hub.emit, Date.now);
 */
export function tapStorage(storage: Storage, emit: (event: DomainEvent) => Promise<void>, clock: () => number = Date.now): Storage {
  const base = storage.cases;
  const cases: CaseStore = Object.assign(Object.create(base) as CaseStore, {
    async createCase(input: Parameters<CaseStore['createCase']>[0]) {
      const created = await base.createCase(input);
      await emit({ id: eventId('case.created', created.id), type: 'case.created', at: clock(), case: created });
      return created;
    },
    async updateCaseStatus(id: string, status: Parameters<CaseStore['updateCaseStatus']>[1]) {
      const before = await base.getCase(id);
      const updated = await base.updateCaseStatus(id, status);
      if (updated && before && before.status !== updated.status) {
        await emit({
          id: eventId('case.updated', `${updated.id}:${updated.status}:${updated.updatedAt}`),
          type: 'case.updated',
          at: clock(),
          case: updated,
          change: 'status',
          previousStatus: before.status,
        });
      }
      return updated;
    },
    async addFeedback(input: Parameters<CaseStore['addFeedback']>[0]) {
      const stored = await base.addFeedback(input);
      await emit({
        id: eventId('feedback.received', `${stored.conversationId}:${stored.createdAt}:${stored.rating}:${stored.comment ?? ''}`),
        type: 'feedback.received',
        at: clock(),
        feedback: stored,
      });
      return stored;
    },
  });
  return Object.assign(Object.create(storage) as Storage, {
    cases,
    async commitTurn(turn: Parameters<Storage['commitTurn']>[0]) {
      const result = await storage.commitTurn(turn);
      const at = clock();
      // A turn that joins an already open escalation returns it too: the id dedupes it.
      if (turn.escalation && result.escalation) {
        const escalation = result.escalation;
        await emit({ id: eventId('conversation.escalated', escalation.id), type: 'conversation.escalated', at, conversationId: turn.conversationId, escalation });
      }
      // Cases the bot opens are written with the turn (TurnCommit.case), not through createCase.
      if (turn.case && result.case) {
        await emit({ id: eventId('case.created', result.case.id), type: 'case.created', at, case: result.case });
      }
      // The email of a case opened earlier in the chat (given after a hand-off nobody could take).
      if (turn.caseEmail && result.caseEmailSet) {
        const updated = result.caseEmailSet;
        await emit({ id: eventId('case.updated', `${updated.id}:email:${updated.updatedAt}`), type: 'case.updated', at, case: updated, change: 'email' });
      }
      if (turn.state === 'closed') {
        await emit({ id: eventId('conversation.closed', turn.conversationId), type: 'conversation.closed', at, conversationId: turn.conversationId });
      }
      return result;
    },
  });
}
