/** `GET /api/agents` and `GET /api/queue`: who is there and who is waiting (the console uses the socket for both). */
import { StringEnum } from './params';
import { Type } from '@sinclair/typebox';

export const EscalationReason = StringEnum(['low_confidence', 'asked_for_human', 'frustration', 'urgent_security']);
export const Priority = StringEnum(['normal', 'urgent']);

export const AgentSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: StringEnum(['online', 'away', 'offline']),
  activeChats: Type.Integer(),
  capacity: Type.Integer(),
});
export const AgentList = Type.Object({ agents: Type.Array(AgentSummary) });

export const Topic = Type.Object({ intent: Type.String(), category: Type.String(), confidence: Type.Number() });

/** A customer the host site vouched for (docs/identity.md). */
export const CustomerBadge = Type.Object({
  id: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  verified: Type.Literal(true),
});

/** What the bot collected (entity name → value), already masked: open-ended by design. */
export const Collected = Type.Record(Type.String(), Type.Unknown());

export const QueueEntry = Type.Object({
  conversationId: Type.String(),
  reason: EscalationReason,
  priority: Priority,
  waitingSince: Type.Integer(),
  topic: Type.Optional(Topic),
  collected: Collected,
  preview: Type.String(),
  customer: Type.Optional(CustomerBadge),
});
export const QueueList = Type.Object({ entries: Type.Array(QueueEntry) });
