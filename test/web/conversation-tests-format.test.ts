import type { ConversationTestRun } from '../../src/protocol/conversation-tests';
import { gotText, runSummary, runTiming } from '../../src/web/console/conversation-tests/format';

const result = (passed: boolean) => ({ file: 'a.yml', title: 'A', passed, failures: passed ? [] : ['no hand-off was recorded'], expected: 'hand-off met', got: 'articles x (refund)', botReplies: 1, transcript: [], ms: 5 });
const run = (over: Partial<ConversationTestRun>): ConversationTestRun => ({ id: 'r', status: 'done', dir: '/srv/conversations', total: 2, results: [], passed: 0, failed: 0, startedAt: 1_000, ...over });

describe('conversation tests wording', () => {
  it('says how far a run is, how it ended, or that the folder is empty', () => {
    expect(runSummary(run({ status: 'running', total: 70, results: [result(true)] }))).toBe('Running… 1 of 70 done');
    expect(runSummary(run({ status: 'running', total: 0 }))).toBe('Starting the run…');
    expect(runSummary(run({ passed: 2 }))).toBe('2 conversations: 2 passed, all passed.');
    expect(runSummary(run({ passed: 1, failed: 1 }))).toBe('2 conversations: 1 passed, 1 failed.');
    expect(runSummary(run({ total: 0 }))).toMatch(/^No conversation tests in \/srv\/conversations\. Add \*\.yml files/);
    expect(runSummary(run({ status: 'failed', error: 'cannot read the folder' }))).toBe('The run stopped: cannot read the folder');
  });

  it('says when a run finished and how long it took', () => {
    expect(runTiming(run({ finishedAt: 15_200 }), 20_000)).toBe('Finished just now, took 14.2 s.');
    expect(runTiming(run({ finishedAt: 15_200 }), 15_200 + 3 * 60_000)).toBe('Finished 3 minutes ago, took 14.2 s.');
    expect(runTiming(run({ status: 'running' }), 0)).toBe('');
  });

  it('shows what happened with the replies it took, or the first reason when nothing ran', () => {
    expect(gotText(result(true))).toBe('articles x (refund); 1 bot reply');
    expect(gotText({ ...result(false), got: '', failures: ['x.yml:2: turns: is required'] })).toBe('x.yml:2: turns: is required');
  });
});
