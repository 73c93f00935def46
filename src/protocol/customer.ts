/**
 * The customer socket's wire protocol (GET /ws/chat): JSON text frames. This file is a contract
 * shared by the server and the widget; extend it, do not break it. See docs/protocol.md.
 */

import { findInvalidText, invalidTextMessage } from './text';

export type ConversationState = 'bot' | 'queued' | 'agent' | 'closed';
export type Sender = 'bot' | 'agent' | 'customer' | 'system';

export interface QuickReply {
  label: string;
  value: string;
}

export interface ArticleRef {
  id: string;
  title: string;
  url: string;
  category: string;
}

// ---- client → server ----
export interface HelloFrame {
  type: 'hello';
  token?: string;
  lastSeq?: number;
  locale?: string;
  context?: { pageUrl?: string; orderId?: string };
  /**
   * The customer the host site logged in, signed by the site (`SupportWidget.identify`,
   * docs/identity.md). Refused with IDENTITY_INVALID when the signature does not check out.
   */
  identity?: { id: string; email?: string; name?: string; hash: string };
}
export interface MessageFrame {
  type: 'message';
  id: string;
  text: string;
}
export interface ChoiceFrame {
  type: 'choice';
  id: string;
  value: string;
}
export interface TypingFrame {
  type: 'typing';
}
export interface FeedbackFrame {
  type: 'feedback';
  rating: number;
  comment?: string;
}
export interface EndFrame {
  type: 'end';
}
export type ClientFrame = HelloFrame | MessageFrame | ChoiceFrame | TypingFrame | FeedbackFrame | EndFrame;

// ---- server → client ----
export interface SessionFrame {
  type: 'session';
  conversationId: string;
  token: string;
  state: ConversationState;
}
/**
 * Sent after `session` to a verified customer (hello `identity`): their support cases from every
 * conversation, newest first, so they can ask about any of them here.
 */
export interface CasesFrame {
  type: 'cases';
  cases: Array<{ id: string; kind: string; status: string; followUpBy: number; createdAt: number }>;
}
export interface ServerMessageFrame {
  type: 'message';
  seq: number;
  id: string;
  from: Sender;
  text: string;
  /** When the server stored the message: epoch milliseconds (UTC). Added after v1; clients must tolerate its absence from older servers. */
  createdAt: number;
  quickReplies?: QuickReply[];
  article?: ArticleRef;
  replyTo?: string;
  /** On `from: "agent"` messages: the agent who wrote it, as stored with the message (it stays right after the chat closes or moves to another agent). */
  agent?: { name: string };
}
export interface AckFrame {
  type: 'ack';
  id: string;
  seq: number;
}
export interface StatusFrame {
  type: 'status';
  state: ConversationState;
  queuePosition?: number;
  estimatedWaitSeconds?: number;
  agent?: { name: string };
}
export interface ServerTypingFrame {
  type: 'typing';
  from: Sender;
}
export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  retryable: boolean;
  /** The client message id the error is about, when there is one. */
  id?: string;
}
export type ServerFrame =
  | SessionFrame
  | CasesFrame
  | ServerMessageFrame
  | AckFrame
  | StatusFrame
  | ServerTypingFrame
  | ErrorFrame;

/** Limits the decoder enforces. */
export interface DecodeLimits {
  /** Longest message text in characters (default 2000). */
  maxTextChars: number;
  /** Longest client id (default 64). */
  maxIdChars: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxTextChars: 2000, maxIdChars: 64 };

export type DecodeResult =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: 'BAD_FRAME' | 'MESSAGE_TOO_LONG' | 'INVALID_TEXT'; message: string; id?: string };

const ID_RE = /^[A-Za-z0-9_.:-]+$/;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string, id?: string): DecodeResult {
  return id === undefined ? { ok: false, code: 'BAD_FRAME', message } : { ok: false, code: 'BAD_FRAME', message, id };
}

function optString(o: Record<string, unknown>, key: string, max: number): string | undefined | Error {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > max) return new Error(`"${key}" must be a string of at most ${max} characters`);
  return v;
}

/**
 * Decodes one client frame. Never throws: malformed input comes back as `{ ok: false }` with a
 * stable error code and a message fit to show a developer.
 * @example decodeClientFrame('{"type":"message","id":"m1","text":"hi"}') // { ok: true, frame: {...} }
 */
export function decodeClientFrame(raw: string, limits: DecodeLimits = DEFAULT_LIMITS): DecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return bad('frame is not valid JSON');
  }
  if (!isObj(data)) return bad('frame must be a JSON object');
  const type = data.type;
  const validId = (v: unknown): v is string =>
    typeof v === 'string' && v.length > 0 && v.length <= limits.maxIdChars && ID_RE.test(v);
  // Every string of every frame, before any field is read (src/protocol/text.ts).
  const invalid = findInvalidText(data);
  if (invalid) {
    return { ok: false, code: 'INVALID_TEXT', message: invalidTextMessage(invalid), ...(validId(data.id) ? { id: data.id } : {}) };
  }
  switch (type) {
    case 'hello': {
      const token = optString(data, 'token', 200);
      const locale = optString(data, 'locale', 35);
      if (token instanceof Error) return bad(token.message);
      if (locale instanceof Error) return bad(locale.message);
      const lastSeq = data.lastSeq;
      if (lastSeq !== undefined && (!Number.isInteger(lastSeq) || (lastSeq as number) < 0)) {
        return bad('"lastSeq" must be a non-negative integer');
      }
      const frame: HelloFrame = { type: 'hello' };
      if (token) frame.token = token;
      if (lastSeq !== undefined) frame.lastSeq = lastSeq as number;
      if (locale) frame.locale = locale;
      if (data.context !== undefined) {
        if (!isObj(data.context)) return bad('"context" must be an object');
        const pageUrl = optString(data.context, 'pageUrl', 2000);
        const orderId = optString(data.context, 'orderId', 64);
        if (pageUrl instanceof Error) return bad(pageUrl.message);
        if (orderId instanceof Error) return bad(orderId.message);
        frame.context = {};
        if (pageUrl) frame.context.pageUrl = pageUrl;
        if (orderId) frame.context.orderId = orderId;
      }
      if (data.identity !== undefined) {
        if (!isObj(data.identity)) return bad('"identity" must be an object');
        const id = optString(data.identity, 'id', 128);
        const email = optString(data.identity, 'email', 254);
        const name = optString(data.identity, 'name', 80);
        const hash = optString(data.identity, 'hash', 128);
        for (const v of [id, email, name, hash]) if (v instanceof Error) return bad(`identity: ${v.message}`);
        if (!id || !hash) return bad('"identity" needs "id" and "hash"');
        frame.identity = { id: id as string, hash: hash as string };
        if (email) frame.identity.email = email as string;
        if (name) frame.identity.name = name as string;
      }
      return { ok: true, frame };
    }
    case 'message': {
      if (!validId(data.id)) return bad(`"id" must be 1-${limits.maxIdChars} characters of A-Z a-z 0-9 _ . : -`);
      if (typeof data.text !== 'string') return bad('"text" must be a string', data.id);
      const text = data.text.trim();
      if (text.length === 0) return bad('"text" must not be empty', data.id);
      if (text.length > limits.maxTextChars) {
        return {
          ok: false,
          code: 'MESSAGE_TOO_LONG',
          message: `message is longer than ${limits.maxTextChars} characters`,
          id: data.id,
        };
      }
      return { ok: true, frame: { type: 'message', id: data.id, text } };
    }
    case 'choice': {
      if (!validId(data.id)) return bad(`"id" must be 1-${limits.maxIdChars} characters of A-Z a-z 0-9 _ . : -`);
      if (typeof data.value !== 'string' || data.value.length === 0 || data.value.length > 200) {
        return bad('"value" must be a non-empty string of at most 200 characters', data.id);
      }
      return { ok: true, frame: { type: 'choice', id: data.id, value: data.value } };
    }
    case 'typing':
      return { ok: true, frame: { type: 'typing' } };
    case 'feedback': {
      const rating = data.rating;
      if (!Number.isInteger(rating) || (rating as number) < 1 || (rating as number) > 5) {
        return bad('"rating" must be an integer from 1 to 5');
      }
      const comment = optString(data, 'comment', limits.maxTextChars);
      if (comment instanceof Error) return bad(comment.message);
      return { ok: true, frame: comment ? { type: 'feedback', rating: rating as number, comment } : { type: 'feedback', rating: rating as number } };
    }
    case 'end':
      return { ok: true, frame: { type: 'end' } };
    default:
      return bad(typeof type === 'string' ? `unknown frame type "${type.slice(0, 40)}"` : 'frame has no "type"');
  }
}
