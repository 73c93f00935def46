/**
 * Bus channels of the hand-off part. The queue channel itself (`queue`) is shared with the
 * conversation service, which publishes `{type:'escalated'}` there.
 */
export const handoffChannels = {
  /** Frames for one agent on every node: assigned, released, closed, logout. */
  agent: (agentId: string) => `handoff:agent:${agentId}` as const,
  /** Internal notes of one conversation (never on the customer's channel). */
  notes: (conversationId: string) => `handoff:notes:${conversationId}` as const,
} as const;
