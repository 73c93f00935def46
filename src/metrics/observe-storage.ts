import type { HandoffStore } from '../storage/handoff';
import type { Storage } from '../storage/types';
import type { Metrics } from './registry';

/**
 * Wraps a Storage so the metrics follow what was committed, not what was attempted: messages by
 * sender and the classified intents (with their confidence) when a turn commits, and the queue
 * wait when an agent's claim takes a queued hand-off. A failed write counts nothing.
 * Each node counts its own writes; Prometheus sums them across nodes.
 * @example const storage = observeStorage(await createStorage(config, logger), metrics);
 */
export function observeStorage(storage: Storage, metrics: Metrics): Storage {
  return Object.assign(Object.create(storage) as Storage, {
    async commitTurn(turn: Parameters<Storage['commitTurn']>[0]) {
      const result = await storage.commitTurn(turn);
      for (const message of result.messages) {
        metrics.messages.inc({ from: message.from });
        const nlu = message.from === 'customer' ? message.meta?.nlu : undefined;
        if (nlu) {
          metrics.intents.inc({ intent: nlu.intent.name });
          metrics.confidence.observe(nlu.intent.confidence);
        }
      }
      return result;
    },
    handoff: Object.assign(Object.create(storage.handoff) as HandoffStore, {
      async claim(...args: Parameters<HandoffStore['claim']>) {
        const result = await storage.handoff.claim(...args);
        if (result.ok) {
          // A claim (or auto-assignment) takes a queued hand-off: its wait ends now.
          const { escalationId, conversationId, assignedAt } = result.assignment;
          const escalation = (await storage.listEscalations({ conversationId })).find((e) => e.id === escalationId);
          if (escalation) metrics.queueWait.observe(Math.max(0, assignedAt - escalation.createdAt) / 1000);
        }
        return result;
      },
    }),
  });
}
