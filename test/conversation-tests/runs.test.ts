import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationTestRuns } from '../../src/conversation-tests/runs';

describe('createConversationTestRuns', () => {
  const never = () => Promise.reject(new Error('should not start the app'));

  it('a missing folder fails the run with the reason, without starting the app', async () => {
    const runs = createConversationTestRuns({ dir: '/nonexistent/conversations', startTarget: never });
    runs.start();
    await runs.idle();
    expect(runs.latest()).toMatchObject({ status: 'failed', error: expect.stringMatching(/cannot read the conversations folder \/nonexistent\/conversations/) });
  });

  it('an empty folder is a finished run of nothing, and a new run may start after it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'empty-conversations-'));
    try {
      const runs = createConversationTestRuns({ dir, startTarget: never });
      const first = runs.start();
      await runs.idle();
      expect(runs.latest()).toMatchObject({ id: first.id, status: 'done', total: 0, results: [] });
      expect(runs.start().id).not.toBe(first.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an app that cannot start fails the run and says why', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'one-conversation-'));
    writeFileSync(path.join(dir, 'a.yml'), 'turns: [{say: hi}]\nexpect: {article: refund}\n');
    try {
      const runs = createConversationTestRuns({ dir, startTarget: () => Promise.reject(new Error('port in use')) });
      runs.start();
      expect(() => runs.start()).toThrow(/already in progress/);
      await runs.idle();
      expect(runs.latest()).toMatchObject({ status: 'failed', total: 1, error: 'the run stopped: port in use' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
