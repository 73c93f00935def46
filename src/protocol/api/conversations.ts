/**
 * `/api/conversations`: the operators' transcript list, one chat's transcript, the agent actions
 * over REST (claim, message, release, close) and an admin's erasure (docs/agent-protocol.md).
 */
import { StringEnum } from './params';
import { Type, type Static } from '@sinclair/typebox';
import { Collected, CustomerBadge, EscalationReason, Priority, Topic } from './agents';

export const ConversationState = StringEnum(['bot', 'queued', 'agent', 'closed']);
export const Sender = StringEnum(['bot', 'agent', 'customer', 'system']);
export const EscalationStatus = StringEnum(['queued', 'assigned', 'closed', 'cancelled', 'unmet']);

// ---- GET /api/conversations ----
const epochMs = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const ConversationListQuery = Type.Object(
  {
    from: Type.Optional(epochMs),
    to: Type.Optional(epochMs),
    state: Type.Optional(StringEnum(['bot', 'queued', 'agent', 'closed'])),
    escalated: Type.Optional(StringEnum(['true', 'false'])),
    maxRating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words of the customer messages.' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: '`nextCursor` of the previous page.' })),
  },
  { additionalProperties: false },
);
export type ConversationListQuery = Static<typeof ConversationListQuery>;

export const ConversationSummary = Type.Object({
  id: Type.String(),
  state: ConversationState,
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
  messageCount: Type.Integer(),
  preview: Type.String(),
  escalation: Type.Union([Type.Object({ reason: EscalationReason, status: EscalationStatus }), Type.Null()]),
  rating: Type.Union([Type.Integer(), Type.Null()]),
});
export const ConversationPage = Type.Object({ conversations: Type.Array(ConversationSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) });

// ---- GET /api/conversations/:id ----
export const TranscriptMessage = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  from: Sender,
  text: Type.String({ description: 'Plain text: render as text, never as HTML.' }),
  createdAt: Type.Integer(),
  nlu: Type.Optional(Topic),
  agentName: Type.Optional(Type.String()),
});
export const Note = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  agentId: Type.String(),
  agentName: Type.String(),
  text: Type.String(),
  createdAt: Type.Integer(),
});
export const EscalationInfo = Type.Object({
  reason: EscalationReason,
  priority: Priority,
  status: EscalationStatus,
  waitingSince: Type.Integer(),
  topic: Type.Optional(Topic),
  collected: Collected,
  agentId: Type.Optional(Type.String()),
  customer: Type.Optional(CustomerBadge),
});
export const Transcript = Type.Object({
  conversationId: Type.String(),
  messages: Type.Array(TranscriptMessage),
  notes: Type.Array(Note),
  escalation: Type.Optional(EscalationInfo),
  state: ConversationState,
  readOnly: Type.Boolean({ description: 'True when you may only read (an operator or admin on someone else’s chat).' }),
});

// ---- agent actions ----
export const Claimed = Type.Object({ conversationId: Type.String(), agentId: Type.String() });

export const AgentMessageBody = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: 'Your own id: a repeat is stored once.' })),
    text: Type.String({ minLength: 1, pattern: '\\S', examples: ['Your refund is on its way.'] }),
  },
  { additionalProperties: false },
);
export const AgentMessageSent = Type.Object({ message: TranscriptMessage });

export const CloseBody = Type.Object({ resolution: Type.String({ maxLength: 2000, examples: ['refund issued'] }) }, { additionalProperties: false });

/** `POST /api/conversations/:id/intent`: an agent's "what was this about?". */
export const IntentBody = Type.Object({ intent: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', examples: ['refund_status'] }) }, { additionalProperties: false });
