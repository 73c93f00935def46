/** Pure wording of the Conversation tests section (unit-tested in test/web). */
import type { ConversationTestRun } from '../../../protocol/conversation-tests';

/** "Running… 12 of 70 done" while running; the totals once over. */
export function runSummary(run: ConversationTestRun): string {
  if (run.status === 'running') return run.total > 0 ? `Running… ${run.results.length} of ${run.total} done` : 'Starting the run…';
  if (run.status === 'failed') return `The run stopped: ${run.error ?? 'unknown reason'}`;
  if (run.total === 0) return `No conversation tests in ${run.dir}. Add *.yml files there (see docs/conversation-tests.md).`;
  const failed = run.failed === 0 ? 'all passed' : `${run.failed} failed`;
  return `${run.total} conversations: ${run.passed} passed, ${failed}.`;
}

/** "ran 3 min ago, took 14.2 s" for a finished run. */
export function runTiming(run: ConversationTestRun, now: number): string {
  if (run.finishedAt === undefined) return '';
  const ago = Math.max(0, Math.round((now - run.finishedAt) / 60_000));
  const took = ((run.finishedAt - run.startedAt) / 1000).toFixed(1);
  return `Finished ${ago === 0 ? 'just now' : ago === 1 ? '1 minute ago' : `${ago} minutes ago`}, took ${took} s.`;
}

/** The "got" cell: what happened, with the bot replies it took. */
export function gotText(r: ConversationTestRun['results'][number]): string {
  if (!r.got) return r.failures[0] ?? '';
  return r.botReplies !== undefined ? `${r.got}; ${r.botReplies} bot ${r.botReplies === 1 ? 'reply' : 'replies'}` : r.got;
}
