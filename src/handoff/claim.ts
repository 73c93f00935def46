import type { EscalationStatus } from '../storage/types';
import type { AgentStatus } from './presence';

export type ClaimRefusal = 'ALREADY_CLAIMED' | 'NOT_IN_QUEUE' | 'AT_CAPACITY' | 'NOT_ONLINE';
export type ClaimDecision = { ok: true } | { ok: false; code: ClaimRefusal };

export interface ClaimInput {
  /** The escalation as last read; undefined when it does not exist. */
  entry: { status: EscalationStatus } | undefined;
  agent: { status: AgentStatus };
  /** Chats the claiming agent owns now. */
  agentActiveChats: number;
  /** Most chats the claiming agent may own at once. */
  capacity: number;
}

/**
 * Whether an agent may claim a queued chat, checked in the order that tells the agent the most:
 * someone else got it (`ALREADY_CLAIMED`), it was closed or cancelled (`NOT_IN_QUEUE`), the agent
 * is away or offline (`NOT_ONLINE`), or already at capacity (`AT_CAPACITY`).
 *
 * This decides on a snapshot only. Two agents can both get `{ ok: true }` for the same chat, so
 * the claim itself must be the storage compare-and-set
 * `updateEscalationStatus(id, 'assigned', { from: ['queued'] })`: exactly one caller gets the
 * record back, and the loser is answered `ALREADY_CLAIMED`.
 */
export function decideClaim({ entry, agent, agentActiveChats, capacity }: ClaimInput): ClaimDecision {
  if (entry?.status === 'assigned') return { ok: false, code: 'ALREADY_CLAIMED' };
  if (entry?.status !== 'queued') return { ok: false, code: 'NOT_IN_QUEUE' };
  if (agent.status !== 'online') return { ok: false, code: 'NOT_ONLINE' };
  if (agentActiveChats >= capacity) return { ok: false, code: 'AT_CAPACITY' };
  return { ok: true };
}
