/** The Conversation tests section's REST calls (docs/conversation-tests.md). */
import type { ConversationTestRun } from '../../../protocol/conversation-tests';
import { createRest, type RestOptions } from '../rest';

/** @example const api = createConversationTestsApi({ csrfToken: ctx.csrfToken }); const { run } = await api.start(); */
export function createConversationTestsApi(opts: RestOptions) {
  const { call } = createRest(opts);
  return {
    /** The running or last run on this server; null before the first. */
    latest: () => call<{ run: ConversationTestRun | null }>('GET', '/api/conversation-tests/run'),
    /** Starts a run of every file in the server's folder. */
    start: () => call<{ run: ConversationTestRun }>('POST', '/api/conversation-tests/run'),
  };
}

export type ConversationTestsApi = ReturnType<typeof createConversationTestsApi>;
