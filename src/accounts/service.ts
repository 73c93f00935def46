/**
 * Staff account administration (admins, from the console or the CLI): create, change role,
 * disable and enable, reset a password, remove. Every change that takes rights away ends the
 * account's sessions and tells every node to close its sockets at once, so a disabled agent
 * cannot send one more message.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/types';
import { handoffChannels } from '../handoff/channels';
import { AgentEmailTakenError, type AgentRecord, type AgentRole, type HandoffStore } from '../storage/handoff';

export type AccountStore = Pick<
  HandoffStore,
  'createAgent' | 'getAgent' | 'listAgents' | 'updateAgent' | 'deleteAgent' | 'revokeAgentSessions' | 'setPasswordHash' | 'setPresenceStatus'
>;

export interface AccountServiceDeps {
  store: AccountStore;
  /** Where "close this account's sockets" is published; every node's agent sockets listen. */
  bus: Pick<Bus, 'publish'>;
  passwords: { hash(password: string): Promise<string>; generate(): string };
}

/** Why an account change was refused; `code` is the stable error code of the catalogue. */
export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly code: 'NOT_FOUND' | 'EMAIL_TAKEN' | 'SELF_CHANGE' | 'LAST_ADMIN',
    message: string,
  ) {
    super(message);
  }
}

/** Why an account's sockets were closed; the console says it in words. */
export type AccountEndReason = 'disabled' | 'removed' | 'role_changed' | 'password_reset';

/** The account as admins see it: never the password hash. */
export type AccountView = Omit<AgentRecord, 'passwordHash'>;
const view = ({ passwordHash: _hidden, ...rest }: AgentRecord): AccountView => rest;

export function createAccountService(deps: AccountServiceDeps) {
  const { store, bus } = deps;

  async function existing(id: string): Promise<AgentRecord> {
    const agent = await store.getAgent(id);
    if (!agent) throw new AccountError('NOT_FOUND', 'No account has this id.');
    return agent;
  }

  /** Refuses a change that would leave nobody able to administer accounts, or lock the admin out. */
  async function guardAdmins(target: AgentRecord, actorId: string | undefined, takesAdminAway: boolean): Promise<void> {
    if (actorId === target.id) throw new AccountError('SELF_CHANGE', 'You cannot disable, remove or demote your own account; ask another admin.');
    if (!takesAdminAway || target.role !== 'admin' || target.disabled) return;
    const admins = (await store.listAgents()).filter((a) => a.role === 'admin' && !a.disabled);
    if (admins.length <= 1) throw new AccountError('LAST_ADMIN', 'This is the only active admin; make another admin first.');
  }

  /** Revokes every session and closes every socket of the account, on every node. */
  async function endSessions(agentId: string, reason: AccountEndReason): Promise<void> {
    await store.revokeAgentSessions(agentId);
    await bus.publish(handoffChannels.agent(agentId), { type: 'account-ended', reason });
  }

  return {
    async list(): Promise<AccountView[]> {
      return (await store.listAgents()).map(view);
    },

    /** Creates an account with a generated one-time password (shown once to the admin). */
    async create(input: { email: string; name: string; role: AgentRole; capacity?: number }): Promise<{ account: AccountView; password: string }> {
      const password = deps.passwords.generate();
      try {
        const agent = await store.createAgent({ id: `agent_${randomUUID()}`, ...input, passwordHash: await deps.passwords.hash(password) });
        return { account: view(agent), password };
      } catch (err) {
        if (err instanceof AgentEmailTakenError) throw new AccountError('EMAIL_TAKEN', `An account with email ${err.email} already exists.`);
        throw err;
      }
    },

    /** A new role; the account's sessions end so its next login gets the new rights. */
    async setRole(id: string, role: AgentRole, actorId?: string): Promise<AccountView> {
      const target = await existing(id);
      if (target.role === role) return view(target);
      await guardAdmins(target, actorId, role !== 'admin');
      const updated = (await store.updateAgent(id, { role }))!;
      await endSessions(id, 'role_changed');
      return view(updated);
    },

    /** Disabled: cannot log in; open sessions and sockets end now; presence goes offline. */
    async disable(id: string, actorId?: string): Promise<AccountView> {
      const target = await existing(id);
      await guardAdmins(target, actorId, true);
      const updated = (await store.updateAgent(id, { disabled: true }))!;
      await store.setPresenceStatus(id, 'offline');
      await endSessions(id, 'disabled');
      return view(updated);
    },

    async enable(id: string): Promise<AccountView> {
      await existing(id);
      return view((await store.updateAgent(id, { disabled: false }))!);
    },

    /** A new generated password (returned once); every old session ends. */
    async resetPassword(id: string): Promise<{ account: AccountView; password: string }> {
      const target = await existing(id);
      const password = deps.passwords.generate();
      await store.setPasswordHash(id, await deps.passwords.hash(password));
      await endSessions(id, 'password_reset');
      return { account: view(target), password };
    },

    /** Deletes the account; its chats, notes and messages keep its id and name. */
    async remove(id: string, actorId?: string): Promise<void> {
      const target = await existing(id);
      await guardAdmins(target, actorId, true);
      await endSessions(id, 'removed');
      await store.deleteAgent(id);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
