import type { Storage } from '../../src/storage/types';
import { testClock, type TestClock } from './handoff.contract';

/** Account administration every adapter's hand-off store must support (role, disable, remove, sessions). */
export function accountsContract(name: string, make: (clock: TestClock) => Promise<Storage>, cleanup: (s: Storage) => Promise<void>): void {
  describe(`Accounts contract: ${name}`, () => {
    let storage: Storage;
    let clock: TestClock;
    beforeEach(async () => {
      clock = testClock();
      storage = await make(clock);
    });
    afterEach(async () => {
      await cleanup(storage);
    });

    const add = (id: string) => storage.handoff.createAgent({ id, email: `${id}@desk.example`, name: 'Ada', role: 'agent', passwordHash: 'h' });

    it('changes only the fields given; an unknown id answers undefined', async () => {
      await add('ag1');
      expect(await storage.handoff.updateAgent('ag1', { role: 'operator' })).toMatchObject({ id: 'ag1', role: 'operator', name: 'Ada', capacity: 3, disabled: false });
      expect(await storage.handoff.updateAgent('ag1', { disabled: true, capacity: 5 })).toMatchObject({ role: 'operator', capacity: 5, disabled: true });
      expect(await storage.handoff.updateAgent('ag1', { disabled: false })).toMatchObject({ disabled: false, capacity: 5 });
      expect(await storage.handoff.getAgent('ag1')).toMatchObject({ role: 'operator', capacity: 5, disabled: false });
      expect(await storage.handoff.updateAgent('nobody', { role: 'admin' })).toBeUndefined();
    });

    it('revokes every live session of one agent and counts them, leaving other agents signed in', async () => {
      await add('ag1');
      await add('ag2');
      const at = clock.now();
      await storage.handoff.createSession({ id: 's1', agentId: 'ag1', csrfToken: 'c', expiresAt: at + 1000 });
      await storage.handoff.createSession({ id: 's2', agentId: 'ag1', csrfToken: 'c', expiresAt: at + 1000 });
      await storage.handoff.createSession({ id: 's3', agentId: 'ag1', csrfToken: 'c', expiresAt: at - 1 }); // expired
      await storage.handoff.createSession({ id: 's4', agentId: 'ag2', csrfToken: 'c', expiresAt: at + 1000 });
      expect(await storage.handoff.revokeAgentSessions('ag1')).toBe(2);
      expect(await storage.handoff.getSession('s1')).toMatchObject({ revoked: true });
      expect(await storage.handoff.getSession('s2')).toMatchObject({ revoked: true });
      expect(await storage.handoff.getSession('s4')).toMatchObject({ revoked: false });
      expect(await storage.handoff.revokeAgentSessions('ag1')).toBe(0);
    });

    it('deletes an account with its sessions and presence; its notes stay', async () => {
      await add('ag1');
      await storage.handoff.createSession({ id: 's1', agentId: 'ag1', csrfToken: 'c', expiresAt: clock.now() + 1000 });
      await storage.handoff.setPresenceStatus('ag1', 'online');
      const note = await storage.handoff.addNote({ id: 'n1', conversationId: 'c1', agentId: 'ag1', text: 'VIP' });
      expect(await storage.handoff.deleteAgent('ag1')).toBe(true);
      expect(await storage.handoff.getAgent('ag1')).toBeUndefined();
      expect(await storage.handoff.getSession('s1')).toBeUndefined();
      expect((await storage.handoff.listPresence()).map((p) => p.agentId)).not.toContain('ag1');
      expect((await storage.handoff.listNotes('c1')).map((n) => n.id)).toEqual([note.id]);
      expect(await storage.handoff.deleteAgent('ag1')).toBe(false);
    });
  });
}
