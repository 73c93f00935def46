import path from 'node:path';
import { buildApp } from '../../src/app';
import { formatSuiteReport } from '../../src/conversation-tests/report';
import { parseConversation } from '../../src/conversation-tests/format';
import { runConversation } from '../../src/conversation-tests/run';
import { loadConversationFiles, runSuite } from '../../src/conversation-tests/suite';
import { startRunTarget, type StartedTarget } from '../../src/conversation-tests/target';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { ROOT, testConfig } from '../helpers/app';

/**
 * The project's own conversation tests (conversations/*.yml) against the app as shipped: every
 * file must pass. A failure prints the same table and transcripts as `cli test-conversations`.
 */
describe('conversations/*.yml', () => {
  let target: StartedTarget;
  beforeAll(async () => {
    const config = testConfig();
    const { model } = await loadOrTrainModel({ intentsDir: config.intentsDir, dataDir: path.join(ROOT, 'test-output', 'model-cache') });
    target = await startRunTarget({ build: buildApp, config, model });
  }, 120_000);
  afterAll(async () => {
    await target?.close();
  });

  it('all pass', async () => {
    const files = loadConversationFiles(path.join(ROOT, 'conversations'));
    expect(files.length).toBeGreaterThan(0);
    const suite = await runSuite(files, target);
    const failed = suite.results.filter((r) => !r.passed).map((r) => r.file);
    if (failed.length > 0) {
      throw new Error(`${failed.length} conversation(s) failed: ${failed.join(', ')}\n\n${formatSuiteReport(suite)}`);
    }
    expect(suite.passed).toBe(files.length);
  }, 600_000);

  const play = (yml: string) => runConversation(parseConversation(yml, 'inline.yml'), target);

  it('fails a conversation whose outcome differs, saying what it expected and showing the transcript', async () => {
    const r = await play('turns:\n  - say: when will my refund arrive\nexpect:\n  article: security\n');
    expect(r.passed).toBe(false);
    expect(r.failures).toContain('no answer from the security category');
    expect(r.got).toMatch(/\(refund\)/);
    expect(r.transcript.map((l) => l.kind)).toEqual(expect.arrayContaining(['bot', 'customer']));
    expect(r.transcript.find((l) => l.kind === 'customer')?.text).toBe('when will my refund arrive');
  });

  it('fails on a quick reply that was not offered, naming the ones that were', async () => {
    const r = await play('turns:\n  - say: when will my refund arrive\n  - choose: Maybe later\nexpect:\n  article: refund\n');
    expect(r.passed).toBe(false);
    expect(r.failures[0]).toMatch(/turn 2 \(line 3\): no quick reply "Maybe later" was offered; offered: "Yes" \(yes\)/);
  });

  it('counts bot replies against maxBotReplies, and checks neverSays', async () => {
    const r = await play('turns:\n  - say: when will my refund arrive\nexpect:\n  article: refund\n  maxBotReplies: 1\n  neverSays: [refund]\n');
    expect(r.botReplies).toBe(1);
    expect(r.failures).toEqual([expect.stringMatching(/^the bot said "refund" \(seq \d+\)$/)]);
    const tight = await play('turns:\n  - say: hello\n  - say: when will my refund arrive\nexpect:\n  article: refund\n  maxBotReplies: 1\n');
    expect(tight.failures).toEqual(['took 2 bot replies; at most 1 allowed']);
  });

  it('resumes after a reconnect: missed messages come again, the same, and the chat goes on', async () => {
    const r = await play('turns:\n  - say: when will my refund arrive\n  - reconnect: { missed: 3 }\n  - choose: "yes"\nexpect:\n  article: refund\n');
    expect(r.failures).toEqual([]);
    expect(r.transcript.some((l) => l.kind === 'note' && /resuming after seq \d+/.test(l.text))).toBe(true);
    expect(r.transcript.filter((l) => l.kind === 'customer').map((l) => l.text)).toEqual(['when will my refund arrive', 'Yes']);
  });

  it('an offline desk is offline: a person asked for is not a met hand-off', async () => {
    const r = await play('agents: offline\nturns:\n  - say: i want to talk to a human\nexpect:\n  handoff: met\n');
    expect(r.passed).toBe(false);
    expect(r.failures).toContain('a met hand-off needs "agents: online"');
  });
});
