import type { QueueEntry } from './queue-order';

/** A conversation owned by an agent, as the periodic sweep sees it. Times are epoch milliseconds. */
export interface AssignmentState {
  conversationId: string;
  agentId: string;
  /** When the owning agent's last socket closed; undefined while connected (or back again). */
  agentDisconnectedAt?: number;
}

export interface RequeueCheck {
  assignments: readonly AssignmentState[];
  /** The sweep's clock reading. */
  now: number;
  /** How long a dropped agent has to reconnect before their chats go back to the queue. */
  graceMs: number;
}

/**
 * Conversations to put back in the queue: their agent has been gone for the whole grace period
 * (`now >= agentDisconnectedAt + graceMs`). Oldest disconnection first, each conversation once.
 *
 * The disconnect time is stored, and a periodic sweep calls this, so a restart or a node crash
 * loses no timer; an in-process setTimeout may only be a hint to sweep earlier (see
 * {@link nextRequeueAt}), never the source of truth.
 */
export function dueForRequeue({ assignments, now, graceMs }: RequeueCheck): string[] {
  const grace = Math.max(0, graceMs);
  const due = assignments
    .filter((a) => a.agentDisconnectedAt !== undefined && now >= a.agentDisconnectedAt + grace)
    .sort((a, b) => a.agentDisconnectedAt! - b.agentDisconnectedAt!);
  return [...new Set(due.map((a) => a.conversationId))];
}

/**
 * When the next pending disconnection becomes due, or undefined when no agent is disconnected;
 * lets a node schedule its next sweep instead of polling blindly.
 */
export function nextRequeueAt(assignments: readonly AssignmentState[], graceMs: number): number | undefined {
  let earliest: number | undefined;
  for (const a of assignments) {
    if (a.agentDisconnectedAt === undefined) continue;
    const at = a.agentDisconnectedAt + Math.max(0, graceMs);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}

/**
 * The queue entry for a chat going back to the queue at `now`: it keeps its original place
 * (`requeuedFrom` is when it first queued, however often it comes back).
 * @example requeueEntry({ ...entry, enqueuedAt: 1000 }, 5000) // { ...entry, enqueuedAt: 5000, requeuedFrom: 1000 }
 */
export function requeueEntry(entry: QueueEntry, now: number): QueueEntry {
  return { ...entry, enqueuedAt: now, requeuedFrom: entry.requeuedFrom ?? entry.enqueuedAt };
}
