import { dueForRequeue, nextRequeueAt, requeueEntry, type AssignmentState } from '../../src/handoff/requeue';
import { orderQueue, type QueueEntry } from '../../src/handoff/queue-order';

const GRACE = 30_000;

/** A simulated clock: time moves only when the test says so. */
function simulatedClock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('requeue after an agent drops', () => {
  it('requeues only once the grace period has passed, checked by a periodic sweep', () => {
    const clock = simulatedClock(1_000_000);
    const assignments: AssignmentState[] = [
      { conversationId: 'conv-1', agentId: 'ana' },
      { conversationId: 'conv-2', agentId: 'ben' },
    ];
    const sweep = () => dueForRequeue({ assignments, now: clock.now(), graceMs: GRACE });

    expect(sweep()).toEqual([]);
    assignments[0]!.agentDisconnectedAt = clock.now();
    clock.advance(GRACE - 1);
    expect(sweep()).toEqual([]);
    clock.advance(1);
    expect(sweep()).toEqual(['conv-1']);
  });

  it('does not requeue when the agent reconnects within the grace period', () => {
    const clock = simulatedClock(0);
    const assignment: AssignmentState = { conversationId: 'conv-1', agentId: 'ana', agentDisconnectedAt: clock.now() };
    clock.advance(GRACE / 2);
    delete assignment.agentDisconnectedAt; // the console reconnected
    clock.advance(GRACE * 10);
    expect(dueForRequeue({ assignments: [assignment], now: clock.now(), graceMs: GRACE })).toEqual([]);
  });

  it('lists the longest-disconnected first, each conversation once', () => {
    const assignments: AssignmentState[] = [
      { conversationId: 'late', agentId: 'b', agentDisconnectedAt: 5_000 },
      { conversationId: 'early', agentId: 'a', agentDisconnectedAt: 1_000 },
      { conversationId: 'early', agentId: 'a', agentDisconnectedAt: 1_000 },
      { conversationId: 'connected', agentId: 'c' },
    ];
    expect(dueForRequeue({ assignments, now: 100_000, graceMs: GRACE })).toEqual(['early', 'late']);
  });

  it('tells the scheduler when the next sweep has work', () => {
    const assignments: AssignmentState[] = [
      { conversationId: 'x', agentId: 'a', agentDisconnectedAt: 7_000 },
      { conversationId: 'y', agentId: 'b', agentDisconnectedAt: 4_000 },
      { conversationId: 'z', agentId: 'c' },
    ];
    expect(nextRequeueAt(assignments, GRACE)).toBe(4_000 + GRACE);
    expect(nextRequeueAt([{ conversationId: 'z', agentId: 'c' }], GRACE)).toBeUndefined();
  });

  it('puts a requeued chat back at its old place, however often it comes back', () => {
    const original: QueueEntry = { conversationId: 'c1', escalationId: 'e1', priority: 'normal', reason: 'frustration', enqueuedAt: 1_000 };
    const once = requeueEntry(original, 50_000);
    const twice = requeueEntry(once, 90_000);
    expect(twice).toMatchObject({ enqueuedAt: 90_000, requeuedFrom: 1_000 });
    const newcomer: QueueEntry = { ...original, conversationId: 'c2', escalationId: 'e2', enqueuedAt: 2_000 };
    expect(orderQueue([newcomer, twice]).map((e) => e.conversationId)).toEqual(['c1', 'c2']);
  });
});
