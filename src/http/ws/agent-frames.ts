import type { AgentClientFrame, AgentStatus } from '../../protocol/agent';
import { findInvalidText, invalidTextMessage } from '../../protocol/text';

/** What the agent socket reads: a valid frame, or why not (with the frame's ref when it had one). */
export type AgentDecodeResult =
  | { ok: true; frame: AgentClientFrame }
  | { ok: false; code: 'BAD_FRAME' | 'INVALID_TEXT'; message: string; ref?: string };

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Decodes one client frame of the agent socket (docs/agent-protocol.md). Text is trimmed and
 * limited to `maxTextChars`; a control character or unpaired surrogate in any string of the frame
 * is refused with `INVALID_TEXT` (src/protocol/text.ts).
 */
export function decodeAgentFrame(raw: string, maxTextChars: number): AgentDecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'BAD_FRAME', message: 'frame is not valid JSON' };
  }
  if (!isObj(data)) return { ok: false, code: 'BAD_FRAME', message: 'frame must be a JSON object' };
  const ref = typeof data.ref === 'string' && ID_RE.test(data.ref) ? data.ref : undefined;
  const bad = (message: string): AgentDecodeResult => ({ ok: false, code: 'BAD_FRAME', message, ...(ref ? { ref } : {}) });
  const invalid = findInvalidText(data);
  if (invalid) {
    const about = ref ?? (typeof data.id === 'string' && ID_RE.test(data.id) ? data.id : undefined);
    return { ok: false, code: 'INVALID_TEXT', message: invalidTextMessage(invalid), ...(about ? { ref: about } : {}) };
  }
  const withRef = <T extends AgentClientFrame>(f: T): AgentDecodeResult => ({ ok: true, frame: ref ? { ...f, ref } : f });
  const conv = data.conversationId;
  const needConv = (): string | undefined => (typeof conv === 'string' && ID_RE.test(conv) ? conv : undefined);
  const text = (key: string, required: boolean): string | Error => {
    const v = data[key];
    if (typeof v !== 'string') return new Error(`"${key}" must be a string`);
    const clean = v.trim();
    if (required && clean === '') return new Error(`"${key}" must not be empty`);
    if (clean.length > maxTextChars) return new Error(`"${key}" is longer than ${maxTextChars} characters`);
    return clean;
  };

  switch (data.type) {
    case 'presence':
      if (!STATUSES.includes(data.status as AgentStatus)) return bad('"status" must be online, away or offline');
      return withRef({ type: 'presence', status: data.status as AgentStatus });
    case 'claim':
    case 'release':
    case 'open':
    case 'typing': {
      const conversationId = needConv();
      if (!conversationId) return bad('"conversationId" is required');
      return withRef({ type: data.type, conversationId });
    }
    case 'message': {
      const conversationId = needConv();
      if (!conversationId) return bad('"conversationId" is required');
      if (typeof data.id !== 'string' || !ID_RE.test(data.id)) return bad('"id" must be 1-64 characters of A-Z a-z 0-9 _ . : -');
      const t = text('text', true);
      if (t instanceof Error) return { ok: false, code: 'BAD_FRAME', message: t.message, ref: ref ?? data.id };
      return withRef({ type: 'message', conversationId, id: data.id, text: t });
    }
    case 'note': {
      const conversationId = needConv();
      if (!conversationId) return bad('"conversationId" is required');
      const t = text('text', true);
      if (t instanceof Error) return bad(t.message);
      return withRef({ type: 'note', conversationId, text: t });
    }
    case 'transfer': {
      const conversationId = needConv();
      if (!conversationId) return bad('"conversationId" is required');
      if (typeof data.toAgentId !== 'string' || !ID_RE.test(data.toAgentId)) return bad('"toAgentId" is required');
      return withRef({ type: 'transfer', conversationId, toAgentId: data.toAgentId });
    }
    case 'close': {
      const conversationId = needConv();
      if (!conversationId) return bad('"conversationId" is required');
      const t = text('resolution', false);
      if (t instanceof Error) return bad(t.message);
      return withRef({ type: 'close', conversationId, resolution: t });
    }
    default:
      return bad('unknown frame type');
  }
}
