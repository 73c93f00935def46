/**
 * The JSON-over-fetch call every console section's REST client makes: same-origin cookies, the
 * session's CSRF token on every state-changing request, the server's `{code, message}` error body
 * as an ApiError.
 */
import { CSRF_HEADER } from '../../protocol/agent';
import { readError } from './api';

export interface RestOptions {
  /** The session's CSRF token, read at call time (it changes on re-login). */
  csrfToken(): string;
  /** Prefix for the paths. Default '' (same origin). */
  base?: string;
}

/** A successful answer with its status, for calls whose meaning depends on it (201 vs 200). */
export interface RestAnswer<T> {
  status: number;
  body: T;
}

/**
 * @example const rest = createRest({ csrfToken: ctx.csrfToken }); const { cases } = await rest.call<{ cases: CaseView[] }>('GET', '/api/cases');
 */
export function createRest(opts: RestOptions) {
  const base = opts.base ?? '';
  async function send<T>(method: string, path: string, body?: unknown): Promise<RestAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers[CSRF_HEADER] = opts.csrfToken();
    const res = await fetch(base + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw await readError(res);
    return { status: res.status, body: (await res.json()) as T };
  }
  return {
    base,
    send,
    /** The answer's body; throws ApiError on a non-2xx status. */
    call: async <T>(method: string, path: string, body?: unknown): Promise<T> => (await send<T>(method, path, body)).body,
  };
}

export type Rest = ReturnType<typeof createRest>;
