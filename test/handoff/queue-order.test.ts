import fc from 'fast-check';
import { orderQueue, queuePosition, queuedSince, type QueueEntry } from '../../src/handoff/queue-order';
import { requeueEntry } from '../../src/handoff/requeue';

const entry = (id: string, enqueuedAt: number, priority: QueueEntry['priority'] = 'normal', extra: Partial<QueueEntry> = {}): QueueEntry => ({
  conversationId: id,
  escalationId: `esc-${id}`,
  priority,
  reason: priority === 'urgent' ? 'urgent_security' : 'asked_for_human',
  enqueuedAt,
  ...extra,
});

describe('orderQueue', () => {
  it('serves the longest-waiting customer first', () => {
    const ordered = orderQueue([entry('c', 300), entry('a', 100), entry('b', 200)]);
    expect(ordered.map((e) => e.conversationId)).toEqual(['a', 'b', 'c']);
  });

  it('puts urgent security escalations ahead of everyone who waited longer', () => {
    const ordered = orderQueue([entry('old', 100), entry('stolen-card', 900, 'urgent'), entry('older', 50), entry('takeover', 500, 'urgent')]);
    expect(ordered.map((e) => e.conversationId)).toEqual(['takeover', 'stolen-card', 'older', 'old']);
  });

  it('keeps the input order of entries that tie', () => {
    const ordered = orderQueue([entry('x', 100), entry('y', 100), entry('z', 100)]);
    expect(ordered.map((e) => e.conversationId)).toEqual(['x', 'y', 'z']);
  });

  it('lets a requeued chat keep its original place instead of going to the back', () => {
    const dropped = requeueEntry(entry('dropped', 100), 10_000);
    const ordered = orderQueue([entry('later', 5_000), dropped, entry('earlier', 50)]);
    expect(ordered.map((e) => e.conversationId)).toEqual(['earlier', 'dropped', 'later']);
    expect(queuedSince(dropped)).toBe(100);
  });

  it('does not reorder the caller’s array', () => {
    const input = [entry('b', 2), entry('a', 1)];
    orderQueue(input);
    expect(input.map((e) => e.conversationId)).toEqual(['b', 'a']);
  });

  const entries = fc.array(
    fc.record({
      conversationId: fc.uuid(),
      escalationId: fc.uuid(),
      priority: fc.constantFrom<QueueEntry['priority']>('normal', 'urgent'),
      reason: fc.constantFrom<QueueEntry['reason']>('low_confidence', 'asked_for_human', 'frustration', 'urgent_security'),
      enqueuedAt: fc.integer({ min: 0, max: 1e6 }),
      requeuedFrom: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
    }),
    { maxLength: 40 },
  );

  it('is a permutation with urgent entries before normal ones, each group oldest first (property)', () => {
    fc.assert(
      fc.property(entries, (input) => {
        const ordered = orderQueue(input);
        expect(ordered).toHaveLength(input.length);
        expect(new Set(ordered)).toEqual(new Set(input));
        const firstNormal = ordered.findIndex((e) => e.priority === 'normal');
        if (firstNormal >= 0) expect(ordered.slice(firstNormal).every((e) => e.priority === 'normal')).toBe(true);
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1]!, ordered[i]!];
          if (a.priority === b.priority) expect(queuedSince(a)).toBeLessThanOrEqual(queuedSince(b));
        }
      }),
    );
  });
});

describe('queuePosition', () => {
  const queue = [entry('a', 100), entry('b', 200), entry('urgent', 300, 'urgent')];

  it('is the 1-based place in service order', () => {
    expect(queuePosition(queue, 'urgent')).toBe(1);
    expect(queuePosition(queue, 'a')).toBe(2);
    expect(queuePosition(queue, 'b')).toBe(3);
  });

  it('is undefined for a conversation that is not queued', () => {
    expect(queuePosition(queue, 'nobody')).toBeUndefined();
    expect(queuePosition([], 'a')).toBeUndefined();
  });
});
