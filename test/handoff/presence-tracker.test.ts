import { createPresenceTracker } from '../../src/handoff/presence-tracker';
import { agent, memoryHandoffStore } from './fakes';

function setup() {
  let now = 100_000;
  const mem = memoryHandoffStore(() => now);
  let changes = 0;
  const tracker = createPresenceTracker({ store: mem.store, clock: () => now, staleMs: 30_000, changed: async () => void changes++ });
  return { tracker, mem, changes: () => changes, tick: (ms: number) => (now += ms) };
}

describe('presence tracker', () => {
  test('an agent counts as online only while a console is connected and heard from; disabled agents are not listed', async () => {
    const t = setup();
    t.mem.addAgent(agent('ada'));
    t.mem.addAgent(agent('off'), 'online', 0);
    t.mem.addAgent(agent('gone', { disabled: true }));
    expect((await t.tracker.agents()).map((a) => [a.id, a.status])).toEqual([
      ['ada', 'online'],
      ['off', 'offline'],
    ]);
    t.tick(30_001); // no heartbeat: the node holding Ada's socket died
    expect((await t.tracker.agents()).map((a) => a.status)).toEqual(['offline', 'offline']);
  });

  test('the heartbeat touches agents with a socket on this node only, until their last one closes', async () => {
    const t = setup();
    t.mem.agents.push(agent('ada'), agent('bob'));
    await t.tracker.socketOpened('ada');
    await t.tracker.socketOpened('ada');
    await t.tracker.socketOpened('bob');
    await t.tracker.setStatus('ada', 'online');
    await t.tracker.socketClosed('bob');
    await t.tracker.socketClosed('ada');
    await t.tracker.heartbeat();
    expect(t.mem.touched).toEqual([['ada']]);
    await t.tracker.socketClosed('ada');
    await t.tracker.heartbeat();
    expect(t.mem.touched).toEqual([['ada']]);
    expect(t.changes()).toBe(7); // every change is announced; the scheduler coalesces them
  });
});
