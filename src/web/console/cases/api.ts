/** The console's calls to the cases and feedback REST (docs/cases.md). */
import { createRest } from '../rest';
import type { CaseStatus, CaseView, FeedbackView } from './format';

export function createCasesApi(opts: { csrfToken(): string }) {
  const { call } = createRest(opts);
  return {
    list: (status?: CaseStatus) => call<{ cases: CaseView[] }>('GET', `/api/cases${status ? `?status=${encodeURIComponent(status)}` : ''}`),
    get: (id: string) => call<{ case: CaseView; feedback: FeedbackView[] }>('GET', `/api/cases/${encodeURIComponent(id)}`),
    setStatus: (id: string, status: CaseStatus) => call<{ case: CaseView }>('PATCH', `/api/cases/${encodeURIComponent(id)}`, { status }),
  };
}
export type CasesApi = ReturnType<typeof createCasesApi>;
