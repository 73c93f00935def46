import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { Bus, ConversationBusEvent } from '../../bus/types';
import { channels } from '../../bus/types';
import { ConversationClosedError } from '../../conversation/errors';
import type { ConversationService } from '../../conversation/service';
import { MessageIdTakenError } from '../../conversation/token';
import type { ClientFrame, ServerFrame, ServerMessageFrame, StatusFrame } from '../../protocol/customer';
import { decodeClientFrame } from '../../protocol/customer';
import type { MessageRecord, Storage } from '../../storage/types';
import { errorFrame } from '../errors';
import { verifyIdentity, type VerifiedCustomer } from '../../identity/verify';
import { admitRaw, createConnection, type Admission, type Connection } from './connection';
import { createRateLimiter } from './rate-limit';
import { createSeqDelivery, type SeqDelivery } from './seq-delivery';
import { SchedulerFullError, type FairScheduler } from './fair-scheduler';
import { hashToken } from '../../conversation/token';

export interface CustomerConnectionDeps {
  service: ConversationService;
  storage: Pick<Storage, 'messagesAfter' | 'getConversation' | 'getConversationByTokenHash'> & { cases: Pick<Storage['cases'], 'listCustomerCases'> };
  bus: Bus;
  maxMessageChars: number;
  /** Frames allowed per 10 s window per socket. */
  rateLimitFrames: number;
  /** How long a socket may stay silent before saying hello (ms). */
  helloTimeoutMs: number;
  /** Base URL that relative article links are made absolute with. */
  baseUrl: string;
  /** IDENTITY_SECRET: hello identities are checked against it; unset, every identity is refused. */
  identitySecret?: string;
  /** Heartbeat period in ms (HEARTBEAT_MS); 0: none. */
  heartbeatMs?: number;
  /** The client's address (TRUST_PROXY applied): the key of fair scheduling. Default `''`. */
  clientAddress?: string;
  /** Asked before a hello starts a new conversation; false refuses it (per-address limit). Default: always. */
  mayStartConversation?: () => boolean | Promise<boolean>;
  /** Asked when a turn would hand the chat to an available person; false records it as unmet (per-address limit). Default: always. */
  mayEscalate?: () => boolean | Promise<boolean>;
  /** Where customer turns wait for a slot, fairly between addresses. Default: run at once. */
  turns?: FairScheduler;
}

/** A hello whose identity did not check out: answered IDENTITY_INVALID, the socket may say hello again. */
class IdentityRefused extends Error {
  override name = 'IdentityRefused';
}

type Conn = Connection<ServerFrame>;

/** Bytes a frame may have before it is refused without being parsed (text limit × 4 bytes + envelope). */
export function maxFrameBytes(maxChars: number): number {
  return maxChars * 4 + 1024;
}

function toFrame(m: MessageRecord, baseUrl: string): ServerMessageFrame {
  const frame: ServerMessageFrame = { type: 'message', seq: m.seq, id: m.id, from: m.from, text: m.text, createdAt: m.createdAt };
  if (m.quickReplies) frame.quickReplies = m.quickReplies;
  if (m.article) frame.article = { ...m.article, url: m.article.url.startsWith('/') ? baseUrl + m.article.url : m.article.url };
  if (m.replyTo) frame.replyTo = m.replyTo;
  if (m.from === 'agent' && typeof m.meta?.agentName === 'string') frame.agent = { name: m.meta.agentName };
  return frame;
}

const idOf = (frame: ClientFrame): { id?: string } => ('id' in frame && frame.id ? { id: frame.id } : {});

/**
 * One customer socket (docs/protocol.md): `awaitingHello` until the first `hello` opens or resumes
 * the conversation, then its frames one at a time in arrival order. Messages reach the client
 * strictly by `seq`, gaps filled from storage, so a client resuming with `lastSeq` gets exactly
 * the rest.
 * @example app.get('/ws/chat', { websocket: true }, (socket, req) => openCustomerConnection(socket, req.log, deps));
 */
export function openCustomerConnection(socket: WebSocket, log: FastifyBaseLogger, deps: CustomerConnectionDeps): Conn {
  const { service, storage, bus } = deps;
  const limiter = createRateLimiter({ capacity: deps.rateLimitFrames, windowMs: 10_000 });
  /** Set by `open`; the session this socket serves. */
  let session: { conversationId: string; delivery: SeqDelivery; unsubscribe?: () => Promise<void> } | undefined;
  // Every node recomputes the queue on each queue event and tells each queued customer where they
  // stand, so with several nodes the same status arrives once per node: pass on only changes.
  let lastStatus = '';

  function sendStatus(conn: Conn, status: Omit<StatusFrame, 'type'>): void {
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    conn.send({ type: 'status', ...status });
  }

  function onBusEvent(conn: Conn, delivery: SeqDelivery, event: ConversationBusEvent): void {
    conn.enqueue(async () => {
      if (event.type === 'message') await delivery.offer(event.message);
      else if (event.type === 'status') {
        const { type: _t, ...rest } = event;
        sendStatus(conn, rest);
      } else if (event.type === 'typing' && event.from !== 'customer') conn.send({ type: 'typing', from: event.from });
    });
  }

  function admit(data: RawData, isBinary: boolean, conn: Conn): Admission<ClientFrame> {
    const raw = admitRaw(limiter, data, isBinary, conn, errorFrame);
    if (!raw.ok) return raw;
    if (raw.bytes > maxFrameBytes(deps.maxMessageChars)) {
      conn.send(errorFrame('FRAME_TOO_LARGE'));
      return { ok: false };
    }
    const decoded = decodeClientFrame(raw.text, { maxTextChars: deps.maxMessageChars, maxIdChars: 64 });
    if (!decoded.ok) {
      conn.send({ ...errorFrame(decoded.code, decoded.message), ...(decoded.id ? { id: decoded.id } : {}) });
      return { ok: false };
    }
    return { ok: true, frame: decoded.frame };
  }

  async function open(frame: ClientFrame | undefined, conn: Conn): Promise<void> {
    if (frame?.type !== 'hello') return;
    // A hello whose token opens nothing starts a conversation too: it counts against the limit.
    const resumes = frame.token ? Boolean(await storage.getConversationByTokenHash(hashToken(frame.token))) : false;
    if (!resumes && deps.mayStartConversation && !(await deps.mayStartConversation())) {
      conn.send(errorFrame('TOO_MANY_CONVERSATIONS'));
      conn.close(1008, 'too many new conversations from this address');
      return;
    }
    let customer: VerifiedCustomer | undefined;
    if (frame.identity) {
      if (!deps.identitySecret) throw new IdentityRefused('this server does not verify identities (IDENTITY_SECRET is not set)');
      customer = verifyIdentity(deps.identitySecret, frame.identity);
      if (!customer) throw new IdentityRefused('the signature does not match the customer id');
    }
    const context = { ...frame.context, ...(frame.locale ? { locale: frame.locale } : {}), ...(customer ? { customer } : {}) };
    const { conversation, token } = await service.open({ token: frame.token, context });
    // Resuming the same conversation: continue after what the client saw. A new one starts at 0.
    const lastSeq = frame.token === token ? Math.min(frame.lastSeq ?? 0, conversation.lastSeq) : 0;
    const conversationId = conversation.id;
    const delivery = createSeqDelivery({
      lastSeq,
      messagesAfter: (seq, limit) => storage.messagesAfter(conversationId, seq, limit),
      deliver: (m) => conn.send(toFrame(m, deps.baseUrl)),
    });
    session = { conversationId, delivery };
    conn.send({ type: 'session', conversationId, token, state: conversation.state });
    const owner = conversation.context.customer;
    if (owner?.verified) {
      const cases = await storage.cases.listCustomerCases(owner.id);
      conn.send({ type: 'cases', cases: cases.map((c) => ({ id: c.id, kind: c.kind, status: c.status, followUpBy: c.followUpBy, createdAt: c.createdAt })) });
    }
    session.unsubscribe = await bus.subscribe(channels.conversation(conversationId), (e) => onBusEvent(conn, delivery, e));
    conn.enqueue(async () => {
      await delivery.catchUp();
      const current = await storage.getConversation(conversationId);
      if (current && current.state !== 'bot') sendStatus(conn, { state: current.state });
    });
    log.debug({ conversationId }, 'customer joined');
  }

  async function handle(frame: ClientFrame, conn: Conn): Promise<void> {
    const id = session!.conversationId;
    switch (frame.type) {
      case 'hello':
        return conn.send(errorFrame('ALREADY_STARTED'));
      case 'message':
      case 'choice':
        try {
          const turn = () => service.handleCustomer(id, frame, (ack) => conn.enqueue(() => conn.send({ type: 'ack', ...ack })), deps.mayEscalate ? { mayEscalate: deps.mayEscalate } : undefined);
          await (deps.turns ? deps.turns.run(deps.clientAddress ?? '', turn) : turn());
        } catch (err) {
          if (err instanceof ConversationClosedError) conn.send({ ...errorFrame('CONVERSATION_CLOSED'), id: frame.id });
          else if (err instanceof MessageIdTakenError) conn.send({ ...errorFrame('ID_TAKEN'), id: frame.id });
          else if (err instanceof SchedulerFullError) conn.send({ ...errorFrame('RATE_LIMITED'), id: frame.id });
          else throw err;
        }
        return;
      case 'typing':
        return service.typing(id, 'customer');
      case 'end':
        return service.end(id);
      case 'feedback':
        // Stored (comment masked) and thanked with a system message, also after the chat closed.
        return service.recordFeedback(id, { rating: frame.rating, ...(frame.comment ? { comment: frame.comment } : {}) });
    }
  }

  return createConnection<ClientFrame, ServerFrame>({
    socket,
    log,
    heartbeatMs: deps.heartbeatMs ?? 0,
    hello: {
      timeoutMs: deps.helloTimeoutMs,
      onTimeout: (conn) => {
        conn.send(errorFrame('HELLO_TIMEOUT'));
        conn.close(1008, 'no hello');
      },
    },
    hooks: {
      admit,
      isHello: (frame) => frame.type === 'hello',
      // Only a frame that really came before any hello lands here: pipelined frames wait in the queue.
      beforeHello: (frame, conn) => conn.send({ ...errorFrame('HELLO_REQUIRED'), ...idOf(frame) }),
      open,
      handle,
      failed: (err, frame, conn) => {
        if (err instanceof IdentityRefused) {
          log.warn({ reason: err.message }, 'identity refused');
          conn.send(errorFrame('IDENTITY_INVALID', err.message));
          return;
        }
        log.error({ err, conversationId: session?.conversationId }, 'customer frame failed');
        conn.send({ ...errorFrame('INTERNAL'), ...(frame ? idOf(frame) : {}) });
      },
      teardown: async () => {
        await session?.unsubscribe?.();
      },
    },
  });
}
