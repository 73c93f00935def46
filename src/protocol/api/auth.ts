/** `/api/auth/*`: log in, who am I, log out (docs/agent-protocol.md). */
import { StringEnum } from './params';
import { Type, type Static } from '@sinclair/typebox';

export const AgentRole = StringEnum(['agent', 'operator', 'admin']);

export const AgentProfile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: AgentRole,
});

export const LoginBody = Type.Object(
  {
    email: Type.String({ maxLength: 320, examples: ['ada@desk.example'] }),
    password: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** Answer of login and `me`. Send `csrfToken` as the `x-csrf-token` header on every state-changing request. */
export const SessionInfo = Type.Object({ agent: AgentProfile, csrfToken: Type.String() }, { additionalProperties: false });
export type SessionInfo = Static<typeof SessionInfo>;
