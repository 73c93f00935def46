import { AccountError, createAccountService, type AccountStore } from '../../src/accounts/service';
import type { AgentRecord, AgentRole } from '../../src/storage/handoff';

/** An in-memory account store with just what the service uses. */
function fakeStore(): AccountStore & { revoked: string[] } {
  const agents = new Map<string, AgentRecord>();
  const revoked: string[] = [];
  return {
    revoked,
    async createAgent(input) {
      const a: AgentRecord = { capacity: 3, disabled: false, createdAt: agents.size, ...input };
      agents.set(a.id, a);
      return a;
    },
    async getAgent(id) {
      return agents.get(id);
    },
    async listAgents() {
      return [...agents.values()];
    },
    async updateAgent(id, patch) {
      const a = agents.get(id);
      if (!a) return undefined;
      Object.assign(a, patch);
      return a;
    },
    async deleteAgent(id) {
      return agents.delete(id);
    },
    async revokeAgentSessions(id) {
      revoked.push(id);
      return 1;
    },
    async setPasswordHash(id, hash) {
      agents.get(id)!.passwordHash = hash;
    },
    async setPresenceStatus(agentId, status) {
      return { agentId, status, connections: 0, lastSeenAt: 0 };
    },
  };
}

function setup() {
  const store = fakeStore();
  const published: Array<{ channel: string; event: unknown }> = [];
  const accounts = createAccountService({
    store,
    bus: { publish: async (channel, event) => void published.push({ channel, event }) },
    passwords: { hash: async (p) => `hash:${p}`, generate: () => `pw-${published.length}-${Math.random()}` },
  });
  const add = (id: string, role: AgentRole) => store.createAgent({ id, email: `${id}@x.example`, name: id, role, passwordHash: 'h' });
  return { store, published, accounts, add };
}

test('the only active admin cannot be disabled, demoted or removed (the CLI has no acting admin); with a second admin they can', async () => {
  const { accounts, add } = setup();
  await add('root', 'admin');
  for (const attempt of [() => accounts.disable('root'), () => accounts.setRole('root', 'agent'), () => accounts.remove('root')]) {
    await expect(attempt()).rejects.toMatchObject({ code: 'LAST_ADMIN' });
  }
  await add('second', 'admin');
  await expect(accounts.setRole('root', 'operator')).resolves.toMatchObject({ role: 'operator' });
  await expect(accounts.disable('second')).rejects.toBeInstanceOf(AccountError);
});

test('a disabled admin does not count as the remaining admin', async () => {
  const { accounts, add } = setup();
  await add('a', 'admin');
  await add('b', 'admin');
  await accounts.disable('b');
  await expect(accounts.remove('a')).rejects.toMatchObject({ code: 'LAST_ADMIN' });
  // b is disabled, so removing it takes no rights away
  await expect(accounts.remove('b')).resolves.toBeUndefined();
});

test('every change that takes rights away revokes sessions and tells every node, with the reason', async () => {
  const { accounts, add, store, published } = setup();
  await add('admin', 'admin');
  await add('ag', 'agent');
  await accounts.setRole('ag', 'operator', 'admin');
  await accounts.resetPassword('ag');
  await accounts.disable('ag', 'admin');
  await accounts.remove('ag', 'admin');
  expect(store.revoked).toEqual(['ag', 'ag', 'ag', 'ag']);
  expect(published.map((p) => [p.channel, (p.event as { reason: string }).reason])).toEqual([
    ['handoff:agent:ag', 'role_changed'],
    ['handoff:agent:ag', 'password_reset'],
    ['handoff:agent:ag', 'disabled'],
    ['handoff:agent:ag', 'removed'],
  ]);
  // setting the role an account already has changes nothing and ends no session
  await add('op', 'operator');
  await accounts.setRole('op', 'operator', 'admin');
  expect(store.revoked).toHaveLength(4);
});

test('unknown ids are NOT_FOUND; views never include the password hash', async () => {
  const { accounts, add } = setup();
  await add('x', 'agent');
  await expect(accounts.disable('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  for (const a of await accounts.list()) expect(a).not.toHaveProperty('passwordHash');
});
