/**
 * Fan-out of conversation events to whoever is connected (customer sockets, agent sockets), on
 * this node or others. In-process by default; Redis pub/sub when several nodes run.
 * Delivery is best effort: clients recover anything missed from storage by `seq`.
 *
 * Typed per channel: {@link ChannelEvents} maps each channel (or channel pattern) to the events it
 * carries, so `bus.subscribe(channels.conversation(id), (e) => …)` hands `e` over as a
 * {@link ConversationBusEvent} and `publish` refuses an event of the wrong channel.
 */
import type { Note } from '../protocol/agent';
import type { StatusFrame } from '../protocol/customer';
import type { TrainingRun } from '../protocol/training';
import type { EscalationRecord, MessageRecord } from '../storage/types';

/** `conversation:<id>`: what the customer's and the owning agent's sockets show. */
export type ConversationBusEvent =
  /** A message once stored (any sender). */
  | { type: 'message'; message: MessageRecord }
  /** The conversation's state, with queue position / wait / agent when it has them. */
  | ({ type: 'status' } & Omit<StatusFrame, 'type'>)
  | { type: 'typing'; from: 'customer' | 'agent' | 'bot' };

/** `queue`: the agent queue changed (on any node); `escalated` names the new entry for alerts. */
export type QueueBusEvent = { type: 'escalated'; conversationId: string; escalation: EscalationRecord } | { type: 'changed' };

/** `models`: the operators' loop, so every node answers with the same model and thresholds. */
export type ModelsBusEvent =
  /** `versionId` null: the built-in model from intents/ is active again. */
  | { type: 'model.activated'; versionId: string | null; by: string }
  | { type: 'thresholds.changed'; intent: string; by: string }
  /** Progress of a retrain started on some node, for every node's /api/training/runs. */
  | { type: 'training.run'; run: TrainingRun };

/** `handoff:agent:<agentId>`: one agent's chats and session, on every node they have a console. */
export type AgentBusEvent =
  | { type: 'assigned'; conversationId: string; transferredFrom?: string }
  | { type: 'released' | 'closed'; conversationId: string }
  | { type: 'logout'; sessionId: string }
  /** An admin disabled, removed, re-roled or reset the account (accounts' AccountEndReason): every session ends. */
  | { type: 'account-ended'; reason: string };

/** `handoff:notes:<conversationId>`: agents' internal notes (never on the customer's channel). */
export type NoteBusEvent = { type: 'note'; note: Note };

/**
 * The event map: channel name (or pattern) → the events it carries. A new channel is one line
 * here plus its name in {@link channels} (or the owning part's channel helper).
 */
export interface ChannelEvents {
  queue: QueueBusEvent;
  models: ModelsBusEvent;
  [channel: `conversation:${string}`]: ConversationBusEvent;
  [channel: `handoff:agent:${string}`]: AgentBusEvent;
  [channel: `handoff:notes:${string}`]: NoteBusEvent;
}

/** Every channel name the bus accepts. */
export type ChannelName = keyof ChannelEvents & string;

/** Any event, as the adapters see it: plain JSON with a `type`, so it can cross processes. */
export type BusEvent = { type: string } & Record<string, unknown>;

export interface Bus {
  /** Delivers `event` to every current subscriber of `channel`, on every node. */
  publish<C extends ChannelName>(channel: C, event: ChannelEvents[C]): Promise<void>;
  /** Calls `handler` for each event on `channel` until the returned function is called. */
  subscribe<C extends ChannelName>(channel: C, handler: (event: ChannelEvents[C]) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** `down` while the bus cannot deliver (Redis unreachable); absent or `ok` otherwise. For /health and /ready. */
  health?(): 'ok' | 'down';
}

/** Channel names in one place so publishers and subscribers agree. */
export const channels = {
  conversation: (id: string) => `conversation:${id}` as const,
  queue: 'queue',
  models: 'models',
} as const;
