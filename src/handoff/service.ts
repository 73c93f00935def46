import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Bus, BusEvent } from '../bus/types';
import { channels } from '../bus/types';
import type {
  AgentQueueEntry,
  AgentSummary,
  EscalationInfo,
  Note,
  Topic,
  TranscriptFrame,
  TranscriptMessage,
} from '../protocol/agent';
import type { StatusFrame } from '../protocol/customer';
import type { AgentRecord, PresenceRecord, PresenceStatus } from '../storage/handoff';
import type { EscalationRecord, MessageRecord, Storage } from '../storage/types';
import { HEARTBEAT_STALE_MS, createAgentAvailability, isConnected } from './availability';
import type { BusinessHours } from './business-hours';
import { handoffChannels } from './channels';
import { decideClaim } from './claim';
import { pickLeastBusy, type AgentPresence } from './presence';
import { orderQueue, type QueueEntry } from './queue-order';
import { dueForRequeue } from './requeue';
import { estimateWaitSeconds } from './wait-estimate';

/** What the hand-off needs from the conversation service (the only writer of conversations). */
export interface HandoffConversations {
  agentJoined(conversationId: string, agentName: string): Promise<unknown>;
  releaseToBot(conversationId: string): Promise<unknown>;
  postAgentMessage(conversationId: string, input: { id?: string; text: string; agentId: string; agentName: string }): Promise<MessageRecord>;
  end(conversationId: string): Promise<void>;
  publishStatus(conversationId: string, status: Omit<StatusFrame, 'type'>): Promise<void>;
  typing?(conversationId: string, from: 'customer' | 'agent' | 'bot'): Promise<void>;
  /** The owning agent dropped and the chat is queued again; optional until the machine has the event. */
  agentLeft?(conversationId: string): Promise<unknown>;
}

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
}

export interface HandoffServiceDeps {
  storage: Storage;
  bus: Bus;
  conversations: HandoffConversations;
  /** Epoch ms; tests pass a simulated clock. */
  clock: () => number;
  logger?: Logger;
  settings: HandoffSettings;
}

export type HandoffErrorCode =
  | 'ALREADY_CLAIMED'
  | 'NOT_IN_QUEUE'
  | 'AT_CAPACITY'
  | 'NOT_ONLINE'
  | 'NOT_ASSIGNED'
  | 'FORBIDDEN'
  | 'NOT_FOUND';

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; code: HandoffErrorCode };

/** What every node's agent sockets hear about: a fresh queue and agent list, and new escalations. */
export interface EscalationAlert {
  conversationId: string;
  reason: EscalationRecord['reason'];
  priority: EscalationRecord['priority'];
}
export type QueueListener = (update: { entries: AgentQueueEntry[]; agents: AgentSummary[]; alert?: EscalationAlert }) => void;

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (code: HandoffErrorCode): Outcome<never> => ({ ok: false, code });
const PREVIEW_CHARS = 200;

function topicOf(summary: Record<string, unknown>): Topic | undefined {
  if (typeof summary.intent !== 'string') return undefined;
  return {
    intent: summary.intent,
    category: typeof summary.category === 'string' ? summary.category : '',
    confidence: typeof summary.confidence === 'number' ? summary.confidence : 0,
  };
}

function collectedOf(summary: Record<string, unknown>): Record<string, unknown> {
  const e = summary.entities;
  return e && typeof e === 'object' && !Array.isArray(e) ? (e as Record<string, unknown>) : {};
}

/** A stored message as agents see it: with the bot's understanding of customer turns. */
export function toTranscriptMessage(m: MessageRecord): TranscriptMessage {
  const out: TranscriptMessage = { seq: m.seq, id: m.id, from: m.from, text: m.text, createdAt: m.createdAt };
  const intent = (m.meta?.nlu as { intent?: { name?: string; category?: string; confidence?: number } } | undefined)?.intent;
  if (intent?.name) out.nlu = { intent: intent.name, category: intent.category ?? '', confidence: intent.confidence ?? 0 };
  if (typeof m.meta?.agentName === 'string') out.agentName = m.meta.agentName;
  return out;
}

/**
 * The hand-off: queue, presence, claim/transfer/release/close, requeue after a dropped agent, the
 * wait estimate and agent availability. Holds nothing authoritative in memory: state lives in
 * storage and every change is announced on the bus, so any number of nodes can run it.
 */
export function createHandoffService(deps: HandoffServiceDeps) {
  const { storage, bus, conversations, clock, logger, settings } = deps;
  const store = storage.handoff;
  const sweepIntervalMs = settings.sweepIntervalMs ?? 5000;
  const staleMs = settings.heartbeatStaleMs ?? HEARTBEAT_STALE_MS;
  const listeners = new Set<QueueListener>();
  /** Sockets on this node per agent, for the heartbeat only (never a source of truth). */
  const localSockets = new Map<string, number>();
  let unsubscribe: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> = Promise.resolve();

  const connected = (p: PresenceRecord | undefined, now: number) => isConnected(p, now, staleMs);

  async function presenceView(): Promise<{ agents: AgentRecord[]; presence: AgentPresence[] }> {
    const now = clock();
    const [agents, presence, active, lastAssigned] = await Promise.all([
      store.listAgents(),
      store.listPresence(),
      store.activeAssignments(),
      store.lastAssignedAt(),
    ]);
    const byId = new Map(presence.map((p) => [p.agentId, p]));
    const load = new Map<string, number>();
    for (const a of active) load.set(a.agentId, (load.get(a.agentId) ?? 0) + 1);
    const view = agents
      .filter((a) => !a.disabled)
      .map((a): AgentPresence => {
        const p = byId.get(a.id);
        const status: PresenceStatus = connected(p, now) ? p!.status : 'offline';
        const out: AgentPresence = { agentId: a.id, name: a.name, status, capacity: a.capacity, activeChats: load.get(a.id) ?? 0, lastSeenAt: p?.lastSeenAt ?? 0 };
        if (lastAssigned[a.id] !== undefined) out.lastAssignedAt = lastAssigned[a.id];
        return out;
      });
    return { agents, presence: view };
  }

  async function agentsSnapshot(): Promise<AgentSummary[]> {
    const { presence } = await presenceView();
    return presence.map((p) => ({ id: p.agentId, name: p.name, status: p.status, activeChats: p.activeChats, capacity: p.capacity }));
  }

  async function preview(conversationId: string, lastSeq: number): Promise<string> {
    const recent = await storage.messagesAfter(conversationId, Math.max(0, lastSeq - 10));
    const text = recent
      .filter((m) => m.from === 'customer')
      .slice(-2)
      .map((m) => m.text)
      .join(' / ');
    return text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS - 1) + '…' : text;
  }

  async function entryFor(e: EscalationRecord, lastSeq: number): Promise<AgentQueueEntry> {
    const entry: AgentQueueEntry = {
      conversationId: e.conversationId,
      reason: e.reason,
      priority: e.priority,
      waitingSince: e.createdAt,
      collected: collectedOf(e.summary),
      preview: await preview(e.conversationId, lastSeq),
    };
    const topic = topicOf(e.summary);
    if (topic) entry.topic = topic;
    return entry;
  }

  /** The queue in service order. Entries of chats the customer ended meanwhile are cancelled. */
  async function queueSnapshot(): Promise<AgentQueueEntry[]> {
    const queued = await storage.listEscalations({ status: 'queued' });
    const live: Array<{ e: EscalationRecord; lastSeq: number }> = [];
    for (const e of queued) {
      const conv = await storage.getConversation(e.conversationId);
      if (!conv || conv.state === 'closed') {
        await storage.updateEscalationStatus(e.id, 'cancelled', { from: ['queued'] });
        continue;
      }
      live.push({ e, lastSeq: conv.lastSeq });
    }
    const order = orderQueue(
      live.map(({ e }): QueueEntry => ({ conversationId: e.conversationId, escalationId: e.id, priority: e.priority, reason: e.reason, enqueuedAt: e.createdAt })),
    );
    const byId = new Map(live.map((x) => [x.e.id, x]));
    return Promise.all(order.map((q) => entryFor(byId.get(q.escalationId)!.e, byId.get(q.escalationId)!.lastSeq)));
  }

  /** Tells every queued customer their place and the estimated wait. */
  async function publishWaits(entries: AgentQueueEntry[], presence: AgentPresence[]): Promise<void> {
    if (entries.length === 0) return;
    const recent = await store.recentPickupSeconds(20);
    for (const [i, entry] of entries.entries()) {
      const status: Omit<StatusFrame, 'type'> = { state: 'queued', queuePosition: i + 1 };
      const wait = estimateWaitSeconds({ position: i + 1, onlineAgents: presence, recentPickupSeconds: recent });
      if (wait !== undefined) status.estimatedWaitSeconds = wait;
      await conversations.publishStatus(entry.conversationId, status);
    }
  }

  async function openEscalation(conversationId: string): Promise<EscalationRecord | undefined> {
    const all = await storage.listEscalations({ conversationId });
    return all.find((e) => e.status === 'queued' || e.status === 'assigned');
  }

  async function announceAssigned(agentId: string, conversationId: string, transferredFrom?: string) {
    await bus.publish(handoffChannels.agent(agentId), { type: 'assigned', conversationId, ...(transferredFrom ? { transferredFrom } : {}) });
  }

  async function queueChanged(): Promise<void> {
    await bus.publish(channels.queue, { type: 'changed' });
  }

  async function autoAssign(): Promise<void> {
    if (!settings.autoAssign) return;
    for (let guard = 0; guard < 100; guard++) {
      const entries = await queueSnapshot();
      if (entries.length === 0) return;
      const { agents, presence } = await presenceView();
      const pick = pickLeastBusy(presence);
      if (!pick) return;
      const agent = agents.find((a) => a.id === pick.agentId)!;
      const result = await claimAs(agent, entries[0]!.conversationId, { announce: true });
      if (!result.ok && result.code !== 'ALREADY_CLAIMED') return;
    }
  }

  /** Rebuilds the queue once per bus event on this node, in order, and tells everyone. */
  function refresh(alert?: EscalationAlert): Promise<void> {
    refreshing = refreshing
      .then(async () => {
        await autoAssign();
        const [entries, view] = await Promise.all([queueSnapshot(), presenceView()]);
        const agents = view.presence.map((p) => ({ id: p.agentId, name: p.name, status: p.status, activeChats: p.activeChats, capacity: p.capacity }));
        for (const l of listeners) l({ entries, agents, ...(alert ? { alert } : {}) });
        await publishWaits(entries, view.presence);
      })
      .catch((err) => logger?.error({ err }, 'queue refresh failed'));
    return refreshing;
  }

  function onQueueEvent(event: BusEvent): void {
    if (event.type === 'escalated') {
      const e = event.escalation as EscalationRecord;
      void refresh({ conversationId: e.conversationId, reason: e.reason, priority: e.priority });
    } else {
      void refresh();
    }
  }

  async function claimAs(agent: AgentRecord, conversationId: string, opts: { announce?: boolean } = {}): Promise<Outcome<{ conversationId: string }>> {
    const esc = await openEscalation(conversationId);
    if (!esc) return fail('NOT_IN_QUEUE');
    const view = await presenceView();
    const me = view.presence.find((p) => p.agentId === agent.id);
    const decision = decideClaim({
      entry: esc,
      agent: { status: me?.status ?? 'offline' },
      agentActiveChats: me?.activeChats ?? 0,
      capacity: agent.capacity,
    });
    if (!decision.ok) return fail(decision.code);
    const result = await store.claim(esc.id, agent.id, agent.capacity);
    if (!result.ok) return fail(result.code);
    logger?.info({ conversationId, agentId: agent.id }, 'chat claimed');
    await conversations.agentJoined(conversationId, agent.name);
    if (opts.announce !== false) await announceAssigned(agent.id, conversationId);
    await queueChanged();
    return ok({ conversationId });
  }

  /** The active assignment of a conversation, when `agent` may act on it. */
  async function owned(agent: AgentRecord, conversationId: string, allowStaff = false) {
    const [assignment] = await store.activeAssignments({ conversationId });
    if (!assignment) {
      const conv = await storage.getConversation(conversationId);
      if (!conv) return fail('NOT_FOUND');
      return agent.role === 'agent' ? fail('FORBIDDEN') : fail('NOT_ASSIGNED');
    }
    if (assignment.agentId === agent.id) return ok(assignment);
    if (allowStaff && agent.role !== 'agent') return ok(assignment);
    return fail('FORBIDDEN');
  }

  async function transcript(agent: AgentRecord, conversationId: string): Promise<Outcome<Omit<TranscriptFrame, 'type'>>> {
    const conv = await storage.getConversation(conversationId);
    const [assignment] = await store.activeAssignments({ conversationId });
    const mine = assignment?.agentId === agent.id;
    // An agent learns nothing about chats that are not theirs, not even whether they exist.
    if (!mine && agent.role === 'agent') return fail('FORBIDDEN');
    if (!conv) return fail('NOT_FOUND');
    const [messages, notes, escalations, agents] = await Promise.all([
      storage.messagesAfter(conversationId, 0, 5000),
      store.listNotes(conversationId),
      storage.listEscalations({ conversationId }),
      store.listAgents(),
    ]);
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const body: Omit<TranscriptFrame, 'type'> = {
      conversationId,
      messages: messages.map(toTranscriptMessage),
      notes: notes.map((n): Note => ({ ...n, agentName: names.get(n.agentId) ?? '' })),
      state: conv.state,
      readOnly: !mine,
    };
    const last = escalations[escalations.length - 1];
    if (last) {
      const info: EscalationInfo = {
        reason: last.reason,
        priority: last.priority,
        status: last.status,
        waitingSince: last.createdAt,
        collected: collectedOf(last.summary),
      };
      const topic = topicOf(last.summary);
      if (topic) info.topic = topic;
      if (assignment) info.agentId = assignment.agentId;
      body.escalation = info;
    }
    return ok(body);
  }

  async function endAs(agent: AgentRecord, conversationId: string, end: 'released' | 'closed', resolution?: string): Promise<Outcome> {
    const mine = await owned(agent, conversationId, true);
    if (!mine.ok) return mine;
    const ended = await store.endAssignment(mine.value.escalationId, end, resolution);
    if (!ended) return fail('NOT_ASSIGNED');
    if (end === 'released') await conversations.releaseToBot(conversationId);
    else await conversations.end(conversationId);
    await bus.publish(handoffChannels.agent(ended.agentId), { type: end, conversationId });
    await queueChanged();
    logger?.info({ conversationId, agentId: agent.id, end }, 'chat ended by agent');
    return ok(undefined);
  }

  /**
   * Puts chats of agents gone longer than the grace period back in the queue, keeping their place.
   * Judged from stored times only, so any node's sweep (or one after a restart) does it.
   */
  async function sweep(): Promise<string[]> {
    const now = clock();
    if (localSockets.size > 0) await store.touchAgents([...localSockets.keys()]);
    const [presence, all] = await Promise.all([store.listPresence(), store.activeAssignments()]);
    // A customer who ended the chat frees the agent's slot.
    const active: typeof all = [];
    for (const a of all) {
      const conv = await storage.getConversation(a.conversationId);
      if (conv && conv.state !== 'closed') active.push(a);
      else if (await store.endAssignment(a.escalationId, 'closed', 'ended by customer')) {
        await bus.publish(handoffChannels.agent(a.agentId), { type: 'closed', conversationId: a.conversationId });
      }
    }
    if (active.length === 0) return [];
    const byAgent = new Map(presence.map((p) => [p.agentId, p]));
    const goneSince = (agentId: string, assignedAt: number): number | undefined => {
      const p = byAgent.get(agentId);
      if (!p) return assignedAt;
      if (p.connections === 0) return p.disconnectedAt ?? p.lastSeenAt;
      return now - p.lastSeenAt > staleMs ? p.lastSeenAt : undefined;
    };
    const due = dueForRequeue({
      assignments: active.map((a) => ({ conversationId: a.conversationId, agentId: a.agentId, agentDisconnectedAt: goneSince(a.agentId, a.assignedAt) })),
      now,
      graceMs: settings.requeueGraceMs,
    });
    const requeued: string[] = [];
    for (const conversationId of due) {
      const a = active.find((x) => x.conversationId === conversationId)!;
      const ended = await store.endAssignment(a.escalationId, 'requeued');
      if (!ended) continue; // another node's sweep got there first
      requeued.push(conversationId);
      await conversations.agentLeft?.(conversationId);
      await bus.publish(handoffChannels.agent(ended.agentId), { type: 'released', conversationId });
      logger?.info({ conversationId, agentId: ended.agentId }, 'chat requeued: agent gone past the grace period');
    }
    if (requeued.length > 0) await queueChanged();
    return requeued;
  }

  const availability = createAgentAvailability({ storage, clock, businessHours: settings.businessHours, heartbeatStaleMs: staleMs });

  return {
    availability,
    queueSnapshot,
    agentsSnapshot,
    transcript,
    sweep,
    /** Claim a queued chat; of two agents at once, one gets ALREADY_CLAIMED. */
    claim: (agent: AgentRecord, conversationId: string) => claimAs(agent, conversationId),
    /** Release the chat to the bot (owner, or operator/admin). */
    release: (agent: AgentRecord, conversationId: string) => endAs(agent, conversationId, 'released'),
    /** Close the chat with a resolution (owner, or operator/admin). */
    close: (agent: AgentRecord, conversationId: string, resolution: string) => endAs(agent, conversationId, 'closed', resolution),

    /** A message to the customer from the owning agent; a repeated `id` is stored once. */
    async sendMessage(agent: AgentRecord, conversationId: string, input: { id?: string; text: string }): Promise<Outcome<MessageRecord>> {
      const mine = await owned(agent, conversationId);
      if (!mine.ok) return mine;
      if (input.id) {
        const existing = await storage.findMessage(conversationId, input.id);
        if (existing) return ok(existing);
      }
      return ok(await conversations.postAgentMessage(conversationId, { id: input.id, text: input.text, agentId: agent.id, agentName: agent.name }));
    },

    /** An internal note on a chat the agent owns; never reaches the customer. */
    async addNote(agent: AgentRecord, conversationId: string, text: string): Promise<Outcome<Note>> {
      const mine = await owned(agent, conversationId);
      if (!mine.ok) return mine;
      const stored = await store.addNote({ id: `note_${randomUUID()}`, conversationId, agentId: agent.id, text });
      const note: Note = { ...stored, agentName: agent.name };
      await bus.publish(handoffChannels.notes(conversationId), { type: 'note', note: { ...note } });
      return ok(note);
    },

    async typing(agent: AgentRecord, conversationId: string): Promise<Outcome> {
      const mine = await owned(agent, conversationId);
      if (!mine.ok) return mine;
      await conversations.typing?.(conversationId, 'agent');
      return ok(undefined);
    },

    /** Give an owned chat to another online agent with room. */
    async transfer(agent: AgentRecord, conversationId: string, toAgentId: string): Promise<Outcome> {
      const mine = await owned(agent, conversationId);
      if (!mine.ok) return mine;
      const view = await presenceView();
      const target = view.agents.find((a) => a.id === toAgentId && !a.disabled);
      if (!target) return fail('NOT_FOUND');
      if (view.presence.find((p) => p.agentId === toAgentId)?.status !== 'online') return fail('NOT_ONLINE');
      const result = await store.transfer(mine.value.escalationId, agent.id, toAgentId, target.capacity);
      if (!result.ok) return fail(result.code === 'NOT_IN_QUEUE' ? 'NOT_ASSIGNED' : result.code);
      await conversations.agentJoined(conversationId, target.name);
      await bus.publish(handoffChannels.agent(agent.id), { type: 'released', conversationId });
      await announceAssigned(toAgentId, conversationId, agent.id);
      await queueChanged();
      return ok(undefined);
    },

    /** Conversations the agent owns now, oldest assignment first. */
    async ownedChats(agentId: string): Promise<string[]> {
      return (await store.activeAssignments({ agentId })).map((a) => a.conversationId);
    },

    /** Queue entry details for an `assigned` frame. */
    async assignmentDetails(conversationId: string): Promise<AgentQueueEntry | undefined> {
      const esc = await openEscalation(conversationId);
      const conv = await storage.getConversation(conversationId);
      return esc && conv ? entryFor(esc, conv.lastSeq) : undefined;
    },

    async setPresence(agentId: string, status: PresenceStatus): Promise<void> {
      await store.setPresenceStatus(agentId, status);
      await queueChanged();
    },

    async socketOpened(agentId: string): Promise<void> {
      localSockets.set(agentId, (localSockets.get(agentId) ?? 0) + 1);
      await store.socketOpened(agentId);
      await queueChanged();
    },

    async socketClosed(agentId: string): Promise<void> {
      const left = (localSockets.get(agentId) ?? 1) - 1;
      if (left <= 0) localSockets.delete(agentId);
      else localSockets.set(agentId, left);
      await store.socketClosed(agentId);
      await queueChanged();
    },

    /** Local subscription for this node's agent sockets; returns the unsubscribe function. */
    onQueue(listener: QueueListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Subscribes to the queue channel and starts the sweep timer (a trigger only). */
    async start(): Promise<void> {
      unsubscribe = await bus.subscribe(channels.queue, onQueueEvent);
      timer = setInterval(() => void sweep().catch((err) => logger?.error({ err }, 'requeue sweep failed')), sweepIntervalMs);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await unsubscribe?.();
      unsubscribe = undefined;
      await refreshing;
    },

    /** Resolves once queue work triggered so far on this node is done (for tests and shutdown). */
    idle: (): Promise<void> => refreshing,
  };
}

export type HandoffService = ReturnType<typeof createHandoffService>;
