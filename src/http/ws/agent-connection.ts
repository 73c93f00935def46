import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { AgentBusEvent, Bus, ConversationBusEvent, NoteBusEvent } from '../../bus/types';
import { channels } from '../../bus/types';
import { handoffChannels } from '../../handoff/channels';
import type { HandoffErrorCode, HandoffService, Outcome } from '../../handoff/service';
import { toTranscriptMessage } from '../../handoff/service';
import type { AgentClientFrame, AgentErrorFrame, AgentServerFrame, AssignedFrame } from '../../protocol/agent';
import type { Storage } from '../../storage/types';
import { errorCatalogue, type ErrorCode } from '../errors';
import type { ActiveSession, SessionAuth } from '../auth/sessions';
import { decodeAgentFrame } from './agent-frames';
import { admitRaw, createConnection, type Admission, type Connection } from './connection';
import { createRateLimiter } from './rate-limit';
import { createSeqDelivery, type SeqDelivery } from './seq-delivery';

export interface AgentConnectionDeps {
  handoff: HandoffService;
  auth: SessionAuth;
  bus: Bus;
  maxMessageChars: number;
  /** The agent and session the upgrade was authenticated with, and the cookie's token. */
  active: ActiveSession;
  token: string | undefined;
  /** Where a chat's messages are read back when a live event was lost (a gap in `seq`). */
  storage: Pick<Storage, 'getConversation' | 'messagesAfter'>;
  /** Heartbeat period in ms (HEARTBEAT_MS); 0: none. */
  heartbeatMs?: number;
}

/** Close codes (docs/agent-protocol.md). */
export const AGENT_CLOSE = { loggedOut: 4001 } as const;

type Conn = Connection<AgentServerFrame>;

/** An error frame of the agent socket; `ref` ties it to the client frame it answers. */
export function agentError(code: ErrorCode | HandoffErrorCode, detail?: string, ref?: string): AgentErrorFrame {
  const entry = errorCatalogue[code as ErrorCode];
  return { type: 'error', code, message: detail ? `${entry.message} (${detail})` : entry.message, retryable: entry.retryable, ...(ref ? { ref } : {}) };
}

/**
 * One agent socket (docs/agent-protocol.md). Authenticated at the upgrade, it starts `opening`:
 * subscriptions, presence, the hello/queue frames and the agent's own chats; frames sent
 * meanwhile wait and are then handled one at a time in arrival order (a `claim` right after
 * connecting no longer races the subscription that brings its `assigned` frame). The session is
 * checked again before every frame; the hand-off service authorises each action.
 * @example openAgentConnection(socket, req.log, { handoff, auth, bus, maxMessageChars, active: req.agentSession!, token });
 */
export function openAgentConnection(socket: WebSocket, log: FastifyBaseLogger, deps: AgentConnectionDeps): Conn {
  const { handoff, auth, bus, token } = deps;
  const { agent, session } = deps.active;
  const limiter = createRateLimiter({ capacity: 60, windowMs: 10_000 });
  /** Conversation channel subscriptions of the chats this socket follows. */
  const following = new Map<string, Array<() => Promise<void>>>();
  /**
   * Chats this socket follows only because an operator opened them read-only: the one open chat
   * gets its new messages, notes and closing live; opening another one stops the previous.
   */
  const watched = new Set<string>();
  const unsubs: Array<() => Promise<void> | void> = [];

  async function follow(conn: Conn, conversationId: string) {
    if (following.has(conversationId) || conn.closed) return;
    following.set(conversationId, []);
    // Live messages in seq order, each once; one after a gap (its event lost, e.g. in a Redis
    // outage) brings the missing ones from storage first, as on the customer socket.
    const seq: { delivery?: SeqDelivery } = {};
    const onConversation = (event: ConversationBusEvent) =>
      conn.enqueue(async () => {
        if (!following.has(conversationId)) return;
        if (event.type === 'message') {
          if (!seq.delivery) {
            conn.send({ type: 'message', conversationId, message: toTranscriptMessage(event.message) });
            return;
          }
          await seq.delivery.offer(event.message);
        }
        if (event.type === 'typing' && event.from === 'customer') conn.send({ type: 'typing', conversationId, from: 'customer' });
        else if (event.type === 'status' && event.state === 'closed') conn.send({ type: 'closed', conversationId });
      });
    const onNote = (event: NoteBusEvent) =>
      conn.enqueue(() => {
        if (following.has(conversationId) && event.type === 'note') conn.send({ type: 'note', conversationId, note: event.note });
      });
    const subs = await Promise.all([bus.subscribe(channels.conversation(conversationId), onConversation), bus.subscribe(handoffChannels.notes(conversationId), onNote)]);
    // Subscribed first, then the stored position: nothing after it can slip between the two.
    const conv = await deps.storage.getConversation(conversationId);
    seq.delivery = createSeqDelivery({
      lastSeq: conv?.lastSeq ?? 0,
      messagesAfter: (after, limit) => deps.storage.messagesAfter(conversationId, after, limit),
      deliver: (m) => conn.send({ type: 'message', conversationId, message: toTranscriptMessage(m) }),
    });
    following.get(conversationId)?.push(...subs);
    if (conn.closed || !following.has(conversationId)) for (const u of subs) await u();
  }

  async function unfollow(conversationId: string) {
    const subs = following.get(conversationId);
    following.delete(conversationId);
    for (const u of subs ?? []) await u();
  }

  async function sendAssigned(conn: Conn, conversationId: string, transferredFrom?: string) {
    const details = await handoff.assignmentDetails(conversationId);
    if (!details) return;
    const frame: AssignedFrame = { type: 'assigned', ...details, ...(transferredFrom ? { transferredFrom } : {}) };
    conn.send(frame);
  }

  /** Sends the transcript (or the refusal); true when it went out read-only (someone else's chat). */
  async function sendTranscript(conn: Conn, conversationId: string, ref?: string): Promise<boolean> {
    const t = await handoff.transcript(agent, conversationId);
    if (!t.ok) {
      conn.send(agentError(t.code, undefined, ref));
      return false;
    }
    conn.send({ type: 'transcript', ...t.value });
    return t.value.readOnly;
  }

  async function watch(conn: Conn, conversationId: string) {
    for (const id of watched) {
      if (id === conversationId) continue;
      watched.delete(id);
      await unfollow(id);
    }
    if (following.has(conversationId)) return;
    watched.add(conversationId);
    await follow(conn, conversationId);
  }

  function onAgentEvent(conn: Conn, event: AgentBusEvent) {
    conn.enqueue(async () => {
      if (event.type === 'logout') {
        if (event.sessionId === session.id) conn.close(AGENT_CLOSE.loggedOut, 'logged out');
      } else if (event.type === 'account-ended') {
        // An admin disabled, removed, re-roled or reset this account: every session ends now.
        conn.close(AGENT_CLOSE.loggedOut, `account ${event.reason}`);
      } else if (event.type === 'assigned') {
        watched.delete(event.conversationId); // now followed as our own
        await follow(conn, event.conversationId);
        await sendAssigned(conn, event.conversationId, event.transferredFrom);
      } else {
        await unfollow(event.conversationId);
        conn.send({ type: event.type, conversationId: event.conversationId });
      }
    });
  }

  function admit(data: RawData, isBinary: boolean, conn: Conn): Admission<AgentClientFrame> {
    const raw = admitRaw(limiter, data, isBinary, conn, (code, detail) => agentError(code, detail));
    if (!raw.ok) return raw;
    const decoded = decodeAgentFrame(raw.text, deps.maxMessageChars);
    if (!decoded.ok) {
      conn.send(agentError(decoded.code, decoded.message, decoded.ref));
      return { ok: false };
    }
    return { ok: true, frame: decoded.frame };
  }

  async function open(_hello: undefined | AgentClientFrame, conn: Conn): Promise<void> {
    unsubs.push(await bus.subscribe(handoffChannels.agent(agent.id), (e) => onAgentEvent(conn, e)));
    // `hello` is the first frame (docs/agent-protocol.md): a queue update that comes before it is
    // held, the newest one only, and sent right after it.
    let greeted = false;
    let held: Parameters<Parameters<HandoffService['onQueue']>[0]>[0] | undefined;
    const sendQueue = ({ entries, agents, alerts }: NonNullable<typeof held>) => {
      for (const alert of alerts) conn.send({ type: 'alert', kind: 'escalated', ...alert });
      conn.send({ type: 'queue', entries });
      conn.send({ type: 'agents', agents });
    };
    unsubs.push(
      handoff.onQueue((update) =>
        conn.enqueue(() => {
          if (greeted) sendQueue(update);
          else held = held ? { ...update, alerts: [...held.alerts, ...update.alerts] } : update;
        }),
      ),
    );
    await handoff.socketOpened(agent.id);
    const [agents, entries, owned] = await Promise.all([handoff.agentsSnapshot(), handoff.queueSnapshot(), handoff.ownedChats(agent.id)]);
    const mine = agents.find((a) => a.id === agent.id);
    conn.enqueue(async () => {
      conn.send({
        type: 'hello',
        agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, status: mine?.status ?? 'offline', capacity: agent.capacity },
        agents,
      });
      conn.send({ type: 'queue', entries });
      greeted = true;
      if (held) sendQueue(held);
      held = undefined;
      for (const conversationId of owned) {
        await follow(conn, conversationId);
        await sendAssigned(conn, conversationId);
      }
    });
  }

  const refused = (conn: Conn, result: Outcome<unknown>, ref?: string): void => {
    if (!result.ok) conn.send(agentError(result.code, undefined, ref));
  };

  async function handle(frame: AgentClientFrame, conn: Conn): Promise<void> {
    // The session may have been logged out or expired on another node since the upgrade.
    const live = await auth.resolve(token);
    if (!live || live.session.id !== session.id) {
      conn.send(agentError('UNAUTHENTICATED'));
      conn.close(AGENT_CLOSE.loggedOut, 'session ended');
      return;
    }
    const me = live.agent;
    const ref = frame.ref ?? (frame.type === 'message' ? frame.id : undefined);
    switch (frame.type) {
      case 'presence':
        return handoff.setPresence(me.id, frame.status);
      case 'claim': {
        const r = await handoff.claim(me, frame.conversationId);
        if (!r.ok) return refused(conn, r, ref);
        // The `assigned` frame arrives through the agent channel; the transcript follows it.
        conn.enqueue(async () => {
          await sendTranscript(conn, frame.conversationId);
        });
        return;
      }
      case 'message':
        return refused(conn, await handoff.sendMessage(me, frame.conversationId, { id: frame.id, text: frame.text }), ref);
      case 'note':
        return refused(conn, await handoff.addNote(me, frame.conversationId, frame.text), ref);
      case 'typing':
        return refused(conn, await handoff.typing(me, frame.conversationId), ref);
      case 'transfer':
        return refused(conn, await handoff.transfer(me, frame.conversationId, frame.toAgentId), ref);
      case 'release':
        return refused(conn, await handoff.release(me, frame.conversationId), ref);
      case 'close':
        return refused(conn, await handoff.close(me, frame.conversationId, frame.resolution), ref);
      case 'open':
        if (await sendTranscript(conn, frame.conversationId, ref)) await watch(conn, frame.conversationId);
        return;
    }
  }

  return createConnection<AgentClientFrame, AgentServerFrame>({
    heartbeatMs: deps.heartbeatMs ?? 0,
    socket,
    log,
    hooks: {
      admit,
      open,
      handle,
      failed: (err, frame, conn) => {
        if (!frame) {
          log.error({ err }, 'agent socket setup failed');
          return;
        }
        log.error({ err }, 'agent frame failed');
        conn.send(agentError('INTERNAL', undefined, frame.ref));
      },
      teardown: async () => {
        for (const u of unsubs) await u();
        for (const id of [...following.keys()]) await unfollow(id);
        await handoff.socketClosed(agent.id);
      },
    },
  });
}
