import { randomUUID } from 'node:crypto';
import { AgentEmailTakenError } from '../../src/storage/handoff';
import type { Storage } from '../../src/storage/types';
import { newConversation } from './contract';

/** A mutable clock the storage reads through `now`. */
export interface TestClock {
  now: () => number;
  set(t: number): void;
}

export function testClock(start = 1_700_000_000_000): TestClock {
  let t = start;
  return { now: () => t, set: (v) => (t = v) };
}

/**
 * The behaviour every adapter's hand-off store must have. `make` returns a fresh, empty storage
 * reading time from `clock`.
 */
export function handoffStoreContract(name: string, make: (clock: TestClock) => Promise<Storage>, cleanup: (s: Storage) => Promise<void>): void {
  describe(`Hand-off store contract: ${name}`, () => {
    let storage: Storage;
    let clock: TestClock;
    beforeEach(async () => {
      clock = testClock();
      storage = await make(clock);
    });
    afterEach(async () => {
      await cleanup(storage);
    });

    async function agent(email = `a-${randomUUID()}@desk.example`, capacity = 3) {
      return storage.handoff.createAgent({ id: `ag-${randomUUID()}`, email, name: 'Ada', role: 'agent', passwordHash: 'x', capacity });
    }
    async function escalated() {
      const c = await storage.createConversation(newConversation());
      const r = await storage.commitTurn({
        conversationId: c.id,
        expectedVersion: 0,
        messages: [],
        state: 'queued',
        escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
      });
      return r.escalation!;
    }

    it('stores agents with a lowercased unique email and capacity 3 by default', async () => {
      const a = await storage.handoff.createAgent({ id: 'ag1', email: ' Ada@Desk.Example ', name: 'Ada', role: 'admin', passwordHash: 'h' });
      expect(a).toMatchObject({ email: 'ada@desk.example', capacity: 3, disabled: false, role: 'admin' });
      expect(await storage.handoff.getAgentByEmail('ADA@desk.example')).toMatchObject({ id: 'ag1' });
      await expect(
        storage.handoff.createAgent({ id: 'ag2', email: 'ada@DESK.example', name: 'B', role: 'agent', passwordHash: 'h' }),
      ).rejects.toBeInstanceOf(AgentEmailTakenError);
      expect((await storage.handoff.listAgents()).map((x) => x.id)).toEqual(['ag1']);
    });

    it('keeps sessions until revoked', async () => {
      const a = await agent();
      await storage.handoff.createSession({ id: 'hash1', agentId: a.id, csrfToken: 'c1', expiresAt: clock.now() + 1000 });
      expect(await storage.handoff.getSession('hash1')).toMatchObject({ agentId: a.id, csrfToken: 'c1', revoked: false });
      await storage.handoff.revokeSession('hash1');
      expect(await storage.handoff.getSession('hash1')).toMatchObject({ revoked: true });
      expect(await storage.handoff.getSession('nope')).toBeUndefined();
    });

    it('counts sockets across nodes and remembers when the last one closed', async () => {
      const a = await agent();
      await storage.handoff.setPresenceStatus(a.id, 'online');
      await storage.handoff.socketOpened(a.id);
      await storage.handoff.socketOpened(a.id);
      clock.set(clock.now() + 5000);
      await storage.handoff.socketClosed(a.id);
      expect((await storage.handoff.listPresence())[0]).toMatchObject({ status: 'online', connections: 1 });
      expect((await storage.handoff.listPresence())[0]!.disconnectedAt).toBeUndefined();
      await storage.handoff.socketClosed(a.id);
      expect((await storage.handoff.listPresence())[0]).toMatchObject({ connections: 0, disconnectedAt: clock.now() });
      await storage.handoff.socketOpened(a.id);
      expect((await storage.handoff.listPresence())[0]!.disconnectedAt).toBeUndefined();
    });

    it('lets exactly one of two simultaneous claims win', async () => {
      const [a, b] = [await agent(), await agent()];
      const esc = await escalated();
      const results = await Promise.all([storage.handoff.claim(esc.id, a.id, 3), storage.handoff.claim(esc.id, b.id, 3)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: 'ALREADY_CLAIMED' });
      expect((await storage.listEscalations({ conversationId: esc.conversationId }))[0]!.status).toBe('assigned');
      expect(await storage.handoff.activeAssignments({ conversationId: esc.conversationId })).toHaveLength(1);
    });

    it('lets many agents race for many chats without double assignment', async () => {
      const agents = await Promise.all([1, 2, 3, 4].map(() => agent()));
      const escs = await Promise.all([1, 2, 3].map(() => escalated()));
      const results = await Promise.all(escs.flatMap((e) => agents.map((a) => storage.handoff.claim(e.id, a.id, 3))));
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(await storage.handoff.activeAssignments()).toHaveLength(3);
    });

    it('refuses a claim beyond the agent capacity, and one on a chat not queued', async () => {
      const a = await agent(undefined, 1);
      const [e1, e2] = [await escalated(), await escalated()];
      expect((await storage.handoff.claim(e1.id, a.id, 1)).ok).toBe(true);
      expect(await storage.handoff.claim(e2.id, a.id, 1)).toEqual({ ok: false, code: 'AT_CAPACITY' });
      expect((await storage.listEscalations({ conversationId: e2.conversationId }))[0]!.status).toBe('queued');
      expect(await storage.handoff.claim('missing', a.id, 1)).toEqual({ ok: false, code: 'NOT_IN_QUEUE' });
    });

    it('requeues with the original queue time, so the chat keeps its place', async () => {
      const a = await agent();
      const first = await escalated();
      clock.set(clock.now() + 60_000);
      const second = await escalated();
      await storage.handoff.claim(first.id, a.id, 3);
      clock.set(clock.now() + 60_000);
      const ended = await storage.handoff.endAssignment(first.id, 'requeued');
      expect(ended).toMatchObject({ agentId: a.id, conversationId: first.conversationId });
      const queued = await storage.listEscalations({ status: 'queued' });
      expect(queued.map((e) => e.id)).toEqual([first.id, second.id]);
      expect(queued[0]!.createdAt).toBe(first.createdAt);
      expect(await storage.handoff.endAssignment(first.id, 'requeued')).toBeUndefined();
    });

    it('ends assignments as released (cancelled) or closed', async () => {
      const a = await agent();
      const [e1, e2] = [await escalated(), await escalated()];
      await storage.handoff.claim(e1.id, a.id, 3);
      await storage.handoff.claim(e2.id, a.id, 3);
      await storage.handoff.endAssignment(e1.id, 'released');
      await storage.handoff.endAssignment(e2.id, 'closed', 'refund issued');
      expect((await storage.listEscalations({ conversationId: e1.conversationId }))[0]!.status).toBe('cancelled');
      expect((await storage.listEscalations({ conversationId: e2.conversationId }))[0]!.status).toBe('closed');
      expect(await storage.handoff.activeAssignments({ agentId: a.id })).toEqual([]);
    });

    it('transfers only from the owner and within the receiver capacity', async () => {
      const [a, b] = [await agent(), await agent(undefined, 1)];
      const [e1, e2] = [await escalated(), await escalated()];
      await storage.handoff.claim(e1.id, a.id, 3);
      await storage.handoff.claim(e2.id, a.id, 3);
      expect(await storage.handoff.transfer(e1.id, b.id, a.id, 3)).toEqual({ ok: false, code: 'NOT_IN_QUEUE' });
      const moved = await storage.handoff.transfer(e1.id, a.id, b.id, 1);
      expect(moved).toMatchObject({ ok: true, assignment: { agentId: b.id, transferredFrom: a.id } });
      expect(await storage.handoff.transfer(e2.id, a.id, b.id, 1)).toEqual({ ok: false, code: 'AT_CAPACITY' });
      expect((await storage.handoff.activeAssignments({ conversationId: e1.conversationId })).map((x) => x.agentId)).toEqual([b.id]);
    });

    it('reports recent pickup times, most recent last, for the wait estimate', async () => {
      const a = await agent(undefined, 10);
      const e1 = await escalated();
      clock.set(clock.now() + 30_000);
      await storage.handoff.claim(e1.id, a.id, 10);
      const e2 = await escalated();
      clock.set(clock.now() + 90_000);
      await storage.handoff.claim(e2.id, a.id, 10);
      expect(await storage.handoff.recentPickupSeconds(20)).toEqual([30, 90]);
      expect(await storage.handoff.recentPickupSeconds(1)).toEqual([90]);
      expect((await storage.handoff.lastAssignedAt())[a.id]).toBe(clock.now());
    });

    it('keeps internal notes per conversation and erases them with the conversation', async () => {
      const a = await agent();
      const e = await escalated();
      await storage.handoff.claim(e.id, a.id, 3);
      await storage.handoff.addNote({ id: 'n1', conversationId: e.conversationId, agentId: a.id, text: 'customer verified' });
      await storage.handoff.addNote({ id: 'n2', conversationId: 'other', agentId: a.id, text: 'x' });
      expect((await storage.handoff.listNotes(e.conversationId)).map((n) => n.text)).toEqual(['customer verified']);
      await storage.handoff.eraseConversation(e.conversationId);
      expect(await storage.handoff.listNotes(e.conversationId)).toEqual([]);
      expect(await storage.handoff.activeAssignments({ conversationId: e.conversationId })).toEqual([]);
      expect(await storage.handoff.listNotes('other')).toHaveLength(1);
    });
  });
}
