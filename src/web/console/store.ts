/**
 * The console's state, built only from what the server sends (agent protocol frames) plus the
 * agent's own pending messages. No DOM and no timers: the unit tests drive it with frames and
 * a clock value. The views read it after every `apply`.
 */
import type { ConversationState } from '../../protocol/customer';
import type {
  AgentHelloFrame,
  AgentQueueEntry,
  AgentServerFrame,
  AgentStatus,
  AgentSummary,
  CustomerBadge,
  EscalationInfo,
  EscalationReason,
  Note,
  Topic,
  TranscriptMessage,
} from '../../protocol/agent';

/** How long a "customer is typing" lasts after the last typing frame. */
export const TYPING_TTL_MS = 4000;

export interface ChatState {
  conversationId: string;
  /** This agent owns it (claimed, assigned, transferred here). */
  owned: boolean;
  /** Opened to read only (operator/admin looking at another agent's chat or a queued one). */
  readOnly: boolean;
  reason?: EscalationReason;
  priority?: 'normal' | 'urgent';
  waitingSince?: number;
  topic?: Topic;
  /** The customer the host site vouched for (verified identity), if any. */
  customer?: CustomerBadge;
  collected: Record<string, unknown>;
  preview: string;
  transferredFrom?: string;
  /** Stored messages, by seq. */
  messages: TranscriptMessage[];
  /** Sent by this console, not yet echoed back by the server. */
  pending: { id: string; text: string; createdAt: number; failed?: string }[];
  notes: Note[];
  escalation?: EscalationInfo;
  state?: ConversationState;
  /** A transcript arrived at least once. */
  loaded: boolean;
  customerTypingAt?: number;
  /** Customer messages since the agent last looked at this chat. */
  unread: number;
  /** Why it is no longer ours, when it ended while open on screen. */
  ended?: 'released' | 'closed';
}

export interface ConsoleState {
  me?: AgentHelloFrame['agent'];
  agents: AgentSummary[];
  queue: AgentQueueEntry[];
  chats: Map<string, ChatState>;
  /** Owned chats in the order they were assigned. */
  myChats: string[];
  activeChatId?: string;
  selectedQueueId?: string;
}

export type StoreEvent =
  | { kind: 'escalated'; conversationId: string; reason: EscalationReason; priority: 'normal' | 'urgent' }
  | { kind: 'assigned'; conversationId: string; transferredFrom?: string }
  | { kind: 'lost'; conversationId: string; why: 'released' | 'closed' }
  | { kind: 'customer-message'; conversationId: string; message: TranscriptMessage }
  | { kind: 'error'; code: string; message: string; ref?: string }
  /** The server refused a pending message's id (another sender's message has it): send the text again with a new id. */
  | { kind: 'id-taken'; conversationId: string; text: string };

function blankChat(conversationId: string): ChatState {
  return { conversationId, owned: false, readOnly: false, collected: {}, preview: '', messages: [], pending: [], notes: [], loaded: false, unread: 0 };
}

/** Inserts or replaces by seq, keeping the list sorted; a repeated id is dropped. */
export function mergeMessages(list: readonly TranscriptMessage[], incoming: readonly TranscriptMessage[]): TranscriptMessage[] {
  const bySeq = new Map<number, TranscriptMessage>();
  for (const m of list) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  const seenIds = new Set<string>();
  return [...bySeq.values()]
    .sort((a, b) => a.seq - b.seq)
    .filter((m) => (seenIds.has(m.id) ? false : (seenIds.add(m.id), true)));
}

export function createConsoleStore() {
  const state: ConsoleState = { agents: [], queue: [], chats: new Map(), myChats: [] };

  function chat(id: string): ChatState {
    let c = state.chats.get(id);
    if (!c) {
      c = blankChat(id);
      state.chats.set(id, c);
    }
    return c;
  }

  function dropOwnership(id: string, why: 'released' | 'closed') {
    const c = state.chats.get(id);
    state.myChats = state.myChats.filter((x) => x !== id);
    if (!c) return;
    c.owned = false;
    c.pending = [];
    c.customerTypingAt = undefined;
    if (state.activeChatId === id) {
      // Keep it on screen, read-only, so the agent sees what happened.
      c.ended = why;
      c.readOnly = true;
      if (why === 'closed') c.state = 'closed';
    } else {
      state.chats.delete(id);
    }
  }

  return {
    state,

    /** Applies one server frame; returns what the controller should react to (alerts, toasts). */
    apply(frame: AgentServerFrame, now: number): StoreEvent[] {
      const events: StoreEvent[] = [];
      switch (frame.type) {
        case 'hello':
          state.me = frame.agent;
          state.agents = frame.agents;
          // A (re)connect: the server follows with one `assigned` per chat still ours; any other
          // chat was requeued or ended while we were away.
          for (const id of state.myChats) {
            const c = state.chats.get(id);
            if (c) c.owned = false;
          }
          state.myChats = [];
          break;
        case 'agents':
          state.agents = frame.agents;
          break;
        case 'queue':
          state.queue = frame.entries;
          if (state.selectedQueueId && !frame.entries.some((e) => e.conversationId === state.selectedQueueId)) state.selectedQueueId = undefined;
          break;
        case 'alert':
          events.push({ kind: 'escalated', conversationId: frame.conversationId, reason: frame.reason, priority: frame.priority });
          break;
        case 'assigned': {
          const c = chat(frame.conversationId);
          Object.assign(c, {
            owned: true,
            readOnly: false,
            ended: undefined,
            reason: frame.reason,
            priority: frame.priority,
            waitingSince: frame.waitingSince,
            topic: frame.topic,
            customer: frame.customer,
            collected: frame.collected ?? {},
            preview: frame.preview ?? '',
            transferredFrom: frame.transferredFrom,
          });
          if (!state.myChats.includes(frame.conversationId)) state.myChats.push(frame.conversationId);
          events.push({ kind: 'assigned', conversationId: frame.conversationId, transferredFrom: frame.transferredFrom });
          break;
        }
        case 'transcript': {
          const c = chat(frame.conversationId);
          c.messages = mergeMessages([], frame.messages);
          const stored = new Set(c.messages.map((m) => m.id));
          c.pending = c.pending.filter((p) => !stored.has(p.id));
          c.notes = [...frame.notes].sort((a, b) => a.createdAt - b.createdAt);
          c.escalation = frame.escalation;
          c.state = frame.state;
          c.readOnly = frame.readOnly;
          c.loaded = true;
          if (frame.escalation) {
            c.reason ??= frame.escalation.reason;
            c.priority ??= frame.escalation.priority;
            c.waitingSince ??= frame.escalation.waitingSince;
            c.topic ??= frame.escalation.topic;
            c.customer ??= frame.escalation.customer;
            if (Object.keys(c.collected).length === 0) c.collected = frame.escalation.collected ?? {};
          }
          break;
        }
        case 'message': {
          const c = state.chats.get(frame.conversationId);
          if (!c) break;
          c.messages = mergeMessages(c.messages, [frame.message]);
          c.pending = c.pending.filter((p) => p.id !== frame.message.id);
          if (frame.message.from === 'customer') {
            c.customerTypingAt = undefined;
            if (state.activeChatId !== frame.conversationId) c.unread++;
            events.push({ kind: 'customer-message', conversationId: frame.conversationId, message: frame.message });
          }
          break;
        }
        case 'note': {
          const c = state.chats.get(frame.conversationId);
          if (!c || c.notes.some((n) => n.id === frame.note.id)) break;
          c.notes = [...c.notes, frame.note].sort((a, b) => a.createdAt - b.createdAt);
          break;
        }
        case 'typing': {
          const c = state.chats.get(frame.conversationId);
          if (c && frame.from === 'customer') c.customerTypingAt = now;
          break;
        }
        case 'released':
        case 'closed': {
          const why = frame.type;
          const wasMine = state.myChats.includes(frame.conversationId);
          dropOwnership(frame.conversationId, why);
          if (wasMine) events.push({ kind: 'lost', conversationId: frame.conversationId, why });
          break;
        }
        case 'error':
          if (frame.code === 'ID_TAKEN' && frame.ref) {
            // Nothing of ours was stored: drop the pending copy and have the same words sent again.
            const owner = [...state.chats.values()].find((c) => c.pending.some((x) => x.id === frame.ref));
            const p = owner?.pending.find((x) => x.id === frame.ref);
            if (owner && p) {
              owner.pending = owner.pending.filter((x) => x !== p);
              events.push({ kind: 'id-taken', conversationId: owner.conversationId, text: p.text });
              break;
            }
          }
          events.push({ kind: 'error', code: frame.code, message: frame.message, ref: frame.ref });
          // A message the server refused stays visible, marked failed, so the agent can copy it.
          if (frame.ref) {
            for (const c of state.chats.values()) {
              const p = c.pending.find((x) => x.id === frame.ref);
              if (p) p.failed = frame.message;
            }
          }
          break;
      }
      return events;
    },

    /** A message this console just sent: shown at once as pending until the server echoes it. */
    addPending(conversationId: string, id: string, text: string, now: number): void {
      chat(conversationId).pending.push({ id, text, createdAt: now });
    },

    /** Shows a chat in the centre; clears its unread count. Opening a chat we do not own makes it read-only. */
    setActive(conversationId: string | undefined): void {
      if (conversationId === state.activeChatId) return;
      const prev = state.activeChatId;
      state.activeChatId = conversationId;
      if (prev && prev !== conversationId) {
        const p = state.chats.get(prev);
        // Ended or read-only chats are dropped when the agent moves on.
        if (p && !p.owned) state.chats.delete(prev);
      }
      if (conversationId) chat(conversationId).unread = 0;
    },

    selectQueue(conversationId: string | undefined): void {
      state.selectedQueueId = conversationId;
    },

    setMyStatus(status: AgentStatus): void {
      if (state.me) state.me = { ...state.me, status };
    },

    /** True while the customer typed within the last few seconds. */
    customerTyping(conversationId: string, now: number): boolean {
      const at = state.chats.get(conversationId)?.customerTypingAt;
      return at !== undefined && now - at < TYPING_TTL_MS;
    },

    /** Online agents with room, other than me: the transfer targets. */
    transferTargets(): AgentSummary[] {
      return state.agents.filter((a) => a.id !== state.me?.id && a.status === 'online' && a.activeChats < a.capacity);
    },

    reset(): void {
      state.me = undefined;
      state.agents = [];
      state.queue = [];
      state.chats.clear();
      state.myChats = [];
      state.activeChatId = undefined;
      state.selectedQueueId = undefined;
    },
  };
}

export type ConsoleStore = ReturnType<typeof createConsoleStore>;
