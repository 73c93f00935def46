import type { AgentServerFrame, TranscriptMessage } from '../../src/protocol/agent';
import { createConsoleStore, TYPING_TTL_MS } from '../../src/web/console/store';
import { buildTimeline } from '../../src/web/console/timeline';
import { chatTitle } from '../../src/web/console/chat-title';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

function msg(seq: number, from: TranscriptMessage['from'], text: string, extra: Partial<TranscriptMessage> = {}): TranscriptMessage {
  return { seq, id: `m${seq}`, from, text, createdAt: T0 + seq * 1000, ...extra };
}

const hello: AgentServerFrame = {
  type: 'hello',
  agent: { id: 'ag1', name: 'Dana Smith', email: 'dana@example.com', role: 'agent', status: 'offline', capacity: 3 },
  agents: [
    { id: 'ag1', name: 'Dana Smith', status: 'offline', activeChats: 0, capacity: 3 },
    { id: 'ag2', name: 'Lee', status: 'online', activeChats: 1, capacity: 3 },
    { id: 'ag3', name: 'Full', status: 'online', activeChats: 3, capacity: 3 },
    { id: 'ag4', name: 'Away', status: 'away', activeChats: 0, capacity: 3 },
  ],
};

function assigned(id: string): AgentServerFrame {
  return { type: 'assigned', conversationId: id, reason: 'asked_for_human', priority: 'normal', waitingSince: T0, collected: { orderId: '1' }, preview: 'help' };
}

describe('console store', () => {
  it('turns an alert into an escalated event and tracks the queue', () => {
    const store = createConsoleStore();
    store.apply(hello, T0);
    expect(store.apply({ type: 'alert', kind: 'escalated', conversationId: 'c1', reason: 'frustration', priority: 'normal' }, T0)).toEqual([
      { kind: 'escalated', conversationId: 'c1', reason: 'frustration', priority: 'normal' },
    ]);
    store.apply({ type: 'queue', entries: [{ conversationId: 'c1', reason: 'frustration', priority: 'normal', waitingSince: T0, collected: {}, preview: 'x' }] }, T0);
    store.selectQueue('c1');
    store.apply({ type: 'queue', entries: [] }, T0);
    expect(store.state.queue).toEqual([]);
    // The selection left with the entry, so `c` cannot claim a chat that is gone.
    expect(store.state.selectedQueueId).toBeUndefined();
  });

  it('adds an assigned chat to My chats once, then fills it from the transcript', () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.apply(assigned('c1'), T0);
    expect(store.state.myChats).toEqual(['c1']);
    store.apply(
      { type: 'transcript', conversationId: 'c1', messages: [msg(2, 'bot', 'b'), msg(1, 'customer', 'a')], notes: [], state: 'agent', readOnly: false },
      T0,
    );
    const c = store.state.chats.get('c1');
    expect(c?.loaded).toBe(true);
    expect(c?.messages.map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('shows my message as pending until the server echoes it, once', () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.setActive('c1');
    store.addPending('c1', 'a-1', 'On it', T0);
    expect(store.state.chats.get('c1')?.pending.map((p) => p.text)).toEqual(['On it']);
    const echo: AgentServerFrame = { type: 'message', conversationId: 'c1', message: msg(3, 'agent', 'On it', { id: 'a-1', agentName: 'Dana' }) };
    store.apply(echo, T0);
    store.apply(echo, T0);
    const c = store.state.chats.get('c1');
    expect(c?.pending).toEqual([]);
    expect(c?.messages.map((m) => m.text)).toEqual(['On it']);
  });

  it('marks a refused message as failed instead of dropping what the agent wrote', () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.addPending('c1', 'a-2', 'hello', T0);
    const events = store.apply({ type: 'error', code: 'NOT_ASSIGNED', message: 'not yours', retryable: false, ref: 'a-2' }, T0);
    expect(events).toEqual([{ kind: 'error', code: 'NOT_ASSIGNED', message: 'not yours', ref: 'a-2' }]);
    expect(store.state.chats.get('c1')?.pending[0]).toMatchObject({ text: 'hello', failed: 'not yours' });
  });

  it("a message whose id another sender's message has (ID_TAKEN) is handed back to be sent again, not marked failed or lost", () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.addPending('c1', 'a-3', 'your refund is on its way', T0);
    const events = store.apply({ type: 'error', code: 'ID_TAKEN', message: 'id used', retryable: false, ref: 'a-3' }, T0);
    expect(events).toEqual([{ kind: 'id-taken', conversationId: 'c1', text: 'your refund is on its way' }]);
    expect(store.state.chats.get('c1')?.pending).toEqual([]);
    // An ID_TAKEN about nothing pending (e.g. after a reload) is just an error.
    expect(store.apply({ type: 'error', code: 'ID_TAKEN', message: 'id used', retryable: false, ref: 'zz' }, T0)).toEqual([{ kind: 'error', code: 'ID_TAKEN', message: 'id used', ref: 'zz' }]);
  });

  it('counts unread customer messages in chats not on screen and clears them on open', () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.apply(assigned('c2'), T0);
    store.setActive('c1');
    const events = store.apply({ type: 'message', conversationId: 'c2', message: msg(1, 'customer', 'hi?') }, T0);
    expect(events.map((e) => e.kind)).toEqual(['customer-message']);
    expect(store.state.chats.get('c2')?.unread).toBe(1);
    store.setActive('c2');
    expect(store.state.chats.get('c2')?.unread).toBe(0);
  });

  it('shows "customer is typing" for a few seconds, and stops when their message arrives', () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.apply({ type: 'typing', conversationId: 'c1', from: 'customer' }, T0);
    expect(store.customerTyping('c1', T0 + 1000)).toBe(true);
    expect(store.customerTyping('c1', T0 + TYPING_TTL_MS)).toBe(false);
    store.apply({ type: 'typing', conversationId: 'c1', from: 'customer' }, T0);
    store.apply({ type: 'message', conversationId: 'c1', message: msg(1, 'customer', 'done') }, T0 + 500);
    expect(store.customerTyping('c1', T0 + 600)).toBe(false);
  });

  it('on release keeps the open chat on screen read-only, and drops a background one', () => {
    const store = createConsoleStore();
    store.apply(assigned('c1'), T0);
    store.apply(assigned('c2'), T0);
    store.setActive('c1');
    expect(store.apply({ type: 'released', conversationId: 'c1' }, T0)).toEqual([{ kind: 'lost', conversationId: 'c1', why: 'released' }]);
    expect(store.state.chats.get('c1')).toMatchObject({ owned: false, readOnly: true, ended: 'released' });
    store.apply({ type: 'closed', conversationId: 'c2' }, T0);
    expect(store.state.chats.has('c2')).toBe(false);
    expect(store.state.myChats).toEqual([]);
  });

  it('offers only other online agents with room as transfer targets', () => {
    const store = createConsoleStore();
    store.apply(hello, T0);
    expect(store.transferTargets().map((a) => a.name)).toEqual(['Lee']);
  });
});

describe('chat timeline', () => {
  it('shows what the bot understood on customer turns and which intent each bot turn answered', () => {
    const items = buildTimeline(
      [msg(1, 'customer', 'my card was stolen', { nlu: { intent: 'card_stolen', category: 'security', confidence: 0.93 } }), msg(2, 'bot', 'Freeze it now'), msg(3, 'agent', 'Hi', { agentName: 'Dana' })],
      [{ id: 'n1', conversationId: 'c', agentId: 'ag1', agentName: 'Dana', text: 'verify id first', createdAt: T0 + 2500 }],
      [{ id: 'p1', text: 'sending', createdAt: T0 + 9000 }],
    );
    expect(items.map((i) => i.kind)).toEqual(['message', 'message', 'note', 'message', 'pending']);
    const [customer, bot, note, agent] = items;
    expect(customer).toMatchObject({ who: 'Customer', understood: { intent: 'card stolen', confidence: '93%', level: 'high' } });
    expect(bot).toMatchObject({ who: 'Bot', answering: { intent: 'card stolen' } });
    expect(note).toMatchObject({ who: 'Note by Dana' });
    expect(agent).toMatchObject({ who: 'Dana' });
  });
});

describe('chat title', () => {
  it('names a chat by the support topic, not by the request for a person', () => {
    const human = { intent: 'talk_to_human', category: 'human', confidence: 1 };
    expect(chatTitle({ conversationId: 'abcdef123456', reason: 'asked_for_human', topic: human, messages: [] })).toBe('Asked for a person');
    expect(
      chatTitle({
        conversationId: 'abcdef123456',
        reason: 'asked_for_human',
        topic: human,
        messages: [msg(1, 'customer', 'my refund never came', { nlu: { intent: 'refund_missing', category: 'refund', confidence: 0.8 } })],
      }),
    ).toBe('Refund missing');
    expect(chatTitle({ conversationId: 'abcdef123456', topic: { intent: 'charged_twice', category: 'billing', confidence: 0.9 } })).toBe('Charged twice · billing');
    expect(chatTitle({ conversationId: 'abcdef123456' })).toBe('Chat abcdef12');
  });

  it('keeps the support topic when the customer then says thanks or goes off-topic', () => {
    const refund = msg(1, 'customer', 'my refund never came', { nlu: { intent: 'refund_missing', category: 'refund', confidence: 0.8 } });
    const thanks = msg(3, 'customer', 'thanks!', { nlu: { intent: 'thanks', category: 'smalltalk', confidence: 0.97 } });
    const weather = msg(5, 'customer', 'nice weather today', { nlu: { intent: 'out_of_scope', category: 'out_of_scope', confidence: 0.9 } });
    const human = { intent: 'talk_to_human', category: 'human', confidence: 1 };
    expect(chatTitle({ conversationId: 'abcdef123456', reason: 'asked_for_human', topic: human, messages: [refund, thanks, weather] })).toBe('Refund missing');
    expect(chatTitle({ conversationId: 'abcdef123456', reason: 'asked_for_human', messages: [thanks] })).toBe('Asked for a person');
  });
});
