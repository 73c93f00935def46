import { createAssignment } from '../../src/handoff/assignment';
import { createPresenceTracker } from '../../src/handoff/presence-tracker';
import type { EscalationRecord } from '../../src/storage/types';
import { agent, escalation, memoryHandoffStore, recordingBus } from './fakes';

function setup() {
  let now = 1_000;
  const clock = () => now;
  const escalations = new Map<string, EscalationRecord>();
  const mem = memoryHandoffStore(clock, escalations);
  const bus = recordingBus();
  const joined: Array<[string, string]> = [];
  const ended: string[] = [];
  const changed = async () => {};
  const presence = createPresenceTracker({ store: mem.store, clock, staleMs: 30_000, changed });
  const queue = {
    async snapshot() {
      return [...escalations.values()].filter((e) => e.status === 'queued').map((e) => ({ conversationId: e.conversationId, reason: e.reason, priority: e.priority, waitingSince: e.createdAt, collected: {}, preview: '' }));
    },
    async openEscalation(conversationId: string) {
      return [...escalations.values()].find((e) => e.conversationId === conversationId && (e.status === 'queued' || e.status === 'assigned'));
    },
  };
  const assignment = createAssignment({
    storage: { getConversation: async (id) => (id.startsWith('gone') ? undefined : ({ id } as never)) },
    store: mem.store,
    bus,
    conversations: {
      agentJoined: async (id, name) => void joined.push([id, name]),
      releaseToBot: async (id) => void ended.push(`released ${id}`),
      end: async (id) => void ended.push(`closed ${id}`),
    },
    presence,
    queue,
    changed,
  });
  const enqueue = (conversationId: string, at = now) => escalations.set(`e-${conversationId}`, escalation(`e-${conversationId}`, conversationId, { createdAt: at }));
  return { assignment, mem, bus, joined, ended, enqueue, escalations, tick: (ms: number) => (now += ms) };
}

describe('assignment', () => {
  test('of two agents claiming one chat at once, exactly one gets it and the customer hears one join', async () => {
    const t = setup();
    const ada = t.mem.addAgent(agent('ada'));
    const bob = t.mem.addAgent(agent('bob'));
    t.enqueue('c1');
    const results = await Promise.all([t.assignment.claim(ada, 'c1'), t.assignment.claim(bob, 'c1')]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['ALREADY_CLAIMED', 'ok']);
    expect(t.joined).toHaveLength(1);
    const winner = results[0]!.ok ? ada : bob;
    expect(t.bus.published).toContainEqual([`handoff:agent:${winner.id}`, { type: 'assigned', conversationId: 'c1' }]);
  });

  test('claims need the agent online, with room, and the chat in the queue', async () => {
    const t = setup();
    const away = t.mem.addAgent(agent('away'), 'away');
    const full = t.mem.addAgent(agent('full', { capacity: 1 }));
    ['c1', 'c2', 'c3'].forEach((c) => t.enqueue(c));
    expect(await t.assignment.claim(away, 'c1')).toEqual({ ok: false, code: 'NOT_ONLINE' });
    expect((await t.assignment.claim(full, 'c1')).ok).toBe(true);
    expect(await t.assignment.claim(full, 'c2')).toEqual({ ok: false, code: 'AT_CAPACITY' });
    expect(await t.assignment.claim(full, 'nope')).toEqual({ ok: false, code: 'NOT_IN_QUEUE' });
  });

  test('only the owner acts on a chat; operators may close it; an agent cannot tell others’ chats from missing ones', async () => {
    const t = setup();
    const ada = t.mem.addAgent(agent('ada'));
    const bob = t.mem.addAgent(agent('bob'));
    const op = t.mem.addAgent(agent('op', { role: 'operator' }));
    t.enqueue('c1');
    await t.assignment.claim(ada, 'c1');
    expect(await t.assignment.owned(bob, 'c1')).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await t.assignment.owned(bob, 'other')).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await t.assignment.owned(op, 'other')).toEqual({ ok: false, code: 'NOT_ASSIGNED' });
    expect(await t.assignment.owned(op, 'gone-1')).toEqual({ ok: false, code: 'NOT_FOUND' });
    expect(await t.assignment.release(bob, 'c1')).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await t.assignment.close(op, 'c1', 'solved')).toEqual({ ok: true, value: undefined });
    expect(t.ended).toEqual(['closed c1']);
    expect(t.bus.published).toContainEqual(['handoff:agent:ada', { type: 'closed', conversationId: 'c1' }]);
    expect(await t.assignment.close(op, 'c1', 'again')).toEqual({ ok: false, code: 'NOT_ASSIGNED' });
  });

  test('a transfer goes only to an online agent with room, and the customer hears the new name', async () => {
    const t = setup();
    const ada = t.mem.addAgent(agent('ada'));
    const away = t.mem.addAgent(agent('away'), 'away');
    const bob = t.mem.addAgent(agent('bob'));
    t.enqueue('c1');
    await t.assignment.claim(ada, 'c1');
    expect(await t.assignment.transfer(ada, 'c1', away.id)).toEqual({ ok: false, code: 'NOT_ONLINE' });
    expect(await t.assignment.transfer(ada, 'c1', 'nobody')).toEqual({ ok: false, code: 'NOT_FOUND' });
    expect((await t.assignment.transfer(ada, 'c1', bob.id)).ok).toBe(true);
    expect(t.joined).toEqual([
      ['c1', 'ADA'],
      ['c1', 'BOB'],
    ]);
    expect(await t.assignment.ownedChats(bob.id)).toEqual(['c1']);
    expect(t.bus.published).toContainEqual(['handoff:agent:bob', { type: 'assigned', conversationId: 'c1', transferredFrom: 'ada' }]);
  });

  test('auto-assignment spreads the queue over online agents with room, least busy first, until nobody has room', async () => {
    const t = setup();
    const ada = t.mem.addAgent(agent('ada', { capacity: 2 }));
    const bob = t.mem.addAgent(agent('bob', { capacity: 1 }));
    t.mem.addAgent(agent('away'), 'away');
    ['c1', 'c2', 'c3', 'c4'].forEach((c, i) => t.enqueue(c, i));
    await t.assignment.autoAssign();
    expect((await t.assignment.ownedChats(ada.id)).length).toBe(2);
    expect((await t.assignment.ownedChats(bob.id)).length).toBe(1);
    expect([...t.escalations.values()].filter((e) => e.status === 'queued').map((e) => e.conversationId)).toEqual(['c4']);
  });
});
