import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus, BusEvent } from '../../bus/types';
import { channels } from '../../bus/types';
import type { ConversationService } from '../../conversation/service';
import type { ClientFrame, ServerFrame, ServerMessageFrame } from '../../protocol/customer';
import { decodeClientFrame } from '../../protocol/customer';
import type { MessageRecord, Storage } from '../../storage/types';
import { errorFrame } from '../errors';
import { createRateLimiter } from './rate-limit';

export interface CustomerSocketOptions {
  service: ConversationService;
  storage: Storage;
  bus: Bus;
  allowedOrigins: string[];
  maxMessageChars: number;
  /** Frames allowed per 10 s window per socket. */
  rateLimitFrames: number;
  /** Public base URL for article links; derived from the request when empty. */
  publicUrl: string;
  /** How long a socket may stay silent before saying hello (ms). */
  helloTimeoutMs?: number;
}

/** Bytes a frame may have before it is refused without being parsed (text limit × 4 bytes + envelope). */
function maxFrameBytes(maxChars: number): number {
  return maxChars * 4 + 1024;
}

function toFrame(m: MessageRecord, baseUrl: string): ServerMessageFrame {
  const frame: ServerMessageFrame = { type: 'message', seq: m.seq, id: m.id, from: m.from, text: m.text };
  if (m.quickReplies) frame.quickReplies = m.quickReplies;
  if (m.article) frame.article = { ...m.article, url: m.article.url.startsWith('/') ? baseUrl + m.article.url : m.article.url };
  if (m.replyTo) frame.replyTo = m.replyTo;
  return frame;
}

function baseUrlOf(req: FastifyRequest, publicUrl: string): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${req.host}`;
}

/**
 * GET /ws/chat — the customer socket (docs/protocol.md). One conversation per socket, chosen by
 * the first frame (`hello`). Messages are delivered strictly by `seq`, gaps filled from storage,
 * so a reconnecting client with `lastSeq` gets exactly the rest.
 */
export const customerSocket: FastifyPluginAsync<CustomerSocketOptions> = async (app: FastifyInstance, opts) => {
  const { service, storage, bus } = opts;
  const helloTimeoutMs = opts.helloTimeoutMs ?? 10_000;

  app.get('/ws/chat', { websocket: true }, (socket: WebSocket, req) => {
    const log = req.log.child({ socket: 'customer' });
    const origin = req.headers.origin;
    if (opts.allowedOrigins.length > 0 && origin && !opts.allowedOrigins.includes(origin)) {
      send(errorFrame('ORIGIN_NOT_ALLOWED'));
      socket.close(1008, 'origin not allowed');
      return;
    }
    const baseUrl = baseUrlOf(req, opts.publicUrl);
    const limiter = createRateLimiter({ capacity: opts.rateLimitFrames, windowMs: 10_000 });
    let conversationId: string | undefined;
    let lastSentSeq = 0;
    let unsubscribe: (() => Promise<void>) | undefined;
    let closed = false;
    let helloSeen = false;
    // Every outgoing step goes through one chain so frames leave in order.
    let outbox: Promise<void> = Promise.resolve();

    function send(frame: ServerFrame) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    }

    function enqueue(task: () => Promise<void> | void) {
      outbox = outbox.then(task).catch((err) => log.error({ err, conversationId }, 'customer socket send failed'));
    }

    /** Sends stored messages after lastSentSeq, in order; used for resume and to fill gaps. */
    async function catchUp() {
      if (!conversationId) return;
      for (;;) {
        const batch = await storage.messagesAfter(conversationId, lastSentSeq, 500);
        for (const m of batch) {
          if (m.seq !== lastSentSeq + 1) return;
          send(toFrame(m, baseUrl));
          lastSentSeq = m.seq;
        }
        if (batch.length < 500) return;
      }
    }

    // Every node recomputes the queue on each queue event and tells each queued customer where they
    // stand, so with several nodes the same status arrives once per node: pass on only changes.
    let lastStatus = '';
    function sendStatus(status: Omit<Extract<ServerFrame, { type: 'status' }>, 'type'>): void {
      const key = JSON.stringify(status);
      if (key === lastStatus) return;
      lastStatus = key;
      send({ type: 'status', ...status });
    }

    function onBusEvent(event: BusEvent) {
      enqueue(async () => {
        if (event.type === 'message') {
          const m = event.message as MessageRecord;
          if (m.seq <= lastSentSeq) return;
          if (m.seq === lastSentSeq + 1) {
            send(toFrame(m, baseUrl));
            lastSentSeq = m.seq;
          } else {
            await catchUp();
          }
        } else if (event.type === 'status') {
          const { type: _t, ...rest } = event;
          sendStatus(rest as Omit<Extract<ServerFrame, { type: 'status' }>, 'type'>);
        } else if (event.type === 'typing' && event.from !== 'customer') {
          send({ type: 'typing', from: event.from as 'agent' | 'bot' });
        }
      });
    }

    const helloTimer = setTimeout(() => {
      if (!helloSeen) {
        send(errorFrame('HELLO_TIMEOUT'));
        socket.close(1008, 'no hello');
      }
    }, helloTimeoutMs);

    async function onHello(frame: Extract<ClientFrame, { type: 'hello' }>) {
      const context = { ...frame.context, ...(frame.locale ? { locale: frame.locale } : {}) };
      const { conversation, token } = await service.open({ token: frame.token, context });
      conversationId = conversation.id;
      // Resuming the same conversation: continue after what the client saw. A new one starts at 0.
      lastSentSeq = frame.token === token ? Math.min(frame.lastSeq ?? 0, conversation.lastSeq) : 0;
      send({ type: 'session', conversationId: conversation.id, token, state: conversation.state });
      unsubscribe = await bus.subscribe(channels.conversation(conversation.id), onBusEvent);
      if (closed) {
        await unsubscribe();
        return;
      }
      enqueue(async () => {
        await catchUp();
        const current = await storage.getConversation(conversation.id);
        if (current && current.state !== 'bot') sendStatus({ state: current.state });
      });
      log.debug({ conversationId }, 'customer joined');
    }

    async function onFrame(frame: ClientFrame) {
      if (frame.type === 'hello') {
        if (helloSeen) return send(errorFrame('ALREADY_STARTED'));
        helloSeen = true;
        clearTimeout(helloTimer);
        return onHello(frame);
      }
      if (!conversationId) return send(errorFrame('HELLO_REQUIRED'));
      const id = conversationId;
      switch (frame.type) {
        case 'message':
        case 'choice':
          await service.handleCustomer(id, frame, (ack) => enqueue(() => send({ type: 'ack', ...ack })));
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

    socket.on('message', (data, isBinary) => {
      if (!limiter.take()) {
        send(errorFrame('RATE_LIMITED'));
        if (limiter.abusive()) socket.close(1008, 'too many frames');
        return;
      }
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (isBinary) return send(errorFrame('BAD_FRAME', 'binary frames are not accepted'));
      if (size > maxFrameBytes(opts.maxMessageChars)) return send(errorFrame('FRAME_TOO_LARGE'));
      const decoded = decodeClientFrame(data.toString(), { maxTextChars: opts.maxMessageChars, maxIdChars: 64 });
      if (!decoded.ok) return send({ ...errorFrame(decoded.code, decoded.message), ...(decoded.id ? { id: decoded.id } : {}) });
      onFrame(decoded.frame).catch((err) => {
        log.error({ err, conversationId }, 'customer frame failed');
        const id = 'id' in decoded.frame ? decoded.frame.id : undefined;
        send({ ...errorFrame('INTERNAL'), ...(id ? { id } : {}) });
      });
    });

    socket.on('close', () => {
      closed = true;
      clearTimeout(helloTimer);
      void unsubscribe?.();
    });
  });
};
