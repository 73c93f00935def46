import type { ServerMessageFrame } from '../../src/protocol/customer';
import { createConversationStore, type KeyValueStore } from '../../src/web/widget/store';

function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const KEY = 'support-widget:v1:https://support.example.com';

function bot(seq: number, text = `bot ${seq}`, extra: Partial<ServerMessageFrame> = {}): ServerMessageFrame {
  return { type: 'message', seq, id: `s${seq}`, from: 'bot', text, createdAt: 1_700_000_000_000 + seq * 1000, ...extra };
}

describe('conversation store (widget)', () => {
  it("keeps each message's time: the server's when it has one, the send time for a pending message", () => {
    const store = createConversationStore(memoryStorage(), KEY, () => 1_800_000_000_000);
    store.receive(bot(1));
    store.addOutgoing({ type: 'message', id: 'c1', text: 'hi' }, 'hi');
    expect(store.messages().map((m) => m.at)).toEqual([1_700_000_001_000, 1_800_000_000_000]);
    store.receive({ type: 'message', seq: 2, id: 'c1', from: 'customer', text: 'hi', createdAt: 1_800_000_000_500 });
    expect(store.messages()[1]!.at).toBe(1_800_000_000_500);
    // A frame from an older server without createdAt still shows, just without a time.
    const { createdAt: _omit, ...old } = bot(3);
    store.receive(old as ServerMessageFrame);
    expect(store.messages()[2]!.at).toBeUndefined();
  });

  it("reissues a pending message under a new id when its id was another sender's (ID_TAKEN): same words, same place, frame ready to resend", () => {
    const store = createConversationStore(memoryStorage(), KEY, () => 1_800_000_000_000);
    store.receive(bot(1));
    store.addOutgoing({ type: 'message', id: 'c1', text: 'where is my refund' }, 'where is my refund');
    const again = store.reissue('c1', 'c2');
    expect(again).toEqual({ type: 'message', id: 'c2', text: 'where is my refund' });
    expect(store.outbox).toEqual([again]);
    expect(store.messages().map((m) => [m.id, m.text, m.status])).toEqual([
      ['s1', 'bot 1', 'sent'],
      ['c2', 'where is my refund', 'pending'],
    ]);
    store.ack('c2', 2);
    expect(store.messages()[1]).toMatchObject({ id: 'c2', status: 'sent', seq: 2 });
    expect(store.reissue('nope', 'x')).toBeUndefined();
  });

  it('shows messages by seq and ignores one it has already shown', () => {
    const store = createConversationStore(memoryStorage(), KEY);
    expect(store.receive(bot(2))).toBe(true);
    expect(store.receive(bot(1))).toBe(true);
    expect(store.receive(bot(2, 'again'))).toBe(false);
    expect(store.messages().map((m) => m.text)).toEqual(['bot 1', 'bot 2']);
    expect(store.lastSeq()).toBe(2);
  });

  it('reports the last seq before a gap, so a resume asks the server for the missing message', () => {
    const store = createConversationStore(memoryStorage(), KEY);
    store.receive(bot(1));
    store.receive(bot(2));
    store.receive(bot(4));
    expect(store.lastSeq()).toBe(2);
    store.receive(bot(3));
    expect(store.lastSeq()).toBe(4);
  });

  it('shows a customer message at once as pending, and as sent in its place once acked', () => {
    const store = createConversationStore(memoryStorage(), KEY);
    store.receive(bot(1, 'Hi!'));
    store.addOutgoing({ type: 'message', id: 'c1', text: 'where is my refund' }, 'where is my refund');
    expect(store.messages().map((m) => [m.text, m.status])).toEqual([
      ['Hi!', 'sent'],
      ['where is my refund', 'pending'],
    ]);
    expect(store.outbox.map((f) => f.id)).toEqual(['c1']);
    store.ack('c1', 2);
    store.receive(bot(3, 'Refunds take 5-10 days'));
    expect(store.messages().map((m) => [m.seq, m.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'sent'],
    ]);
    expect(store.outbox).toHaveLength(0);
  });

  it("takes the server's copy of its own message (card numbers masked) without showing it twice", () => {
    const store = createConversationStore(memoryStorage(), KEY);
    store.addOutgoing({ type: 'message', id: 'c1', text: 'card 4111 1111 1111 1111' }, 'card 4111 1111 1111 1111');
    store.receive({ type: 'message', seq: 1, id: 'c1', from: 'customer', text: 'card [card number hidden]', createdAt: 1_700_000_000_000 });
    store.ack('c1', 1);
    expect(store.messages()).toHaveLength(1);
    expect(store.messages()[0]).toMatchObject({ seq: 1, status: 'sent', text: 'card [card number hidden]' });
  });

  it('keeps unacked messages in the outbox across a reload, to be re-sent with the same id', () => {
    const storage = memoryStorage();
    const first = createConversationStore(storage, KEY);
    first.session('tok', 'conv-1', 'bot');
    first.receive(bot(1, 'Hi!'));
    first.addOutgoing({ type: 'choice', id: 'c9', value: 'intent:refund_status' }, 'Refund status');

    const reloaded = createConversationStore(storage, KEY);
    expect(reloaded.token).toBe('tok');
    expect(reloaded.lastSeq()).toBe(1);
    expect(reloaded.outbox).toEqual([{ type: 'choice', id: 'c9', value: 'intent:refund_status' }]);
    expect(reloaded.messages().map((m) => m.text)).toEqual(['Hi!', 'Refund status']);
  });

  it('marks a refused message as not sent and never re-sends it', () => {
    const store = createConversationStore(memoryStorage(), KEY);
    store.addOutgoing({ type: 'message', id: 'long', text: 'x'.repeat(3000) }, 'x'.repeat(3000));
    store.fail('long');
    expect(store.messages()[0]?.status).toBe('failed');
    expect(store.outbox).toHaveLength(0);
  });

  it('starts a fresh history when the server opens a different conversation, keeping unsent messages', () => {
    const store = createConversationStore(memoryStorage(), KEY);
    store.session('tok-old', 'conv-1', 'bot');
    store.receive(bot(1, 'old greeting'));
    store.addOutgoing({ type: 'message', id: 'c2', text: 'still there?' }, 'still there?');
    store.session('tok-new', 'conv-2', 'bot');
    expect(store.token).toBe('tok-new');
    expect(store.messages().map((m) => m.text)).toEqual(['still there?']);
    expect(store.outbox.map((f) => f.id)).toEqual(['c2']);
  });

  it('forgets token, history and pending messages on reset (New conversation)', () => {
    const storage = memoryStorage();
    const store = createConversationStore(storage, KEY);
    store.session('tok', 'conv-1', 'queued');
    store.receive(bot(1));
    store.addOutgoing({ type: 'message', id: 'c1', text: 'hi' }, 'hi');
    store.reset();
    const reloaded = createConversationStore(storage, KEY);
    expect(reloaded.token).toBeUndefined();
    expect(reloaded.messages()).toHaveLength(0);
    expect(reloaded.outbox).toHaveLength(0);
    expect(reloaded.status.state).toBe('bot');
  });

  it('remembers the agent name for the status line while the agent has the chat', () => {
    const store = createConversationStore(memoryStorage(), KEY);
    store.setStatus({ state: 'queued', queuePosition: 2, estimatedWaitSeconds: 120 });
    expect(store.status).toEqual({ state: 'queued', queuePosition: 2, estimatedWaitSeconds: 120 });
    store.setStatus({ state: 'agent', agent: { name: 'Sam' } });
    store.setStatus({ state: 'agent' });
    expect(store.status.agentName).toBe('Sam');
  });

  it('works without storage, and survives storage that throws or holds garbage', () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    for (const storage of [null, throwing]) {
      const store = createConversationStore(storage, KEY);
      store.receive(bot(1));
      expect(store.messages()).toHaveLength(1);
    }
    const garbage = memoryStorage();
    garbage.setItem(KEY, '{not json');
    expect(createConversationStore(garbage, KEY).messages()).toHaveLength(0);
  });
});
