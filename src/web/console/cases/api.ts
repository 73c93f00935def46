/** The console's calls to the cases and feedback REST (docs/cases.md). */
import { CSRF_HEADER } from '../../../protocol/agent';
import { readError } from '../api';
import type { CaseStatus, CaseView, FeedbackView } from './format';


export function createCasesApi(opts: { csrfToken(): string }) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers[CSRF_HEADER] = opts.csrfToken();
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw await readError(res);
    return (await res.json()) as T;
  }
  return {
    list: (status?: CaseStatus) => call<{ cases: CaseView[] }>('GET', `/api/cases${status ? `?status=${encodeURIComponent(status)}` : ''}`),
    get: (id: string) => call<{ case: CaseView; feedback: FeedbackView[] }>('GET', `/api/cases/${encodeURIComponent(id)}`),
    setStatus: (id: string, status: CaseStatus) => call<{ case: CaseView }>('PATCH', `/api/cases/${encodeURIComponent(id)}`, { status }),
  };
}
export type CasesApi = ReturnType<typeof createCasesApi>;
