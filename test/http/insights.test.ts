/**
 * GET /api/insights over the real app (SQLite, real login): who may read the weekly figures, how
 * bad parameters are refused, and that the current week counts what was stored, with the model
 * activations of the range.
 */
import { randomUUID } from 'node:crypto';
import { INSIGHTS_WEEK_MS, type Insights } from '../../src/protocol/insights';
import type { EscalationReason } from '../../src/storage/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { rest, signedIn, type LoggedIn } from './agent-helpers';

describe('GET /api/insights: the operators’ weekly figures', () => {
  let t: TestApp;
  let operator: LoggedIn;
  let admin: LoggedIn;
  let agent: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    operator = await signedIn(t, 'Olive', 'operator');
    admin = await signedIn(t, 'Ada', 'admin');
    agent = await signedIn(t, 'Aaron', 'agent');
  });
  afterAll(async () => {
    await t.close();
  });

  const insights = <T = Insights>(who: LoggedIn | undefined, query = '') => rest<T>(t, who, 'GET', `/api/insights${query}`);

  async function chat(opts: { escalate?: EscalationReason[]; rating?: number[] } = {}): Promise<void> {
    const id = `c-${randomUUID()}`;
    await t.storage.createConversation({ id, tokenHash: `h-${id}`, state: 'bot', snapshot: {}, context: {} });
    await t.storage.commitTurn({ conversationId: id, expectedVersion: 0, messages: [{ id: 'm1', from: 'customer', text: 'where is my refund' }] });
    for (const reason of opts.escalate ?? []) {
      const c = (await t.storage.getConversation(id))!;
      await t.storage.commitTurn({ conversationId: id, expectedVersion: c.version, messages: [], state: 'queued', escalation: { reason, priority: 'normal', summary: {} } });
      const open = await t.storage.listEscalations({ conversationId: id, status: 'queued' });
      for (const e of open) await t.storage.updateEscalationStatus(e.id, 'closed', { from: ['queued'] });
    }
    for (const rating of opts.rating ?? []) await t.storage.cases.addFeedback({ conversationId: id, rating });
  }

  it('is for operators and admins: 401 signed out, 403 for an agent', async () => {
    expect((await insights(undefined)).status).toBe(401);
    expect((await insights(agent)).status).toBe(403);
    expect((await insights(admin)).status).toBe(200);
  });

  it.each([
    ['?weeks=0', 'weeks'],
    ['?weeks=53', 'weeks'],
    ['?weeks=two', 'weeks'],
  ])('refuses %s with a VALIDATION error naming %s', async (query, name) => {
    const res = await insights<{ code: string; message: string }>(operator, query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.message).toContain(name);
  });

  it('counts this week’s conversations, hand-overs by reason and latest ratings, in contiguous weeks ending now', async () => {
    const empty = await insights(operator, '?weeks=3');
    expect(empty.status).toBe(200);
    expect(empty.body.weeks).toHaveLength(3);
    const before = empty.body.weeks[2]!;

    await chat();
    await chat({ escalate: ['low_confidence', 'asked_for_human'], rating: [1, 4] });
    await chat({ escalate: ['asked_for_human'], rating: [2] });
    await t.storage.training.activateVersion(null, 'olive');

    const asked = Date.now();
    const res = await insights(operator, '?weeks=3');
    expect(res.status).toBe(200);
    const { now, weeks, activations } = res.body;
    expect(now).toBeGreaterThanOrEqual(asked);
    expect(weeks.map((w) => [w.from, w.to])).toEqual([2, 1, 0].map((k) => [now - (k + 1) * INSIGHTS_WEEK_MS, now - k * INSIGHTS_WEEK_MS]));
    const week = weeks[2]!;
    expect(week.conversations - before.conversations).toBe(3);
    expect(week.handedOver - before.handedOver).toBe(2);
    expect(week.byReason.asked_for_human - before.byReason.asked_for_human).toBe(2);
    expect(week.byReason.low_confidence - before.byReason.low_confidence).toBe(1);
    expect(week.byReason.frustration - before.byReason.frustration).toBe(0);
    // the conversation rated 1 then 4 counts as a 4
    expect(week.rated - before.rated).toBe(2);
    expect(week.ratingSum - before.ratingSum).toBe(6);
    expect(activations.at(-1)).toMatchObject({ versionId: null, by: 'olive' });
    expect(activations.every((a) => a.at >= weeks[0]!.from && a.at < now)).toBe(true);
  });
});
