import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEventHub, eventId, tapStorage } from '../../src/events/tap';
import type { DomainEvent } from '../../src/events/types';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';

describe('storage tap: committed writes become domain events', () => {
  let dir: string;
  let raw: Storage;
  let tapped: Storage;
  let seen: DomainEvent[];
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tap-'));
    raw = createSqliteStorage({ file: path.join(dir, 'chat.db') });
    const hub = createEventHub();
    seen = [];
    hub.on((e) => {
      seen.push(e);
    });
    hub.on(() => {
      throw new Error('a broken listener does not stop the others or the write');
    });
    tapped = tapStorage(raw, hub.emit, () => 42);
    await tapped.createConversation({ id: 'c1', tokenHash: 'h1', state: 'bot', snapshot: {}, context: {} });
  });
  afterEach(async () => {
    await tapped.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('escalation, close, case created and moved, feedback; reads pass through untouched', async () => {
    const start = await tapped.getConversation('c1');
    const r = await tapped.commitTurn({
      conversationId: 'c1',
      expectedVersion: start!.version,
      messages: [{ id: 'm1', from: 'customer', text: 'a person please' }],
      state: 'queued',
      escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} },
    });
    // A later turn joining the same open escalation yields the same event id.
    await tapped.commitTurn({ conversationId: 'c1', expectedVersion: r.version, messages: [{ id: 'm2', from: 'customer', text: 'hello?' }], escalation: { reason: 'asked_for_human', priority: 'normal', summary: {} } });
    const c = await tapped.cases.createCase({ id: 'CS-AAAAA2', conversationId: 'c1', sourceMessageId: 'm1', kind: 'dispute', priority: 'normal', details: {}, followUpBy: 1 });
    await tapped.cases.updateCaseStatus('CS-AAAAA2', 'in_review');
    await tapped.cases.updateCaseStatus('CS-AAAAA2', 'in_review');
    expect(await tapped.cases.updateCaseStatus('CS-NOPE22', 'resolved')).toBeUndefined();
    await tapped.cases.addFeedback({ conversationId: 'c1', rating: 5 });
    const conv = await tapped.getConversation('c1');
    await tapped.commitTurn({ conversationId: 'c1', expectedVersion: conv!.version, messages: [], state: 'closed' });

    expect(seen.map((e) => e.type)).toEqual([
      'conversation.escalated',
      'conversation.escalated',
      'case.created',
      'case.updated',
      'feedback.received',
      'conversation.closed',
    ]);
    expect(seen[0]!.id).toBe(seen[1]!.id);
    expect(seen[0]).toMatchObject({ conversationId: 'c1', at: 42, escalation: { id: r.escalation!.id, reason: 'asked_for_human' } });
    expect(seen[2]).toMatchObject({ id: eventId('case.created', 'CS-AAAAA2'), case: c });
    expect(seen[3]).toMatchObject({ case: { id: 'CS-AAAAA2', status: 'in_review' }, change: 'status', previousStatus: 'open' });
    expect(seen[5]).toEqual({ id: eventId('conversation.closed', 'c1'), type: 'conversation.closed', at: 42, conversationId: 'c1' });
    expect(await tapped.cases.getCase('CS-AAAAA2')).toEqual(await raw.cases.getCase('CS-AAAAA2'));
    expect((await tapped.messagesAfter('c1', 0)).map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  test('a case the bot opens within a turn (TurnCommit.case) is a case.created too', async () => {
    const opened = { id: 'CS-BBBBB3', sourceMessageId: 'm1', kind: 'billing', priority: 'normal', details: {}, followUpBy: 99 } as const;
    const version = (await tapped.getConversation('c1'))!.version;
    const r = await tapped.commitTurn({ conversationId: 'c1', expectedVersion: version, messages: [{ id: 'm1', from: 'customer', text: 'yesterday' }], case: opened });
    expect(seen).toEqual([{ id: eventId('case.created', 'CS-BBBBB3'), type: 'case.created', at: 42, case: r.case }]);
    expect(r.case).toMatchObject({ id: 'CS-BBBBB3', conversationId: 'c1', kind: 'billing' });
  });

  test('the email a turn sets on a case opened earlier (TurnCommit.caseEmail) is a case.updated with change "email"; nothing when no case took it', async () => {
    const opened = { id: 'CS-CCCCC4', sourceMessageId: 'm1', kind: 'offline', priority: 'normal', details: {}, followUpBy: 99 } as const;
    const v0 = (await tapped.getConversation('c1'))!.version;
    const r1 = await tapped.commitTurn({ conversationId: 'c1', expectedVersion: v0, messages: [{ id: 'm1', from: 'customer', text: 'a person please' }], case: opened });
    const r2 = await tapped.commitTurn({ conversationId: 'c1', expectedVersion: r1.version, messages: [{ id: 'm2', from: 'customer', text: 'jane@example.com' }], caseEmail: { caseId: 'CS-CCCCC4', email: 'jane@example.com' } });
    await tapped.commitTurn({ conversationId: 'c1', expectedVersion: r2.version, messages: [], caseEmail: { caseId: 'CS-NOPE22', email: 'x@example.com' } });
    expect(seen.map((e) => e.type)).toEqual(['case.created', 'case.updated']);
    expect(seen[1]).toEqual({
      id: eventId('case.updated', `CS-CCCCC4:email:${r2.caseEmailSet!.updatedAt}`),
      type: 'case.updated',
      at: 42,
      case: r2.caseEmailSet,
      change: 'email',
    });
    expect(r2.caseEmailSet).toMatchObject({ id: 'CS-CCCCC4', email: 'jane@example.com' });
  });
});
