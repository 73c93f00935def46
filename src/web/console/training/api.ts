/**
 * The console's calls to /api/training (docs/training.md). State-changing calls carry the
 * session's CSRF token; errors come back as ApiError with the server's code.
 */
import { ApiError } from '../api';
import { createRest, type RestOptions } from '../rest';
import { triageQuery } from './format';
import type { InboxPage, IntentInfo, LabelChoice, LabelInfo, ModelVersion, ThresholdsPage, TrainingRun, TriageFilter } from './types';

export type TrainingApiOptions = RestOptions;

/** @example const api = createTrainingApi({ csrfToken: ctx.csrfToken }); await api.inbox({ reason: 'handoff' }) */
export function createTrainingApi(opts: TrainingApiOptions) {
  const { base, call } = createRest(opts);
  const enc = encodeURIComponent;
  return {
    inbox: (filter: TriageFilter) => call<InboxPage>('GET', `/api/training/triage${triageQuery(filter)}`),
    intents: async () => (await call<{ intents: IntentInfo[] }>('GET', '/api/training/intents')).intents,
    label: async (itemIds: string[], choice: LabelChoice) => (await call<{ labels: LabelInfo[] }>('POST', '/api/training/labels', { itemIds, ...choice })).labels,
    startRun: async () => (await call<{ run: TrainingRun }>('POST', '/api/training/runs')).run,
    runs: async () => (await call<{ runs: TrainingRun[] }>('GET', '/api/training/runs')).runs,
    run: async (id: string) => (await call<{ run: TrainingRun }>('GET', `/api/training/runs/${enc(id)}`)).run,
    versions: async () => (await call<{ versions: ModelVersion[] }>('GET', '/api/training/models')).versions,
    version: async (id: string) => (await call<{ version: ModelVersion }>('GET', `/api/training/models/${enc(id)}`)).version,
    reportUrl: (id: string) => `${base}/api/training/models/${enc(id)}/report.html`,
    reliabilityUrl: (id: string) => `${base}/api/training/models/${enc(id)}/reliability.svg`,
    activate: (id: string) => call<{ active: string }>('POST', `/api/training/models/${enc(id)}/activate`),
    rollback: () => call<{ active: string | null }>('POST', '/api/training/models/rollback'),
    thresholds: () => call<ThresholdsPage>('GET', '/api/training/thresholds'),
    setThreshold: (intent: string, threshold: number | null) => call<{ intent: string; threshold: number | null }>('PUT', `/api/training/thresholds/${enc(intent)}`, { threshold }),
  };
}

export type TrainingApi = ReturnType<typeof createTrainingApi>;

const ERRORS: Record<string, string> = {
  TRAINING_IN_PROGRESS: 'A retrain is already running. Wait for it to finish.',
  NOTHING_TO_ROLL_BACK: 'The built-in model is active: there is nothing to roll back to.',
  UNAUTHENTICATED: 'Your session ended. Reload the page and log in again.',
  FORBIDDEN: 'Only operators and admins can do this.',
};

/** An error as a sentence for the person at the keyboard. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (ERRORS[err.code]) return ERRORS[err.code] as string;
    if (err.status >= 500) return 'The server had a problem. Try again in a moment.';
    return err.message || `Request failed (${err.status}).`;
  }
  return 'Cannot reach the server. Check your connection and try again.';
}
