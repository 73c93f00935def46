/** The console's calls to the staff-accounts REST (docs/agent-protocol.md, admins only). */
import type { AgentRole } from '../../../protocol/agent';
import type { AccountView } from '../../../protocol/api/accounts';
import { createRest } from '../rest';

export type { AccountView } from '../../../protocol/api/accounts';

export function createTeamApi(opts: { csrfToken(): string }) {
  const { call } = createRest(opts);
  const one = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;
  return {
    list: () => call<{ accounts: AccountView[] }>('GET', '/api/accounts'),
    create: (input: { email: string; name: string; role: AgentRole; capacity: number }) =>
      call<{ account: AccountView; password: string }>('POST', '/api/accounts', input),
    setRole: (id: string, role: AgentRole) => call<{ account: AccountView }>('PATCH', one(id), { role }),
    setDisabled: (id: string, disabled: boolean) => call<{ account: AccountView }>('PATCH', one(id), { disabled }),
    resetPassword: (id: string) => call<{ account: AccountView; password: string }>('POST', `${one(id)}/reset-password`),
    remove: (id: string) => call<void>('DELETE', one(id)),
  };
}
export type TeamApi = ReturnType<typeof createTeamApi>;
