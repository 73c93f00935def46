import { createHash, randomBytes } from 'node:crypto';
import type { AgentRecord, HandoffStore, SessionRecord } from '../../storage/handoff';
import { hashPassword, needsRehash, verifyPassword } from './password';

/** Sessions last this long (12 h: one long shift). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionAuthDeps {
  store: HandoffStore;
  /** Epoch ms. */
  clock: () => number;
  /** Default {@link SESSION_TTL_MS}. */
  ttlMs?: number;
}

export interface ActiveSession {
  agent: AgentRecord;
  session: SessionRecord;
}

/** The stored session id: sha256 of the cookie token, so a database leak yields no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A hash to compare against when the email is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;

/**
 * Agent sessions: opaque random cookie tokens, stored only as their sha256, each with its own CSRF
 * token. Nothing is signed, so no server secret is needed.
 */
export function createSessionAuth({ store, clock, ttlMs = SESSION_TTL_MS }: SessionAuthDeps) {
  return {
    /** Checks the password and opens a session; undefined for a wrong email or password (same answer). */
    async login(email: string, password: string): Promise<(ActiveSession & { token: string }) | undefined> {
      const agent = await store.getAgentByEmail(email);
      if (!agent || agent.disabled) {
        dummyHash ??= hashPassword('not-a-real-password');
        await verifyPassword(password, await dummyHash);
        return undefined;
      }
      if (!(await verifyPassword(password, agent.passwordHash))) return undefined;
      if (needsRehash(agent.passwordHash)) await store.setPasswordHash(agent.id, await hashPassword(password));
      const token = randomBytes(32).toString('base64url');
      const session = await store.createSession({
        id: sessionIdOf(token),
        agentId: agent.id,
        csrfToken: randomBytes(24).toString('base64url'),
        expiresAt: clock() + ttlMs,
      });
      return { token, agent, session };
    },

    /** The live session a cookie token belongs to, or undefined (unknown, revoked, expired, agent disabled). */
    async resolve(token: string | undefined): Promise<ActiveSession | undefined> {
      if (!token || token.length > 200) return undefined;
      const session = await store.getSession(sessionIdOf(token));
      if (!session || session.revoked || session.expiresAt <= clock()) return undefined;
      const agent = await store.getAgent(session.agentId);
      if (!agent || agent.disabled) return undefined;
      return { agent, session };
    },

    async logout(sessionId: string): Promise<void> {
      await store.revokeSession(sessionId);
    },
  };
}

export type SessionAuth = ReturnType<typeof createSessionAuth>;
