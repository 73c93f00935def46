import type { CaseKind, CaseRecord, CaseStatus, FeedbackRecord } from '../storage/cases';
import { CASE_STATUSES, CaseIdTakenError } from '../storage/cases';
import type { Storage } from '../storage/types';
import { followUpAt, newCaseId } from './ids';

export interface CaseServiceDeps {
  storage: Pick<Storage, 'cases'>;
  /** Epoch ms. */
  clock: () => number;
  settings: {
    /** Hours until a customer can expect to hear from us (config `CASE_FOLLOW_UP_HOURS`, default 24). */
    followUpHours: number;
  };
  /** Id source; default {@link newCaseId} (crypto randomness). Tests pass a scripted one. */
  newId?: () => string;
}

export interface OpenCaseInput {
  /** Use this id (e.g. one already told to the customer); a fresh one is drawn when it is taken. */
  id?: string;
  conversationId: string;
  sourceMessageId: string;
  kind: CaseKind;
  priority?: 'normal' | 'urgent';
  details: Record<string, unknown>;
  email?: string;
}

const MAX_ID_ATTEMPTS = 8;

export function isCaseStatus(v: unknown): v is CaseStatus {
  return typeof v === 'string' && (CASE_STATUSES as readonly string[]).includes(v);
}

/** Support cases: human-readable unguessable ids, statuses, follow-up time, feedback. */
export function createCaseService(deps: CaseServiceDeps) {
  const { storage, clock, settings } = deps;
  const drawId = deps.newId ?? (() => newCaseId());

  function followUpBy(from: number = clock()): number {
    return followUpAt(from, settings.followUpHours);
  }

  /**
   * Stores a case outside a conversation turn (cases the bot opens are written with the turn, see
   * `TurnCommit.case`); idempotent per (conversation, source message); retries on an id collision.
   */
  async function open(input: OpenCaseInput): Promise<CaseRecord> {
    let id = input.id ?? drawId();
    for (let attempt = 1; ; attempt++) {
      try {
        return await storage.cases.createCase({
          id,
          conversationId: input.conversationId,
          sourceMessageId: input.sourceMessageId,
          kind: input.kind,
          priority: input.priority ?? 'normal',
          details: input.details,
          ...(input.email ? { email: input.email } : {}),
          followUpBy: followUpBy(),
        });
      } catch (err) {
        if (!(err instanceof CaseIdTakenError) || attempt >= MAX_ID_ATTEMPTS) throw err;
        id = drawId();
      }
    }
  }

  return {
    open,
    followUpBy,
    get: (id: string) => storage.cases.getCase(id),
    list: (filter?: { status?: CaseStatus; conversationId?: string; limit?: number }) => storage.cases.listCases(filter),
    setStatus: (id: string, status: CaseStatus) => storage.cases.updateCaseStatus(id, status),
    addFeedback: (input: Omit<FeedbackRecord, 'createdAt'>) => storage.cases.addFeedback(input),
    listFeedback: (filter?: { conversationId?: string; maxRating?: number; limit?: number }) => storage.cases.listFeedback(filter),
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
