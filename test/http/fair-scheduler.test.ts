import fc from 'fast-check';
import { createFairScheduler, SchedulerFullError } from '../../src/http/ws/fair-scheduler';

/** A task that records when it started and finishes when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { done, open };
}

describe('fair scheduler', () => {
  it('never runs more than maxInFlight at once, runs every task, and keeps each key in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.constantFrom('flood', 'a', 'b', 'c'), { minLength: 1, maxLength: 60 }),
        async (maxInFlight, maxInFlightPerKey, keys) => {
          const s = createFairScheduler({ maxInFlight, maxInFlightPerKey, maxWaitingPerKey: 1000 });
          let running = 0;
          let peak = 0;
          const runningOf = new Map<string, number>();
          let peakPerKey = 0;
          const started: Array<[string, number]> = [];
          const perKeyIndex = new Map<string, number>();
          const all = keys.map((key) => {
            const i = perKeyIndex.get(key) ?? 0;
            perKeyIndex.set(key, i + 1);
            return s.run(key, async () => {
              running++;
              peak = Math.max(peak, running);
              runningOf.set(key, (runningOf.get(key) ?? 0) + 1);
              peakPerKey = Math.max(peakPerKey, runningOf.get(key)!);
              started.push([key, i]);
              await new Promise((r) => setImmediate(r));
              runningOf.set(key, runningOf.get(key)! - 1);
              running--;
            });
          });
          await Promise.all(all);
          expect(peak).toBeLessThanOrEqual(maxInFlight);
          expect(peakPerKey).toBeLessThanOrEqual(maxInFlightPerKey);
          expect(started).toHaveLength(keys.length);
          for (const key of new Set(keys)) {
            const order = started.filter(([k]) => k === key).map(([, i]) => i);
            expect(order).toEqual([...order].sort((x, y) => x - y));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a flooding key cannot delay a quiet one by more than one turn per waiting key', async () => {
    const s = createFairScheduler({ maxInFlight: 1 });
    const gates = Array.from({ length: 30 }, gate);
    const order: string[] = [];
    const flood = gates.map((g, i) => s.run('flood', async () => {
      order.push(`flood${i}`);
      await g.done;
    }));
    const quiet = s.run('quiet', async () => {
      order.push('quiet');
    });
    for (const g of gates.slice(0, 3)) g.open();
    await quiet;
    // flood0 was running; quiet waited behind at most one more flood turn.
    expect(order.indexOf('quiet')).toBeLessThanOrEqual(2);
    for (const g of gates) g.open();
    await Promise.all(flood);
  });

  it("a flooding key holds at most maxInFlightPerKey slots: another key's task starts at once in a free one", async () => {
    const s = createFairScheduler({ maxInFlight: 8, maxInFlightPerKey: 2 });
    const gates = Array.from({ length: 20 }, gate);
    let floodRunning = 0;
    const flood = gates.map((g) =>
      s.run('flood', async () => {
        floodRunning++;
        await g.done;
        floodRunning--;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(floodRunning).toBe(2);
    expect(s.inFlight).toBe(2);
    // Nothing of the flood has finished, yet the quiet key is not kept waiting.
    expect(await s.run('quiet', async () => 'quiet')).toBe('quiet');
    gates[0]!.open();
    await flood[0];
    await new Promise((r) => setImmediate(r));
    expect(floodRunning).toBe(2);
    for (const g of gates) g.open();
    await Promise.all(flood);
    expect(s.inFlight).toBe(0);
  });

  it('refuses a task when its key already has maxWaitingPerKey waiting, without affecting other keys', async () => {
    const s = createFairScheduler({ maxInFlight: 1, maxWaitingPerKey: 2 });
    const g = gate();
    const first = s.run('x', () => g.done);
    const waiting = [s.run('x', async () => 1), s.run('x', async () => 2)];
    await expect(s.run('x', async () => 3)).rejects.toBeInstanceOf(SchedulerFullError);
    const other = s.run('y', async () => 'y');
    g.open();
    await first;
    expect(await Promise.all(waiting)).toEqual([1, 2]);
    expect(await other).toBe('y');
  });
});
