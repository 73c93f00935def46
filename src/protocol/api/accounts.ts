/** Staff accounts, admins only (`/api/accounts`, docs/agent-protocol.md). */
import { Type, type Static } from '@sinclair/typebox';
import { AgentRole } from './auth';

export const AccountView = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: AgentRole,
    capacity: Type.Integer({ description: 'Most chats at once.' }),
    disabled: Type.Boolean(),
    createdAt: Type.Integer(),
  },
  { additionalProperties: false },
);
export type AccountView = Static<typeof AccountView>;

export const AccountList = Type.Object({ accounts: Type.Array(AccountView) });

export const NewAccountBody = Type.Object(
  {
    email: Type.String({ maxLength: 254, pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$', examples: ['ada@desk.example'] }),
    name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', examples: ['Ada'] }),
    role: AgentRole,
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 3 })),
  },
  { additionalProperties: false },
);
export type NewAccountBody = Static<typeof NewAccountBody>;

/**
 * Exactly one of the two (the route refuses any other key). Not a union of closed objects: with
 * fastify's `removeAdditional`, ajv would strip `disabled` while trying the `role` branch.
 */
export const AccountPatchBody = Type.Object(
  { role: Type.Optional(AgentRole), disabled: Type.Optional(Type.Boolean()) },
  { minProperties: 1, maxProperties: 1, examples: [{ role: 'operator' }, { disabled: true }] },
);
export type AccountPatchBody = Static<typeof AccountPatchBody>;

export const AccountAnswer = Type.Object({ account: AccountView });
/** A new or reset account: the one-time password, shown once. */
export const AccountWithPassword = Type.Object({ account: AccountView, password: Type.String() });
