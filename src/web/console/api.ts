/**
 * REST calls the console makes: login, session check, logout, knowledge-base search. Every
 * state-changing request carries the session's CSRF token in `x-csrf-token`; cookies are
 * same-origin httpOnly, so this code never sees the session itself.
 */
import type { SessionInfo } from '../../protocol/agent';
import type { Static } from '@sinclair/typebox';
import type { ArticleHit as ArticleHitSchema } from '../../protocol/api/articles';
import type { FeedbackView } from '../../protocol/api/cases';
import { ApiError, createRest, readError } from './rest';

export { ApiError, readError } from './rest';

/** One `GET /api/articles` result (src/protocol/api/articles.ts). */
export type ArticleHit = Static<typeof ArticleHitSchema>;

/** What a login failure means for the person at the keyboard. */
export function loginErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'LOGIN_FAILED' || err.status === 401) return 'That email and password do not match an account. Check both and try again.';
    if (err.code === 'LOGIN_RATE_LIMITED' || err.status === 429) return 'Too many attempts. Wait a minute, then try again.';
    if (err.status === 400) return 'Enter your email address and password.';
    if (err.status >= 500) return 'The server had a problem. Try again in a moment.';
    return err.message || 'Could not log in.';
  }
  return 'Cannot reach the server. Check your connection and try again.';
}


/** A customer's end-of-chat rating (docs/cases.md; src/protocol/api/cases.ts). */
export type ChatFeedback = FeedbackView;

/** "★★☆☆☆ 2/5" for a rating. */
export function ratingText(rating: number): string {
  const r = Math.max(0, Math.min(5, Math.round(rating)));
  return `${'★'.repeat(r)}${'☆'.repeat(5 - r)} ${r}/5`;
}

/** The customer's ratings of one chat, newest first (`GET /api/feedback?conversationId=`; any agent role). */
export async function fetchFeedback(conversationId: string, base = ''): Promise<ChatFeedback[]> {
  const res = await fetch(`${base}/api/feedback?conversationId=${encodeURIComponent(conversationId)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw await readError(res);
  const body = (await res.json()) as { feedback: ChatFeedback[] };
  return [...body.feedback].sort((a, b) => b.createdAt - a.createdAt);
}

export function createApi(base = '') {
  let csrf = '';

  const { call } = createRest({ base, csrfToken: () => csrf });

  return {
    /** The session's CSRF token (for sections that make their own state-changing calls). */
    csrfToken(): string {
      return csrf;
    },
    async login(email: string, password: string): Promise<SessionInfo> {
      const info = await call<SessionInfo>('POST', '/api/auth/login', { email, password });
      csrf = info.csrfToken;
      return info;
    },
    /** The current session, or undefined when logged out. */
    async me(): Promise<SessionInfo | undefined> {
      try {
        const info = await call<SessionInfo>('GET', '/api/auth/me');
        csrf = info.csrfToken;
        return info;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return undefined;
        throw err;
      }
    },
    async logout(): Promise<void> {
      try {
        await call<void>('POST', '/api/auth/logout');
      } finally {
        csrf = '';
      }
    },
    /** Intent names the model knows, for "what was this about?". */
    async intents(): Promise<string[]> {
      const body = await call<{ intents: { name: string }[] }>('GET', '/api/training/intents');
      return body.intents.map((i) => i.name).sort();
    },
    /** Records the agent's answer to "what was this about?" as a labelled training example. */
    async labelIntent(conversationId: string, intent: string): Promise<void> {
      await call<unknown>('POST', `/api/conversations/${encodeURIComponent(conversationId)}/intent`, { intent });
    },
    /** Keeps an agent reply as a canned answer or a draft article (operators/admins). */
    async promote(input: { conversationId: string; messageId: string; kind: 'canned_answer' | 'kb_draft'; title: string }): Promise<void> {
      await call<unknown>('POST', '/api/training/promote', input);
    },
    async searchArticles(q: string, limit = 5): Promise<ArticleHit[]> {
      const body = await call<{ results: ArticleHit[] }>('GET', `/api/articles?q=${encodeURIComponent(q)}&limit=${limit}`);
      return body.results;
    },
  };
}

export type Api = ReturnType<typeof createApi>;
