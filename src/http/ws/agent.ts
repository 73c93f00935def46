import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus, BusEvent } from '../../bus/types';
import { channels } from '../../bus/types';
import { handoffChannels } from '../../handoff/channels';
import type { HandoffErrorCode, HandoffService, Outcome } from '../../handoff/service';
import { toTranscriptMessage } from '../../handoff/service';
import type { AgentClientFrame, AgentErrorFrame, AgentServerFrame, AssignedFrame, Note } from '../../protocol/agent';
import type { MessageRecord } from '../../storage/types';
import { errorCatalogue, type ErrorCode } from '../errors';
import { SESSION_COOKIE, readCookie } from '../auth/cookies';
import { sendError } from '../auth/plugin';
import type { SessionAuth } from '../auth/sessions';
import { decodeAgentFrame } from './agent-frames';
import { createRateLimiter } from './rate-limit';

export interface AgentSocketOptions {
  handoff: HandoffService;
  auth: SessionAuth;
  bus: Bus;
  maxMessageChars: number;
  /** Public base URL; its origin is the one allowed to open the socket. Empty: the request's own. */
  publicUrl: string;
}

/** Close codes (docs/agent-protocol.md). */
export const AGENT_CLOSE = { loggedOut: 4001 } as const;

function agentError(code: ErrorCode | HandoffErrorCode, detail?: string, ref?: string): AgentErrorFrame {
  const entry = errorCatalogue[code as ErrorCode];
  return { type: 'error', code, message: detail ? `${entry.message} (${detail})` : entry.message, retryable: entry.retryable, ...(ref ? { ref } : {}) };
}

/** Same-origin check for the upgrade: a page on another site must not use an agent's cookie. */
function originAllowed(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: cross-site hijacking needs one
  const own = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.host}`;
  return origin === own;
}

/**
 * GET /ws/agent — the agent socket (docs/agent-protocol.md). The session cookie is checked at the
 * upgrade and again before every action; the hand-off service authorises each action against
 * the agent (own chats and the queue only; operators/admins may read everything).
 */
export const agentSocket: FastifyPluginAsync<AgentSocketOptions> = async (app, opts) => {
  const { handoff, auth, bus } = opts;

  async function gate(req: FastifyRequest, reply: FastifyReply) {
    if (!originAllowed(req, opts.publicUrl)) return sendError(reply, 'ORIGIN_NOT_ALLOWED');
    if (!req.agentSession) {
      const active = await auth.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
      if (!active) return sendError(reply, 'UNAUTHENTICATED');
      req.agentSession = active;
    }
  }

  app.get('/ws/agent', { websocket: true, preValidation: gate }, (socket: WebSocket, req) => {
    const { agent, session } = req.agentSession!;
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const log = req.log.child({ socket: 'agent', agentId: agent.id });
    const limiter = createRateLimiter({ capacity: 60, windowMs: 10_000 });
    /** Conversation channel subscriptions of the chats this socket follows. */
    const following = new Map<string, Array<() => Promise<void>>>();
    const unsubs: Array<() => Promise<void> | void> = [];
    let closed = false;
    let outbox: Promise<void> = Promise.resolve();

    function send(frame: AgentServerFrame) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    }
    function enqueue(task: () => Promise<void> | void) {
      outbox = outbox.then(task).catch((err) => log.error({ err }, 'agent socket send failed'));
    }

    async function follow(conversationId: string) {
      if (following.has(conversationId) || closed) return;
      following.set(conversationId, []);
      const onConversation = (event: BusEvent) =>
        enqueue(() => {
          if (!following.has(conversationId)) return;
          if (event.type === 'message') send({ type: 'message', conversationId, message: toTranscriptMessage(event.message as MessageRecord) });
          else if (event.type === 'typing' && event.from === 'customer') send({ type: 'typing', conversationId, from: 'customer' });
          else if (event.type === 'status' && event.state === 'closed') send({ type: 'closed', conversationId });
        });
      const onNote = (event: BusEvent) =>
        enqueue(() => {
          if (following.has(conversationId) && event.type === 'note') send({ type: 'note', conversationId, note: event.note as Note });
        });
      const subs = await Promise.all([bus.subscribe(channels.conversation(conversationId), onConversation), bus.subscribe(handoffChannels.notes(conversationId), onNote)]);
      following.get(conversationId)?.push(...subs);
      if (closed || !following.has(conversationId)) for (const u of subs) await u();
    }

    async function unfollow(conversationId: string) {
      const subs = following.get(conversationId);
      following.delete(conversationId);
      for (const u of subs ?? []) await u();
    }

    async function sendAssigned(conversationId: string, transferredFrom?: string) {
      const details = await handoff.assignmentDetails(conversationId);
      if (!details) return;
      const frame: AssignedFrame = { type: 'assigned', ...details, ...(transferredFrom ? { transferredFrom } : {}) };
      send(frame);
    }

    /** Sends the transcript (or the refusal); true when it went out read-only (someone else's chat). */
    async function sendTranscript(conversationId: string, ref?: string): Promise<boolean> {
      const t = await handoff.transcript(agent, conversationId);
      if (!t.ok) {
        send(agentError(t.code, undefined, ref));
        return false;
      }
      send({ type: 'transcript', ...t.value });
      return t.value.readOnly;
    }

    /**
     * Chats this socket follows only because an operator opened them read-only: the one open chat
     * gets its new messages, notes and closing live; opening another one stops the previous.
     */
    const watched = new Set<string>();
    async function watch(conversationId: string) {
      for (const id of watched) {
        if (id === conversationId) continue;
        watched.delete(id);
        await unfollow(id);
      }
      if (following.has(conversationId)) return;
      watched.add(conversationId);
      await follow(conversationId);
    }

    function onAgentEvent(event: BusEvent) {
      enqueue(async () => {
        const conversationId = event.conversationId as string;
        if (event.type === 'logout') {
          if (event.sessionId === session.id) socket.close(AGENT_CLOSE.loggedOut, 'logged out');
        } else if (event.type === 'assigned') {
          watched.delete(conversationId); // now followed as our own
          await follow(conversationId);
          await sendAssigned(conversationId, event.transferredFrom as string | undefined);
        } else if (event.type === 'released' || event.type === 'closed') {
          await unfollow(conversationId);
          send({ type: event.type, conversationId });
        }
      });
    }

    function refused(result: Outcome<unknown>, ref?: string): boolean {
      if (result.ok) return false;
      send(agentError(result.code, undefined, ref));
      return true;
    }

    async function onFrame(frame: AgentClientFrame) {
      // The session may have been logged out or expired on another node since the upgrade.
      const live = await auth.resolve(token);
      if (!live || live.session.id !== session.id) {
        send(agentError('UNAUTHENTICATED'));
        socket.close(AGENT_CLOSE.loggedOut, 'session ended');
        return;
      }
      const me = live.agent;
      const ref = frame.ref ?? (frame.type === 'message' ? frame.id : undefined);
      switch (frame.type) {
        case 'presence':
          await handoff.setPresence(me.id, frame.status);
          return;
        case 'claim': {
          const r = await handoff.claim(me, frame.conversationId);
          if (refused(r, ref)) return;
          // The `assigned` frame arrives through the agent channel; the transcript follows it.
          enqueue(async () => {
            await sendTranscript(frame.conversationId);
          });
          return;
        }
        case 'message':
          refused(await handoff.sendMessage(me, frame.conversationId, { id: frame.id, text: frame.text }), ref);
          return;
        case 'note':
          refused(await handoff.addNote(me, frame.conversationId, frame.text), ref);
          return;
        case 'typing':
          refused(await handoff.typing(me, frame.conversationId), ref);
          return;
        case 'transfer':
          refused(await handoff.transfer(me, frame.conversationId, frame.toAgentId), ref);
          return;
        case 'release':
          refused(await handoff.release(me, frame.conversationId), ref);
          return;
        case 'close':
          refused(await handoff.close(me, frame.conversationId, frame.resolution), ref);
          return;
        case 'open':
          if (await sendTranscript(frame.conversationId, ref)) await watch(frame.conversationId);
          return;
      }
    }

    socket.on('message', (data, isBinary) => {
      if (!limiter.take()) {
        send(agentError('RATE_LIMITED'));
        if (limiter.abusive()) socket.close(1008, 'too many frames');
        return;
      }
      if (isBinary) return send(agentError('BAD_FRAME', 'binary frames are not accepted'));
      const decoded = decodeAgentFrame(data.toString(), opts.maxMessageChars);
      if (!decoded.ok) return send(agentError('BAD_FRAME', decoded.message, decoded.ref));
      const frame = decoded.frame;
      onFrame(frame).catch((err) => {
        log.error({ err }, 'agent frame failed');
        send(agentError('INTERNAL', undefined, frame.ref));
      });
    });

    socket.on('close', () => {
      closed = true;
      void (async () => {
        for (const u of unsubs) await u();
        for (const id of [...following.keys()]) await unfollow(id);
        await handoff.socketClosed(agent.id);
      })().catch((err) => log.error({ err }, 'agent socket cleanup failed'));
    });

    void (async () => {
      unsubs.push(await bus.subscribe(handoffChannels.agent(agent.id), onAgentEvent));
      unsubs.push(
        handoff.onQueue(({ entries, agents, alert }) =>
          enqueue(() => {
            if (alert) send({ type: 'alert', kind: 'escalated', ...alert });
            send({ type: 'queue', entries });
            send({ type: 'agents', agents });
          }),
        ),
      );
      await handoff.socketOpened(agent.id);
      const [agents, entries, owned] = await Promise.all([handoff.agentsSnapshot(), handoff.queueSnapshot(), handoff.ownedChats(agent.id)]);
      const mine = agents.find((a) => a.id === agent.id);
      enqueue(async () => {
        send({
          type: 'hello',
          agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, status: mine?.status ?? 'offline', capacity: agent.capacity },
          agents,
        });
        send({ type: 'queue', entries });
        for (const conversationId of owned) {
          await follow(conversationId);
          await sendAssigned(conversationId);
        }
      });
      if (closed) for (const u of unsubs) await u();
    })().catch((err) => {
      log.error({ err }, 'agent socket setup failed');
      socket.close(1011, 'setup failed');
    });
  });
};
