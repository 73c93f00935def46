/**
 * The agent side's wire protocol: REST auth (`/api/auth/*`) and the agent socket (`GET /ws/agent`),
 * JSON text frames. Types only, no Node imports: shared by the server and the console. This file is
 * a contract; extend it, do not break it. See docs/agent-protocol.md.
 */

import type { ConversationState, Sender } from './customer';

export type AgentRole = 'agent' | 'operator' | 'admin';
export type AgentStatus = 'online' | 'away' | 'offline';
export type EscalationReason = 'low_confidence' | 'asked_for_human' | 'frustration' | 'urgent_security';

/** The logged-in agent. */
export interface AgentProfile {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
}

// ---- REST ----
/** `POST /api/auth/login` body. */
export interface LoginRequest {
  email: string;
  password: string;
}
/** Answer of `POST /api/auth/login` and `GET /api/auth/me`. Send `csrfToken` as header `x-csrf-token`. */
export interface SessionInfo {
  agent: AgentProfile;
  csrfToken: string;
}
/** The header every state-changing REST request must carry. */
export const CSRF_HEADER = 'x-csrf-token';

// ---- shared shapes ----
export interface AgentSummary {
  id: string;
  name: string;
  status: AgentStatus;
  activeChats: number;
  capacity: number;
}

export interface Topic {
  intent: string;
  category: string;
  confidence: number;
}

export interface AgentQueueEntry {
  conversationId: string;
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** When the customer started waiting (epoch ms); a requeued chat keeps its original time. */
  waitingSince: number;
  /** Detected topic, when the bot had one. */
  topic?: Topic;
  /** What the bot collected (entity name → value), already masked. */
  collected: Record<string, unknown>;
  /** The customer's last message(s), masked, plain text. */
  preview: string;
  /** The logged-in customer, when the host site identified them and the signature checked out. */
  customer?: CustomerBadge;
}

/** A customer the host site vouched for (docs/identity.md): shown with a "verified" badge. */
export interface CustomerBadge {
  id: string;
  name?: string;
  email?: string;
  verified: true;
}

export interface TranscriptMessage {
  seq: number;
  id: string;
  from: Sender;
  /** Plain text: render as text, never as HTML. */
  text: string;
  createdAt: number;
  /** For customer messages: what the bot understood. */
  nlu?: Topic;
  /** For agent messages: who wrote it. */
  agentName?: string;
}

/** Internal note: agents only, the customer never sees it. */
export interface Note {
  id: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  text: string;
  createdAt: number;
}

export interface EscalationInfo {
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** `unmet`: nobody was available to take it (recorded, never queued). */
  status: 'queued' | 'assigned' | 'closed' | 'cancelled' | 'unmet';
  waitingSince: number;
  topic?: Topic;
  collected: Record<string, unknown>;
  /** Owner while assigned. */
  agentId?: string;
  /** The verified customer, when the host site identified them. */
  customer?: CustomerBadge;
}

/**
 * One row of the operators' transcript list (`GET /api/conversations`), newest activity first.
 * Everything in it is already masked, plain text.
 */
export interface ConversationSummary {
  id: string;
  state: ConversationState;
  createdAt: number;
  updatedAt: number;
  /** Customer, bot and agent messages (system lines not counted). */
  messageCount: number;
  /** The customer's first message, at most 140 characters; empty when the customer has not written. */
  preview: string;
  /** The latest hand-off, if the chat had one. */
  escalation: { reason: EscalationReason; status: 'queued' | 'assigned' | 'closed' | 'cancelled' | 'unmet' } | null;
  /** The customer's 1–5 rating, if given. */
  rating: number | null;
}

/** `GET /api/conversations` response: one page, and the cursor for the next one (null at the end). */
export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

// ---- client → server ----
/** Every action frame may carry `ref`, echoed in an `error` about it. */
interface Ref {
  ref?: string;
}
export interface PresenceFrame extends Ref {
  type: 'presence';
  status: AgentStatus;
}
export interface ClaimFrame extends Ref {
  type: 'claim';
  conversationId: string;
}
/** To the customer. `id` is chosen by the client (1–64 of `A-Z a-z 0-9 _ . : -`); a repeat is stored once. */
export interface AgentMessageFrame extends Ref {
  type: 'message';
  conversationId: string;
  id: string;
  text: string;
}
export interface NoteFrame extends Ref {
  type: 'note';
  conversationId: string;
  text: string;
}
export interface AgentTypingFrame extends Ref {
  type: 'typing';
  conversationId: string;
}
export interface TransferFrame extends Ref {
  type: 'transfer';
  conversationId: string;
  toAgentId: string;
}
/** Back to the bot. */
export interface ReleaseFrame extends Ref {
  type: 'release';
  conversationId: string;
}
export interface CloseFrame extends Ref {
  type: 'close';
  conversationId: string;
  /** Free text, e.g. "refund issued". */
  resolution: string;
}
/** Load the transcript of a chat you own (operators/admins: any chat, read-only unless owned). */
export interface OpenFrame extends Ref {
  type: 'open';
  conversationId: string;
}
export type AgentClientFrame =
  | PresenceFrame
  | ClaimFrame
  | AgentMessageFrame
  | NoteFrame
  | AgentTypingFrame
  | TransferFrame
  | ReleaseFrame
  | CloseFrame
  | OpenFrame;

// ---- server → client ----
/** First frame after connecting. Then `queue`, then one `assigned` per chat the agent owns. */
export interface AgentHelloFrame {
  type: 'hello';
  agent: AgentProfile & { status: AgentStatus; capacity: number };
  agents: AgentSummary[];
}
/** Agents' presence changed (same shape as `hello.agents`). */
export interface AgentsFrame {
  type: 'agents';
  agents: AgentSummary[];
}
/** The whole queue in service order (urgent first, then longest waiting); sent on every change. */
export interface QueueFrame {
  type: 'queue';
  entries: AgentQueueEntry[];
}
/** This agent now owns the chat (claimed, auto-assigned, transferred here, or owned at connect). */
export interface AssignedFrame {
  type: 'assigned';
  conversationId: string;
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  waitingSince: number;
  topic?: Topic;
  collected: Record<string, unknown>;
  preview: string;
  /** The verified customer, when the host site identified them. */
  customer?: CustomerBadge;
  /** Agent id when transferred from someone. */
  transferredFrom?: string;
}
/** Answer to `open` (and sent after a successful claim). */
export interface TranscriptFrame {
  type: 'transcript';
  conversationId: string;
  messages: TranscriptMessage[];
  notes: Note[];
  escalation?: EscalationInfo;
  state: ConversationState;
  /** True when you may only read (an operator/admin looking at someone else's chat). */
  readOnly: boolean;
}
/** A new message in a chat you own, or in the one chat an operator/admin last opened read-only (customer, bot, agent or system). */
export interface AgentServerMessageFrame {
  type: 'message';
  conversationId: string;
  message: TranscriptMessage;
}
export interface NoteAddedFrame {
  type: 'note';
  conversationId: string;
  note: Note;
}
export interface AgentServerTypingFrame {
  type: 'typing';
  conversationId: string;
  from: 'customer' | 'agent' | 'bot';
}
/** The chat is no longer yours: released to the bot, transferred away, or requeued after a drop. */
export interface ReleasedFrame {
  type: 'released';
  conversationId: string;
}
export interface ClosedFrame {
  type: 'closed';
  conversationId: string;
}
export interface AgentErrorFrame {
  type: 'error';
  code: string;
  message: string;
  retryable: boolean;
  /** The `ref` (or message `id`) of the client frame it answers. */
  ref?: string;
}
/** A chat was just escalated: play a sound, badge the title, notify. */
export interface AlertFrame {
  type: 'alert';
  kind: 'escalated';
  conversationId: string;
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
}
export type AgentServerFrame =
  | AgentHelloFrame
  | AgentsFrame
  | QueueFrame
  | AssignedFrame
  | TranscriptFrame
  | AgentServerMessageFrame
  | NoteAddedFrame
  | AgentServerTypingFrame
  | ReleasedFrame
  | ClosedFrame
  | AgentErrorFrame
  | AlertFrame;

/** Error codes the agent side uses (besides the generic ones in docs/errors.md). */
export type AgentErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_INVALID'
  | 'LOGIN_FAILED'
  | 'LOGIN_RATE_LIMITED'
  | 'ALREADY_CLAIMED'
  | 'NOT_IN_QUEUE'
  | 'AT_CAPACITY'
  | 'NOT_ONLINE'
  | 'NOT_ASSIGNED'
  | 'NOT_FOUND'
  | 'ID_TAKEN'
  | 'BAD_FRAME'
  | 'INVALID_TEXT'
  | 'INTERNAL';
