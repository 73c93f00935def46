/**
 * The JSON-over-fetch call every console section's REST client makes: same-origin cookies, the
 * session's CSRF token on every state-changing request, the server's `{code, message}` error body
 * as an ApiError.
 */
import { CSRF_HEADER } from '../../protocol/agent';

/** A failed call: `code` from the server's error body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server's error body (`{code, message}`) as an ApiError; shared by every console API client. */
export async function readError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; error?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, code, message);
}

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
    const token = method === 'GET' || method === 'HEAD' ? '' : opts.csrfToken();
    if (token) headers[CSRF_HEADER] = token;
    const res = await fetch(base + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw await readError(res);
    return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as T };
  }
  return {
    base,
    send,
    /** The answer's body (undefined for 204); throws ApiError on a non-2xx status. */
    call: async <T>(method: string, path: string, body?: unknown): Promise<T> => (await send<T>(method, path, body)).body,
  };
}

export type Rest = ReturnType<typeof createRest>;
