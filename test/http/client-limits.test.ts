/**
 * Per-address limits shared between nodes (issue 13, defect 4): two nodes' limits over one
 * window counter give one host the allowance once, not once per node; when the shared count
 * fails, each node's own bucket still decides.
 */
import { createMemoryWindowCounter, type WindowCounter } from '../../src/bus/window-counter';
import { createClientLimits } from '../../src/http/ws/client-limits';

const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

describe('client limits across nodes', () => {
  it('a host spread over two nodes gets the per-minute allowance once; another host is not affected; the next minute it is back', async () => {
    let now = T0;
    const clock = () => now;
    const shared = createMemoryWindowCounter(clock);
    const nodes = [0, 1].map(() => createClientLimits({ newConversationsPerMinute: 5, escalationsPerMinute: 2, connectionsPerMinute: 7, shared, clock }));
    const taken = async (take: (n: (typeof nodes)[number]) => Promise<boolean>, tries: number) => {
      let ok = 0;
      for (let i = 0; i < tries; i++) if (await take(nodes[i % 2]!)) ok++;
      return ok;
    };
    expect(await taken((n) => n.takeNewConversation('203.0.113.9'), 20)).toBe(5);
    expect(await taken((n) => n.takeEscalation('203.0.113.9'), 20)).toBe(2);
    expect(await taken((n) => n.takeConnection('203.0.113.9'), 20)).toBe(7);
    expect(await taken((n) => n.takeNewConversation('198.51.100.4'), 3)).toBe(3);
    now += 61_000;
    expect(await taken((n) => n.takeNewConversation('203.0.113.9'), 20)).toBe(5);
  });

  it("without the shared count (Redis down) each node's own bucket decides: limited, not stalled, not open", async () => {
    const failing: WindowCounter = { hit: () => Promise.reject(new Error('redis down')), close: async () => undefined };
    const warnings: unknown[] = [];
    const limits = createClientLimits({ newConversationsPerMinute: 3, shared: failing, logger: { warn: (o: unknown) => void warnings.push(o) }, clock: () => T0 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await limits.takeNewConversation('203.0.113.9'));
    expect(results).toEqual([true, true, true, false, false]);
    expect(warnings.length).toBe(3);
  });
});
