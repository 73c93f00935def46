import fc from 'fast-check';
import { channels } from '../../src/bus/types';
import { createHandoffScheduler, type EscalationAlert } from '../../src/handoff/scheduler';
import { escalation, recordingBus, simulatedTimers } from './fakes';

function setup(opts: { refreshMs?: number } = {}) {
  const clock = simulatedTimers();
  const bus = recordingBus();
  const refreshes: EscalationAlert[][] = [];
  let running = 0;
  let overlapped = false;
  let sweeps = 0;
  const scheduler = createHandoffScheduler({
    bus,
    timers: clock.timers,
    debounceMs: 100,
    sweepIntervalMs: 5000,
    async refresh(alerts) {
      running++;
      if (running > 1) overlapped = true;
      refreshes.push(alerts);
      // A refresh that takes simulated time (storage reads): events may arrive meanwhile.
      if (opts.refreshMs) await new Promise<void>((resolve) => clock.timers.setTimeout(resolve, opts.refreshMs!));
      running--;
    },
    async sweep() {
      sweeps++;
    },
  });
  const changed = () => bus.publish(channels.queue, { type: 'changed' });
  const escalated = (conversationId: string) =>
    bus.publish(channels.queue, { type: 'escalated', conversationId, escalation: { ...escalation(`e-${conversationId}`, conversationId, { priority: 'urgent', reason: 'urgent_security' }) } });
  return { clock, scheduler, refreshes, changed, escalated, overlapped: () => overlapped, sweeps: () => sweeps };
}

describe('hand-off scheduler', () => {
  test('a burst of queue events (sockets opening and closing, presence changes) causes one refresh', async () => {
    const t = setup();
    await t.scheduler.start();
    for (let i = 0; i < 25; i++) {
      await t.changed();
      await t.clock.advance(3); // 25 events over 75 ms: inside one 100 ms window
    }
    expect(t.refreshes).toHaveLength(0); // nothing before the window ends
    await t.clock.advance(100);
    expect(t.refreshes).toEqual([[]]);
    await t.clock.advance(10_000 - 200);
    expect(t.refreshes).toHaveLength(1); // and nothing more without new events
    await t.scheduler.stop();
  });

  test('events after the window cause the next refresh; every escalation of a burst is announced, in order', async () => {
    const t = setup();
    await t.scheduler.start();
    await t.escalated('c1');
    await t.changed();
    await t.escalated('c2');
    await t.clock.advance(100);
    await t.changed();
    await t.clock.advance(100);
    expect(t.refreshes).toEqual([
      [
        { conversationId: 'c1', reason: 'urgent_security', priority: 'urgent' },
        { conversationId: 'c2', reason: 'urgent_security', priority: 'urgent' },
      ],
      [],
    ]);
    await t.scheduler.stop();
  });

  test('events during a slow refresh cause exactly one more, after it, never two at once', async () => {
    const t = setup({ refreshMs: 500 });
    await t.scheduler.start();
    await t.changed();
    await t.clock.advance(150); // refresh 1 runs until 600
    for (let i = 0; i < 10; i++) await t.changed();
    await t.clock.advance(2000);
    expect(t.refreshes).toHaveLength(2);
    expect(t.overlapped()).toBe(false);
    await t.scheduler.stop();
  });

  test('idle() waits for the waiting and running refreshes', async () => {
    const t = setup();
    await t.scheduler.start();
    await t.changed();
    let idle = false;
    const done = t.scheduler.idle().then(() => (idle = true));
    await t.clock.advance(50);
    expect(idle).toBe(false);
    await t.clock.advance(50);
    await done;
    expect(t.refreshes).toHaveLength(1);
    await t.scheduler.stop();
  });

  test('the sweep runs every interval until stopped; nothing runs after stop', async () => {
    const t = setup();
    await t.scheduler.start();
    await t.clock.advance(5000 * 3);
    expect(t.sweeps()).toBe(3);
    await t.changed();
    await t.scheduler.stop();
    await t.clock.advance(60_000);
    expect(t.sweeps()).toBe(3);
    expect(t.refreshes).toHaveLength(0); // the waiting refresh was dropped
    expect(t.clock.pendingCount()).toBe(0);
  });
});

describe('hand-off scheduler (property)', () => {
  test('for any timing of events and refresh durations: refreshes never overlap, each escalation is announced exactly once and in order, no later than one window plus one refresh after it', async () => {
    const DEBOUNCE = 100;
    const MAX_REFRESH = 250;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), escalation: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: MAX_REFRESH }), { minLength: 1, maxLength: 10 }),
        async (events, durations) => {
          const clock = simulatedTimers();
          const bus = recordingBus();
          const runs: Array<{ start: number; end: number; alerts: string[] }> = [];
          const scheduler = createHandoffScheduler({
            bus,
            timers: clock.timers,
            debounceMs: DEBOUNCE,
            sweepIntervalMs: 1e9,
            sweep: async () => undefined,
            async refresh(alerts) {
              const run = { start: clock.now(), end: -1, alerts: alerts.map((a) => a.conversationId) };
              runs.push(run);
              const ms = durations[(runs.length - 1) % durations.length]!;
              if (ms > 0) await new Promise<void>((resolve) => clock.timers.setTimeout(resolve, ms));
              run.end = clock.now();
            },
          });
          await scheduler.start();
          let at = 0;
          const sent: Array<{ at: number; id?: string }> = [];
          for (const [i, e] of events.entries()) {
            at += e.gap;
            const id = e.escalation ? `c${i}` : undefined;
            sent.push({ at, id });
            clock.timers.setTimeout(() => {
              void bus.publish(channels.queue, id ? { type: 'escalated', conversationId: id, escalation: { ...escalation(`e${i}`, id) } } : { type: 'changed' });
            }, at);
          }
          await clock.advance(at + DEBOUNCE + 2 * MAX_REFRESH * (events.length + 1));
          await scheduler.stop();

          for (let i = 1; i < runs.length; i++) expect(runs[i]!.start).toBeGreaterThanOrEqual(runs[i - 1]!.end);
          expect(runs.flatMap((r) => r.alerts)).toEqual(sent.flatMap((s) => (s.id ? [s.id] : [])));
          expect(runs.length).toBeLessThanOrEqual(events.length);
          // Every event is followed by a refresh that starts after it, within one window plus one refresh.
          for (const s of sent) {
            const next = runs.find((r) => r.start >= s.at);
            expect(next).toBeDefined();
            expect(next!.start - s.at).toBeLessThanOrEqual(DEBOUNCE + MAX_REFRESH);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
