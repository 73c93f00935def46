import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConversationTestRun } from '../../src/protocol/conversation-tests';
import { startTestApp, type TestApp } from '../helpers/app';
import { rest, signedIn, type LoggedIn } from './agent-helpers';

describe('/api/conversation-tests/run', () => {
  let t: TestApp;
  let dir: string;
  let operator: LoggedIn;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'conversations-'));
    writeFileSync(path.join(dir, 'a-refund.yml'), 'turns:\n  - say: how long does a refund take\nexpect:\n  article: refund\n');
    writeFileSync(path.join(dir, 'b-wrong.yml'), 'title: Expects the wrong topic\nturns:\n  - say: how long does a refund take\nexpect:\n  article: security\n');
    writeFileSync(path.join(dir, 'c-broken.yml'), 'turns:\n  - shout: hi\nexpect:\n  article: refund\n');
    t = await startTestApp({ conversationsDir: dir });
    operator = await signedIn(t, 'Olive', 'operator');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function finished(who: LoggedIn): Promise<ConversationTestRun> {
    for (let i = 0; i < 300; i++) {
      const { body } = await rest<{ run: ConversationTestRun }>(t, who, 'GET', '/api/conversation-tests/run');
      if (body.run.status !== 'running') return body.run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the run did not finish');
  }

  it('is for operators and admins only', async () => {
    const agent = await signedIn(t, 'Aaron', 'agent');
    expect((await rest(t, agent, 'GET', '/api/conversation-tests/run')).status).toBe(403);
    expect((await rest(t, agent, 'POST', '/api/conversation-tests/run')).status).toBe(403);
    expect((await rest(t, undefined, 'GET', '/api/conversation-tests/run')).status).toBe(401);
  });

  it('says null before the first run, runs the folder in the background, one run at a time, with every result', async () => {
    expect((await rest(t, operator, 'GET', '/api/conversation-tests/run')).body).toEqual({ run: null });
    const started = await rest<{ run: ConversationTestRun }>(t, operator, 'POST', '/api/conversation-tests/run');
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ status: 'running', dir, results: [] });
    const again = await rest(t, operator, 'POST', '/api/conversation-tests/run');
    expect(again).toMatchObject({ status: 409, body: { code: 'TESTS_IN_PROGRESS' } });

    const run = await finished(operator);
    expect(run).toMatchObject({ id: started.body.run.id, status: 'done', total: 3, passed: 1, failed: 2 });
    expect(run.results.map((r) => [r.file, r.passed])).toEqual([['a-refund.yml', true], ['b-wrong.yml', false], ['c-broken.yml', false]]);
    expect(run.results[1]!.failures).toContain('no answer from the security category');
    expect(run.results[1]!.transcript.some((l) => l.kind === 'customer' && l.text === 'how long does a refund take')).toBe(true);
    expect(run.results[2]!.failures[0]).toMatch(/c-broken\.yml:2: turns\[0\]\.shout: unknown turn/);

    const admin = await signedIn(t, 'Ada', 'admin');
    const second = await rest<{ run: ConversationTestRun }>(t, admin, 'POST', '/api/conversation-tests/run');
    expect(second.status).toBe(202);
    expect(second.body.run.id).not.toBe(run.id);
    expect((await finished(admin)).passed).toBe(1);
  }, 120_000);

  it('the customers of the server itself never see the test conversations', async () => {
    const list = await rest<{ conversations: unknown[] }>(t, operator, 'GET', '/api/conversations');
    expect(list.status).toBe(200);
    expect(list.body.conversations).toEqual([]);
  });
});
