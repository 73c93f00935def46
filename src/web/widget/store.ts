import type {
  ArticleRef,
  ChoiceFrame,
  ConversationState,
  MessageFrame,
  QuickReply,
  Sender,
  ServerMessageFrame,
  StatusFrame,
} from '../../protocol/customer';

/** A message as the widget shows it. Customer messages exist before the server numbers them. */
export interface ChatMessage {
  /** Server id, or the client id of a customer message. */
  id: string;
  /** The server's sequence number; absent while a customer message is pending. */
  seq?: number;
  from: Sender;
  text: string;
  quickReplies?: QuickReply[];
  article?: ArticleRef;
  /** Agent messages: who wrote it (older servers did not say; the status's agent is shown then). */
  agentName?: string;
  /** When it was stored (epoch ms, the server's clock); a pending customer message has its send time. */
  at?: number;
  /** Customer messages: pending until acked, failed when the server refused them for good. */
  status: 'pending' | 'sent' | 'failed';
}

export type OutgoingFrame = MessageFrame | ChoiceFrame;

export interface ConversationStatus {
  state: ConversationState;
  queuePosition?: number;
  estimatedWaitSeconds?: number;
  agentName?: string;
}

/** Everything that survives a reload or a move to another page of the site. */
export interface Snapshot {
  v: 1;
  token?: string;
  conversationId?: string;
  status: ConversationStatus;
  messages: ChatMessage[];
  /** Sent but not yet acknowledged; re-sent with the same id after a reconnect. */
  outbox: OutgoingFrame[];
  rated?: boolean;
}

/** The subset of the Web Storage API the store needs (so tests can pass a Map-backed fake). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Oldest messages are dropped from the saved history past this many; the server still has them. */
export const MAX_SAVED_MESSAGES = 300;

function empty(): Snapshot {
  return { v: 1, status: { state: 'bot' }, messages: [], outbox: [] };
}

function parse(raw: string | null): Snapshot {
  if (!raw) return empty();
  try {
    const data = JSON.parse(raw) as Partial<Snapshot>;
    if (data.v !== 1 || !Array.isArray(data.messages) || !Array.isArray(data.outbox)) return empty();
    return { ...empty(), ...data } as Snapshot;
  } catch {
    return empty();
  }
}

/**
 * The conversation as the widget knows it: token, history by `seq`, pending messages. Pure
 * bookkeeping with no DOM or socket, saved to `storage` under `key` after every change.
 * Storage may be null or throw (private modes, disabled storage): the store then lives in memory.
 */
export function createConversationStore(storage: KeyValueStore | null, key: string, now: () => number = Date.now) {
  let snap: Snapshot = empty();
  try {
    snap = parse(storage?.getItem(key) ?? null);
  } catch {
    /* storage unavailable: start empty */
  }
  const listeners = new Set<() => void>();

  function save() {
    if (snap.messages.length > MAX_SAVED_MESSAGES) {
      // Keep pending customer messages even when trimming; they are not on the server yet.
      const sorted = ordered();
      snap.messages = sorted.slice(sorted.length - MAX_SAVED_MESSAGES);
    }
    try {
      storage?.setItem(key, JSON.stringify(snap));
    } catch {
      /* quota or disabled storage: history stays in memory */
    }
  }

  function changed() {
    save();
    for (const l of listeners) l();
  }

  /** Numbered messages by seq, then pending/failed ones in the order they were written. */
  function ordered(): ChatMessage[] {
    const numbered = snap.messages.filter((m) => m.seq !== undefined).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const rest = snap.messages.filter((m) => m.seq === undefined);
    return numbered.concat(rest);
  }

  function dropFromOutbox(id: string) {
    snap.outbox = snap.outbox.filter((f) => f.id !== id);
  }

  return {
    /** Runs `listener` after every change. Returns an unsubscribe function. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    get token(): string | undefined {
      return snap.token;
    },
    get conversationId(): string | undefined {
      return snap.conversationId;
    },
    get status(): ConversationStatus {
      return snap.status;
    },
    get outbox(): readonly OutgoingFrame[] {
      return snap.outbox;
    },
    get rated(): boolean {
      return snap.rated === true;
    },
    messages: ordered,

    /**
     * The last seq of an unbroken run from the first seq seen, sent in `hello` so the server sends
     * the rest. Stopping at a gap means the server re-sends from there; duplicates are ignored.
     */
    lastSeq(): number | undefined {
      const seqs = snap.messages.map((m) => m.seq).filter((s): s is number => s !== undefined).sort((a, b) => a - b);
      if (seqs.length === 0) return undefined;
      let last = seqs[0] as number;
      for (const s of seqs) {
        if (s > last + 1) break;
        last = s;
      }
      return last;
    },

    /** Reloads from storage: another tab of the same site may have moved the conversation on. */
    reload(): void {
      try {
        snap = parse(storage?.getItem(key) ?? null);
      } catch {
        return;
      }
      for (const l of listeners) l();
    },

    /**
     * Applies a `session` frame. A different conversation than the saved one (new, or the token
     * expired) starts a fresh history; unsent messages are kept and go to the new conversation.
     */
    session(token: string, conversationId: string, state: ConversationState): void {
      if (snap.conversationId !== undefined && snap.conversationId !== conversationId) {
        snap.messages = snap.messages.filter((m) => m.status === 'pending' && m.seq === undefined);
        snap.status = { state: 'bot' };
        snap.rated = false;
      }
      snap.token = token;
      snap.conversationId = conversationId;
      if (state !== snap.status.state) snap.status = { state };
      changed();
    },

    /** Adds a server message; returns false for one already shown (same seq). */
    receive(frame: ServerMessageFrame): boolean {
      if (snap.messages.some((m) => m.seq === frame.seq)) return false;
      const own = snap.messages.find((m) => m.id === frame.id && m.from === 'customer');
      if (own) {
        // Our own message coming back numbered (another tab, or a resume before the ack): take the
        // server's text, which has card numbers masked.
        own.seq = frame.seq;
        own.text = frame.text;
        own.status = 'sent';
        if (typeof frame.createdAt === 'number') own.at = frame.createdAt;
        dropFromOutbox(frame.id);
      } else {
        const m: ChatMessage = { id: frame.id, seq: frame.seq, from: frame.from, text: frame.text, status: 'sent' };
        if (typeof frame.createdAt === 'number') m.at = frame.createdAt;
        if (frame.quickReplies?.length) m.quickReplies = frame.quickReplies;
        if (frame.article) m.article = frame.article;
        if (frame.agent?.name) m.agentName = frame.agent.name;
        snap.messages.push(m);
      }
      changed();
      return true;
    },

    /** Shows a customer message at once as pending and queues its frame until the server acks it. */
    addOutgoing(frame: OutgoingFrame, text: string): ChatMessage {
      const m: ChatMessage = { id: frame.id, from: 'customer', text, status: 'pending', at: now() };
      snap.messages.push(m);
      snap.outbox.push(frame);
      changed();
      return m;
    },

    /** The server stored message `id` as `seq`. */
    ack(id: string, seq: number): void {
      const m = snap.messages.find((x) => x.id === id && x.from === 'customer');
      dropFromOutbox(id);
      if (m) {
        if (snap.messages.some((x) => x !== m && x.seq === seq)) {
          snap.messages = snap.messages.filter((x) => x !== m);
        } else {
          m.seq = seq;
          m.status = 'sent';
        }
      }
      changed();
    },

    /**
     * The server refused `oldId` because another sender's message has it (ID_TAKEN): the same
     * pending message and frame take `newId`, to be sent again; undefined when `oldId` is not pending.
     */
    reissue(oldId: string, newId: string): OutgoingFrame | undefined {
      const frame = snap.outbox.find((f) => f.id === oldId);
      const m = snap.messages.find((x) => x.id === oldId && x.from === 'customer' && x.seq === undefined);
      if (!frame) return undefined;
      const again = { ...frame, id: newId };
      snap.outbox = snap.outbox.map((f) => (f === frame ? again : f));
      if (m) m.id = newId;
      changed();
      return again;
    },

    /** The server refused message `id` for good: show it as not sent, never re-send it. */
    fail(id: string): void {
      const m = snap.messages.find((x) => x.id === id && x.from === 'customer' && x.seq === undefined);
      if (m) m.status = 'failed';
      dropFromOutbox(id);
      changed();
    },

    setStatus(frame: Omit<StatusFrame, 'type'>): void {
      const next: ConversationStatus = { state: frame.state };
      if (frame.queuePosition !== undefined) next.queuePosition = frame.queuePosition;
      if (frame.estimatedWaitSeconds !== undefined) next.estimatedWaitSeconds = frame.estimatedWaitSeconds;
      const name = frame.agent?.name ?? (frame.state === 'agent' ? snap.status.agentName : undefined);
      if (name) next.agentName = name;
      snap.status = next;
      changed();
    },

    markRated(): void {
      snap.rated = true;
      changed();
    },

    /** Forgets the conversation: token, history, pending messages. */
    reset(): void {
      snap = empty();
      changed();
    },
  };
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
