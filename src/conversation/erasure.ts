import type { Logger } from 'pino';
import type { Storage } from '../storage/types';

export interface ErasureServiceDeps {
  storage: Storage;
  /** Epoch ms. */
  clock: () => number;
  logger: Logger;
  settings: {
    /** Conversations not updated for this many days are erased by `sweep` (config `RETENTION_DAYS`). */
    retentionDays: number;
  };
}

const DAY_MS = 86_400_000;
const SWEEP_BATCH = 100;

/**
 * Erases a conversation and everything derived from it: every sub-store's rows first (cases,
 * feedback, hand-off notes and assignments, training candidates), then the core rows (messages,
 * snapshot, escalations). One path for an admin's request and for retention.
 */
export function createErasureService(deps: ErasureServiceDeps) {
  const { storage, clock, logger, settings } = deps;

  /** True when there was such a conversation. Idempotent. */
  async function erase(conversationId: string): Promise<boolean> {
    const existed = (await storage.getConversation(conversationId)) !== undefined;
    await storage.cases.eraseConversation(conversationId);
    await storage.handoff.eraseConversation(conversationId);
    await storage.training.eraseConversation(conversationId);
    await storage.eraseConversation(conversationId);
    return existed;
  }

  /** Erases every conversation idle for longer than the retention period; returns how many. */
  async function sweep(): Promise<number> {
    const before = clock() - settings.retentionDays * DAY_MS;
    let erased = 0;
    for (;;) {
      const ids = await storage.conversationsIdleSince(before, SWEEP_BATCH);
      for (const id of ids) {
        await erase(id);
        erased++;
      }
      if (ids.length < SWEEP_BATCH) break;
    }
    if (erased > 0) logger.info({ erased, retentionDays: settings.retentionDays }, 'retention sweep erased conversations');
    return erased;
  }

  return { erase, sweep };
}

export type ErasureService = ReturnType<typeof createErasureService>;
