import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryBus } from '../../src/bus/memory';
import type { BusEvent } from '../../src/bus/types';
import { parseBusinessHours } from '../../src/handoff/business-hours';
import { handoffChannels } from '../../src/handoff/channels';
import { createHandoffService, type HandoffConversations } from '../../src/handoff/service';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { newConversation } from '../storage/contract';
import { simulatedTimers } from './fakes';

const T0 = Date.UTC(2024, 0, 10, 12, 0, 0); // a Wednesday, 13:00 in Berlin
let now = T0;
let storage: Storage;
let dir: string;
const bus = createMemoryBus();
const calls: Array<[string, string, unknown?]> = [];
const conversations: HandoffConversations = {
  agentJoined: async (id, name) => calls.push(['agentJoined', id, name]),
  releaseToBot: async (id) => calls.push(['releaseToBot', id]),
  postAgentMessage: async () => {
    throw new Error('unused');
  },
  end: async (id) => void calls.push(['end', id]),
  publishStatus: async (id, status) => void calls.push(['status', id, status]),
  agentLeft: async (id) => calls.push(['agentLeft', id]),
};

function service(overrides: Partial<Parameters<typeof createHandoffService>[0]['settings']> = {}) {
  return createHandoffService({ storage, bus, conversations, clock: () => now, settings: { requeueGraceMs: 60_000, autoAssign: false, ...overrides } });
}

async function escalate(priority: 'normal' | 'urgent' = 'normal', reason: 'asked_for_human' | 'urgent_security' = 'asked_for_human') {
  const c = await storage.createConversation(newConversation());
  await storage.commitTurn({
    conversationId: c.id,
    expectedVersion: 0,
    messages: [{ id: 'm1', from: 'customer', text: 'help me' }],
    state: 'queued',
    escalation: { reason, priority, summary: { intent: 'refund_status', category: 'refund', confidence: 0.4, entities: { order_id: { value: 'A-1', text: 'A-1' } } } },
  });
  return c.id;
}

async function onlineAgent(name: string, capacity = 3) {
  const a = await storage.handoff.createAgent({ id: `ag-${randomUUID()}`, email: `${name}@desk.example`, name, role: 'agent', passwordHash: 'x', capacity });
  await storage.handoff.setPresenceStatus(a.id, 'online');
  await storage.handoff.socketOpened(a.id);
  return a;
}

beforeEach(() => {
  now = T0;
  calls.length = 0;
  dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-svc-'));
  storage = createSqliteStorage({ file: path.join(dir, 'chat.db'), now: () => now });
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hand-off service', () => {
  test('urgent security chats go first; others in arrival order, with topic and what the bot collected', async () => {
    const first = await escalate();
    now += 1000;
    const urgent = await escalate('urgent', 'urgent_security');
    const queue = await service().queueSnapshot();
    expect(queue.map((e) => e.conversationId)).toEqual([urgent, first]);
    expect(queue[1]).toMatchObject({ reason: 'asked_for_human', topic: { intent: 'refund_status', category: 'refund' }, collected: { order_id: { value: 'A-1', text: 'A-1' } }, preview: 'help me' });
  });

  test('a dropped agent’s chat goes back to the queue after the grace period and keeps its place', async () => {
    const svc = service();
    const ada = await onlineAgent('ada');
    const older = await escalate();
    now += 30_000;
    const newer = await escalate();
    expect((await svc.claim(ada, older)).ok).toBe(true);
    const released: BusEvent[] = [];
    const unsub = await bus.subscribe(handoffChannels.agent(ada.id), (e) => released.push(e));

    now += 10_000;
    await storage.handoff.socketClosed(ada.id);
    now += 59_000;
    expect(await svc.sweep()).toEqual([]);
    expect((await svc.queueSnapshot()).map((e) => e.conversationId)).toEqual([newer]);

    now += 1_000;
    expect(await svc.sweep()).toEqual([older]);
    expect((await svc.queueSnapshot()).map((e) => e.conversationId)).toEqual([older, newer]);
    expect(calls).toContainEqual(['agentLeft', older]);
    expect(released).toContainEqual({ type: 'released', conversationId: older });
    expect(await svc.sweep()).toEqual([]); // once only
    await unsub();
  });

  test('an agent who reconnects within the grace period keeps the chat', async () => {
    const svc = service();
    const ada = await onlineAgent('ada');
    const conv = await escalate();
    await svc.claim(ada, conv);
    await storage.handoff.socketClosed(ada.id);
    now += 30_000;
    await svc.socketOpened(ada.id); // a socket on this node: its sweep keeps the heartbeat fresh
    now += 120_000;
    expect(await svc.sweep()).toEqual([]);
    expect(await svc.ownedChats(ada.id)).toEqual([conv]);
  });

  test('a node that died without closing its sockets is noticed by the stale heartbeat', async () => {
    const svc = service({ heartbeatStaleMs: 30_000 });
    const ada = await onlineAgent('ada');
    const conv = await escalate();
    await svc.claim(ada, conv);
    now += 30_000 + 60_000; // last heartbeat at T0: gone since then, plus the grace period
    expect(await svc.sweep()).toEqual([conv]);
  });

  test('claiming needs the agent online and within capacity', async () => {
    const svc = service();
    const ada = await onlineAgent('ada', 1);
    const [a, b] = [await escalate(), await escalate()];
    await storage.handoff.setPresenceStatus(ada.id, 'away');
    expect(await svc.claim(ada, a)).toEqual({ ok: false, code: 'NOT_ONLINE' });
    await storage.handoff.setPresenceStatus(ada.id, 'online');
    expect((await svc.claim(ada, a)).ok).toBe(true);
    expect(await svc.claim(ada, b)).toEqual({ ok: false, code: 'AT_CAPACITY' });
    expect(calls).toContainEqual(['agentJoined', a, 'ada']);
  });

  test('auto-assignment gives a new entry to the least busy online agent', async () => {
    const svc = service({ autoAssign: true });
    const ada = await onlineAgent('ada');
    const bob = await onlineAgent('bob');
    const first = await escalate();
    await svc.claim(ada, first);
    const second = await escalate();
    await svc.start();
    await bus.publish('queue', { type: 'escalated', conversationId: second, escalation: (await storage.listEscalations({ conversationId: second }))[0]! });
    await svc.idle();
    await svc.idle();
    await svc.stop();
    expect(await svc.ownedChats(bob.id)).toEqual([second]);
  });

  test('queued customers are told their place and the estimated wait', async () => {
    const svc = service();
    await onlineAgent('ada');
    const [a, b] = [await escalate(), await escalate()];
    await svc.start();
    await bus.publish('queue', { type: 'changed' });
    await svc.idle();
    await svc.stop();
    const statuses = calls.filter((c) => c[0] === 'status');
    expect(statuses).toContainEqual(['status', a, { state: 'queued', queuePosition: 1, estimatedWaitSeconds: 120 }]);
    expect(statuses).toContainEqual(['status', b, { state: 'queued', queuePosition: 2, estimatedWaitSeconds: 120 }]);
  });

  test('consoles opening, closing and changing presence in a burst cause one queue refresh, with the final agent list', async () => {
    const clock = simulatedTimers();
    const svc = createHandoffService({ storage, bus, conversations, clock: () => now, timers: clock.timers, settings: { requeueGraceMs: 60_000, autoAssign: false, refreshDebounceMs: 100 } });
    const ada = await storage.handoff.createAgent({ id: 'ag-ada', email: 'ada@desk.example', name: 'Ada', role: 'agent', passwordHash: 'x' });
    const bob = await storage.handoff.createAgent({ id: 'ag-bob', email: 'bob@desk.example', name: 'Bob', role: 'agent', passwordHash: 'x' });
    await escalate();
    const updates: Array<Array<[string, string]>> = [];
    svc.onQueue((u) => updates.push(u.agents.map((a) => [a.name, a.status])));
    await svc.start();
    await svc.socketOpened(ada.id);
    await svc.setPresence(ada.id, 'online');
    await svc.socketOpened(bob.id);
    await svc.socketOpened(bob.id);
    await svc.setPresence(bob.id, 'away');
    await svc.socketClosed(bob.id);
    await clock.advance(99);
    expect(updates).toEqual([]);
    await clock.advance(1);
    await svc.idle();
    expect(updates).toEqual([[['Ada', 'online'], ['Bob', 'away']]]);
    expect(calls.filter((c) => c[0] === 'status')).toHaveLength(1); // the one queued customer told once
    await svc.stop();
  });

  test('availability: no agent, an agent with room, and outside business hours', async () => {
    expect(await service().availability.check()).toEqual({ available: false, reason: 'no_agents_online' });
    await onlineAgent('ada');
    expect(await service().availability.check()).toEqual({ available: true });
    const hours = parseBusinessHours('Europe/Berlin;mon-fri 09:00-12:00');
    const closed = await service({ businessHours: hours }).availability.check();
    expect(closed).toEqual({ available: false, reason: 'outside_business_hours', nextOpening: Date.UTC(2024, 0, 11, 8, 0, 0) });
  });
});
