import { createTranscriptView, toTranscriptMessage } from '../../src/handoff/transcript-view';
import type { MessageRecord } from '../../src/storage/types';
import { agent, escalation, memoryHandoffStore } from './fakes';

const messages: MessageRecord[] = [
  { conversationId: 'c1', seq: 1, id: 'm1', from: 'customer', text: 'card stolen', createdAt: 1, meta: { nlu: { intent: { name: 'card_stolen', category: 'security', confidence: 0.9 }, ranking: [], entities: [], lowConfidence: false } } },
  { conversationId: 'c1', seq: 2, id: 'a1', from: 'agent', text: 'I am on it', createdAt: 2, meta: { agentId: 'ada', agentName: 'Ada' } },
];

function setup() {
  const mem = memoryHandoffStore(() => 5);
  const ada = mem.addAgent(agent('ada'));
  const bob = mem.addAgent(agent('bob'));
  const op = mem.addAgent(agent('op', { role: 'operator' }));
  mem.assignments.push({ escalationId: 'e1', conversationId: 'c1', agentId: 'ada', assignedAt: 3 });
  const transcript = createTranscriptView({
    storage: {
      getConversation: async (id) => (id === 'c1' ? ({ id, state: 'agent', lastSeq: 2 } as never) : undefined),
      messagesAfter: async (id) => (id === 'c1' ? messages : []),
      listEscalations: async () => [escalation('e1', 'c1', { status: 'assigned', priority: 'urgent', reason: 'urgent_security', summary: { intent: 'card_stolen', category: 'security', confidence: 0.9 } })],
    },
    store: mem.store,
  });
  return { transcript, ada, bob, op, mem };
}

describe('transcript view', () => {
  test('the owner sees the messages with what the bot understood and who wrote them, and why the chat was escalated', async () => {
    const t = setup();
    await t.mem.store.addNote({ id: 'n1', conversationId: 'c1', agentId: 'ada', text: 'called bank' });
    const r = await t.transcript(t.ada, 'c1');
    expect(r.ok && r.value).toMatchObject({
      conversationId: 'c1',
      state: 'agent',
      readOnly: false,
      messages: [
        { seq: 1, from: 'customer', nlu: { intent: 'card_stolen', category: 'security', confidence: 0.9 } },
        { seq: 2, from: 'agent', agentName: 'Ada' },
      ],
      notes: [{ id: 'n1', text: 'called bank', agentName: 'ADA' }],
      escalation: { reason: 'urgent_security', priority: 'urgent', status: 'assigned', agentId: 'ada', topic: { intent: 'card_stolen' } },
    });
  });

  test('another agent learns nothing, not even whether the chat exists; an operator reads it read-only', async () => {
    const t = setup();
    expect(await t.transcript(t.bob, 'c1')).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await t.transcript(t.bob, 'missing')).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await t.transcript(t.op, 'missing')).toEqual({ ok: false, code: 'NOT_FOUND' });
    const r = await t.transcript(t.op, 'c1');
    expect(r.ok && r.value.readOnly).toBe(true);
  });

  test('a message without meta has no nlu and no agent name', () => {
    expect(toTranscriptMessage({ conversationId: 'c', seq: 3, id: 'b', from: 'bot', text: 'hi', createdAt: 9 })).toEqual({ seq: 3, id: 'b', from: 'bot', text: 'hi', createdAt: 9 });
  });
});
