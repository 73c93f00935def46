import type { Logger } from 'pino';
import type { Bus } from '../bus/types';
import { channels } from '../bus/types';
import type { AgentQueueEntry, AgentSummary } from '../protocol/agent';
import type { Storage } from '../storage/types';
import { HEARTBEAT_STALE_MS, createAgentAvailability } from './availability';
import { createAssignment } from './assignment';
import type { BusinessHours } from './business-hours';
import { createChatActions } from './chat-actions';
import type { HandoffConversations } from './ports';
import { createPresenceTracker, summaries } from './presence-tracker';
import { createHandoffQueue } from './queue';
import { createRequeueSweep } from './requeue-sweep';
import { createHandoffScheduler, type EscalationAlert, type Timers } from './scheduler';
import { createTranscriptView } from './transcript-view';

export type { HandoffConversations } from './ports';
export type { HandoffErrorCode, Outcome } from './outcome';
export type { EscalationAlert } from './scheduler';
export { toTranscriptMessage } from './transcript-view';

export interface HandoffSettings {
  /** Opening hours (config `BUSINESS_HOURS`); undefined means always open. */
  businessHours?: BusinessHours;
  /** How long a dropped agent keeps their chats (config `AGENT_GRACE_SECONDS` × 1000). @example 60_000 */
  requeueGraceMs: number;
  /** Give new queue entries to the least busy online agent (config `AUTO_ASSIGN`). */
  autoAssign: boolean;
  /** How often the requeue sweep and the heartbeat run. Default 5000. */
  sweepIntervalMs?: number;
  /** A socket not heard of for this long counts as gone (its node died). Default 30000. */
  heartbeatStaleMs?: number;
  /** Queue events this close together cause one refresh. Default 100. */
  refreshDebounceMs?: number;
}

export interface HandoffServiceDeps {
  storage: Storage;
  bus: Bus;
  conversations: HandoffConversations;
  /** Epoch ms; tests pass a simulated clock. */
  clock: () => number;
  /** The refresh debounce and the sweep run on these; default Node's timers. */
  timers?: Timers;
  logger?: Logger;
  settings: HandoffSettings;
}

/** What every node's agent sockets hear about: a fresh queue and agent list, and the escalations since the last update. */
export type QueueListener = (update: { entries: AgentQueueEntry[]; agents: AgentSummary[]; alerts: EscalationAlert[] }) => void;

/**
 * The hand-off, composed from its parts: the queue (queue.ts), who is on duty
 * (presence-tracker.ts), who owns which chat (assignment.ts), the owner's actions
 * (chat-actions.ts), the agent's transcript (transcript-view.ts), the requeue sweep
 * (requeue-sweep.ts) and when work runs (scheduler.ts). Holds nothing authoritative in memory:
 * state lives in storage and every change is announced on the bus, so any number of nodes can run it.
 */
export function createHandoffService(deps: HandoffServiceDeps) {
  const { storage, bus, conversations, clock, logger, settings } = deps;
  const store = storage.handoff;
  const staleMs = settings.heartbeatStaleMs ?? HEARTBEAT_STALE_MS;
  const listeners = new Set<QueueListener>();
  const changed = () => bus.publish(channels.queue, { type: 'changed' });

  const presence = createPresenceTracker({ store, clock, staleMs, changed });
  const queue = createHandoffQueue({ storage, store, conversations });
  const assignment = createAssignment({ storage, store, bus, conversations, presence, queue, changed, logger });
  const actions = createChatActions({ storage, store, bus, conversations, assignment });
  const sweep = createRequeueSweep({ storage, store, bus, conversations, presence, clock, graceMs: settings.requeueGraceMs, staleMs, changed, logger });
  const scheduler = createHandoffScheduler({
    bus,
    timers: deps.timers,
    debounceMs: settings.refreshDebounceMs,
    sweepIntervalMs: settings.sweepIntervalMs,
    sweep,
    logger,
    async refresh(alerts) {
      if (settings.autoAssign) await assignment.autoAssign();
      const [entries, view] = await Promise.all([queue.snapshot(), presence.view()]);
      const agents = summaries(view.presence);
      for (const l of listeners) l({ entries, agents, alerts });
      await queue.announceWaits(entries, view.presence);
    },
  });

  return {
    availability: createAgentAvailability({ storage, clock, businessHours: settings.businessHours, heartbeatStaleMs: staleMs }),
    queueSnapshot: queue.snapshot,
    agentsSnapshot: presence.agents,
    transcript: createTranscriptView({ storage, store }),
    sweep,
    claim: assignment.claim,
    release: assignment.release,
    close: assignment.close,
    transfer: assignment.transfer,
    ownedChats: assignment.ownedChats,
    sendMessage: actions.sendMessage,
    addNote: actions.addNote,
    typing: actions.typing,
    /** Queue entry details for an `assigned` frame. */
    assignmentDetails: queue.details,
    setPresence: presence.setStatus,
    socketOpened: presence.socketOpened,
    socketClosed: presence.socketClosed,

    /** Local subscription for this node's agent sockets; returns the unsubscribe function. */
    onQueue(listener: QueueListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: scheduler.start,
    stop: scheduler.stop,
    /** Resolves once queue work triggered so far on this node is done (for tests and shutdown). */
    idle: scheduler.idle,
  };
}

export type HandoffService = ReturnType<typeof createHandoffService>;
