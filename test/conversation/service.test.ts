import pino from 'pino';
import { caseIdFromSeed } from '../../src/cases/ids';
import type { AgentAvailability, KnowledgeLookup, Understanding } from '../../src/conversation/ports';
import { createConversationService } from '../../src/conversation/service';
import type { Article } from '../../src/knowledge/types';
import type { Entity, IntentScore, ParseResult } from '../../src/nlu/types';
import type { Bus, BusEvent } from '../../src/bus/types';
import { VersionConflictError } from '../../src/storage/errors';
import { createMemoryConversations } from '../helpers/memory-conversations';

/**
 * The conversation service alone, over in-memory fakes: what it reads and writes per turn, the
 * AVAILABILITY round trip, cases written with the turn, and retries.
 */

const article = (id: string, category: string, intents: string[], summary: string): Article => ({ id, title: id, category, intents, tags: [], body: summary, summary });
const ARTICLES = [
  article('refund-timing', 'refund', ['refund_status'], 'Refunds arrive within 5 business days.'),
  article('unexpected-charge', 'billing', ['unexpected_charge'], 'A charge you do not recognise is often a split payment.'),
  article('refund-missing', 'refund', ['refund_missing'], 'Once the merchant confirms, the refund reaches your bank within 10 days.'),
];
const knowledge: KnowledgeLookup = {
  search: () => [],
  byIntent: (intent) => ARTICLES.filter((a) => a.intents.includes(intent)),
};

const score = (name: string, category: string, confidence: number): IntentScore => ({ name, category, confidence });
const entity = (type: string, value: string, text = value): Entity => ({ type, value, text, start: 0, end: text.length });

/** What the fake NLU makes of each text the tests type. */
const PARSES: Record<string, Omit<ParseResult, 'text'>> = {
  'where is my refund': { intent: score('refund_status', 'refund', 0.92), ranking: [score('refund_status', 'refund', 0.92), score('unexpected_charge', 'billing', 0.05)], entities: [], lowConfidence: false },
  'blorp': { intent: score('out_of_scope', 'other', 0.2), ranking: [score('refund_status', 'refund', 0.2), score('unexpected_charge', 'billing', 0.1)], entities: [], lowConfidence: true },
  'I want a person': { intent: score('talk_to_human', 'human', 0.95), ranking: [score('talk_to_human', 'human', 0.95)], entities: [], lowConfidence: false },
  'a charge I do not know': { intent: score('unexpected_charge', 'billing', 0.96), ranking: [score('unexpected_charge', 'billing', 0.96)], entities: [], lowConfidence: false },
  'no': { intent: score('out_of_scope', 'other', 0.3), ranking: [], entities: [], lowConfidence: true },
  '€12.00': { intent: score('out_of_scope', 'other', 0.3), ranking: [], entities: [entity('amount', '{"amount":12,"currency":"EUR"}', '€12.00')], lowConfidence: true },
  'yesterday': { intent: score('out_of_scope', 'other', 0.3), ranking: [], entities: [entity('date', '2026-03-19', 'yesterday')], lowConfidence: true },
  'what is the weather in lisbon': { intent: score('out_of_scope', 'out_of_scope', 0.99), ranking: [score('out_of_scope', 'out_of_scope', 0.99)], entities: [], lowConfidence: true },
  'ugh': { intent: score('out_of_scope', 'out_of_scope', 0.7), ranking: [score('out_of_scope', 'out_of_scope', 0.7)], entities: [], lowConfidence: true },
  'my email is sam0@example.com': { intent: score('out_of_scope', 'other', 0.3), ranking: [], entities: [entity('email', 'sam0@example.com')], lowConfidence: true },
  'my email is sam1@example.com': { intent: score('out_of_scope', 'other', 0.3), ranking: [], entities: [entity('email', 'sam1@example.com')], lowConfidence: true },
  // Alone, unsure (a dispute first); within the refund topic, refund_missing.
  'the merchant already confirmed it': { intent: score('open_dispute', 'dispute', 0.49), ranking: [score('open_dispute', 'dispute', 0.49), score('refund_missing', 'refund', 0.35), score('item_not_received', 'dispute', 0.1)], entities: [], lowConfidence: true },
  'still nothing': { intent: score('open_dispute', 'dispute', 0.4), ranking: [score('open_dispute', 'dispute', 0.4), score('refund_missing', 'refund', 0.1)], entities: [], lowConfidence: true },
  'jane@example.com': { intent: score('out_of_scope', 'other', 0.3), ranking: [], entities: [entity('email', 'jane@example.com')], lowConfidence: true },
};
const nlu: Understanding = {
  parse: (text) => {
    const found = PARSES[text];
    if (!found) throw new Error(`no scripted parse for "${text}"`);
    return { text, ...found };
  },
  labelOf: (name) => name.replace(/_/g, ' '),
  isFrustrated: () => false,
};

function recordingBus() {
  const published: Array<{ channel: string; event: BusEvent }> = [];
  const bus: Bus = {
    publish: async (channel, event) => {
      published.push({ channel, event });
    },
    subscribe: async () => async () => {},
    close: async () => {},
  };
  return { bus, published };
}

function setup(opts: { availability?: AgentAvailability; seeds?: number[]; nlu?: Understanding } = {}) {
  const memory = createMemoryConversations(() => Date.parse('2026-03-20T10:00:00Z'));
  const { bus, published } = recordingBus();
  const seeds = [...(opts.seeds ?? [])];
  let nextSeed = 1000;
  const service = createConversationService({
    storage: memory.storage,
    bus,
    knowledge,
    nlu: opts.nlu ?? nlu,
    redact: (text) => ({ text, masked: false }),
    logger: pino({ level: 'silent' }),
    settings: { brandName: 'Acme Pay', maxMisses: 2, clarifyOptions: 2, caseFollowUpHours: 24 },
    clock: () => Date.parse('2026-03-20T10:00:00Z'),
    newSeed: () => seeds.shift() ?? nextSeed++,
    ...(opts.availability ? { availability: opts.availability } : {}),
  });
  return { service, memory, published };
}

function countingAvailability(answer: Awaited<ReturnType<AgentAvailability['check']>>) {
  const availability = { calls: 0, check: async () => (availability.calls++, answer) };
  return availability;
}

let ids = 0;
const typed = (text: string) => ({ type: 'message' as const, id: `m${++ids}`, text });
const clicked = (value: string) => ({ type: 'choice' as const, id: `c${++ids}`, value });
const botTexts = (messages: Array<{ from: string; text: string; seq: number }>, afterSeq: number) =>
  messages.filter((m) => m.seq > afterSeq && m.from !== 'customer').map((m) => m.text);

describe('conversation service (in-memory fakes)', () => {
  describe('what the service tells the machine about a message', () => {
    it('a leading No is split off: the rest is understood alone, the whole message stored, the No counted', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('where is my refund'));
      await service.handleCustomer(conversation.id, typed('nope, where is my refund'));
      expect(memory.messagesOf(conversation.id).some((m) => m.from === 'customer' && m.text === 'nope, where is my refund')).toBe(true);
      // The No is one miss; the rest only has the answer just given, which is never repeated: a second miss.
      expect(memory.escalations).toEqual([expect.objectContaining({ reason: 'low_confidence' })]);
    });

    it('accurate mode: the text the model reads is prepared (embedded) before it is parsed, the rest after a leading No', async () => {
      // A parse of a text nobody prepared would use no sentence embedding: here it is refused.
      const prepared = new Set<string>();
      const embedding: Understanding = {
        ...nlu,
        prepare: async (text) => {
          await new Promise((r) => setTimeout(r, 5));
          prepared.add(text);
        },
        parse: (text) => {
          if (!prepared.has(text)) throw new Error(`"${text}" parsed before it was prepared`);
          return nlu.parse(text);
        },
      };
      const { service, memory } = setup({ nlu: embedding });
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('where is my refund'));
      await service.handleCustomer(conversation.id, typed('no, a charge I do not know'));
      expect([...prepared]).toEqual(['where is my refund', 'a charge I do not know']);
      expect(memory.messagesOf(conversation.id).filter((m) => m.from === 'customer').map((m) => m.meta?.nlu?.intent.name)).toEqual(['refund_status', 'unexpected_charge']);
    });

    it('off-topic is a sentence the model puts out of scope: its own reply, not a miss; a lone word is an unsure turn', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('what is the weather in lisbon'));
      expect(memory.messagesOf(conversation.id).at(-1)?.text).toMatch(/outside what I can help with/);
      await service.handleCustomer(conversation.id, typed('ugh'));
      expect(memory.messagesOf(conversation.id).at(-1)?.text).toMatch(/not sure I understood/);
      expect(memory.escalations).toEqual([]);
    });

    it('the page\'s order id reaches the machine when it looks like one, and only then', async () => {
      const { service } = setup();
      const good = await service.open({ context: { orderId: ' 48213977 ' } });
      expect((good.conversation.snapshot as { context: { entities: Record<string, unknown> } }).context.entities).toEqual({ order_id: { value: '48213977', text: '48213977' } });
      const bad = await service.open({ context: { orderId: 'DROP TABLE' } });
      expect((bad.conversation.snapshot as { context: { entities: Record<string, unknown> } }).context.entities).toEqual({});
    });
  });

  it('answers a typed question in one commit, reading no earlier messages and asking no one about availability', async () => {
    const availability = countingAvailability({ available: true });
    const { service, memory } = setup({ availability });
    const { conversation } = await service.open({});
    const before = { ...memory.calls };
    const ack = await service.handleCustomer(conversation.id, typed('where is my refund'));
    expect(ack.seq).toBe(2);
    expect(memory.calls.commitTurn - before.commitTurn).toBe(1);
    expect(memory.calls.messagesAfter - before.messagesAfter).toBe(0);
    expect(availability.calls).toBe(0);
    expect(botTexts(memory.messagesOf(conversation.id), 2)).toEqual(['Refunds arrive within 5 business days.', 'Did this answer your question?']);
    expect(memory.messagesOf(conversation.id)[1]?.meta?.nlu?.intent.name).toBe('refund_status');
  });

  it('a quick-reply click reads the recent messages once: its label and the topics to offer come from that one read', async () => {
    const { service, memory } = setup();
    const { conversation } = await service.open({});
    await service.handleCustomer(conversation.id, typed('where is my refund'));
    const before = memory.calls.messagesAfter;
    await service.handleCustomer(conversation.id, clicked('no'));
    expect(memory.calls.messagesAfter - before).toBe(1);
    const stored = memory.messagesOf(conversation.id);
    const click = stored.find((m) => m.meta?.choice === 'no');
    expect(click?.text).toBe('No');
    // The other topic of the last typed message is offered, not the one that just failed.
    expect(stored.at(-1)?.quickReplies?.map((q) => q.value)).toEqual(['intent:unexpected_charge', 'human']);
  });

  it('"yes" clicked while clarifying is not taken as "that helped": the topics are offered again', async () => {
    const { service, memory } = setup();
    const { conversation } = await service.open({});
    await service.handleCustomer(conversation.id, typed('blorp'));
    const seq = memory.messagesOf(conversation.id).at(-1)!.seq;
    await service.handleCustomer(conversation.id, clicked('yes'));
    const replies = botTexts(memory.messagesOf(conversation.id), seq + 1);
    expect(replies).toEqual(['Which of these is it about? Or tell me in your own words.']);
    expect(replies.join(' ')).not.toMatch(/glad/i);
    expect(memory.messagesOf(conversation.id).at(-1)?.quickReplies?.at(-1)).toEqual({ label: 'Talk to a person', value: 'human' });
  });

  describe('a leading No to an answer: the rest is a turn of its own, read in the topic just answered', () => {
    it('"no, the merchant already confirmed it" after the refund-timing answer: one miss, and the refund-missing answer', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('where is my refund'));
      await service.handleCustomer(conversation.id, typed('no, the merchant already confirmed it'));
      const said = memory.messagesOf(conversation.id).filter((m) => m.from === 'bot').map((m) => m.text);
      expect(said).toContain('Once the merchant confirms, the refund reaches your bank within 10 days.');
      expect(memory.escalations).toEqual([]);
      expect((await memory.storage.getConversation(conversation.id))?.snapshot).toMatchObject({ context: { misses: 1 } });
    });

    it('a rest whose best reading in the topic is weak stays unsure: the second miss hands over', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('where is my refund'));
      await service.handleCustomer(conversation.id, typed('nope, still nothing'));
      expect(memory.escalations).toEqual([expect.objectContaining({ reason: 'low_confidence' })]);
    });
  });

  describe('availability: the machine asks, the service answers in the same turn', () => {
    it('someone there: one check, an escalation stored with the turn and announced on the queue channel', async () => {
      const availability = countingAvailability({ available: true });
      const { service, memory, published } = setup({ availability });
      const { conversation } = await service.open({});
      const commits = memory.calls.commitTurn;
      await service.handleCustomer(conversation.id, typed('I want a person'));
      expect(availability.calls).toBe(1);
      expect(memory.calls.commitTurn - commits).toBe(1);
      expect(memory.escalations).toEqual([expect.objectContaining({ conversationId: conversation.id, reason: 'asked_for_human', status: 'queued' })]);
      expect(published.some((p) => p.channel === 'queue' && p.event.type === 'escalated')).toBe(true);
      expect((await memory.storage.getConversation(conversation.id))?.state).toBe('queued');
    });

    it('no one there: one check, an unmet escalation recorded (not queued, not announced to the queue), the next opening said', async () => {
      const availability = countingAvailability({ available: false, reason: 'outside_business_hours', nextOpening: Date.parse('2026-03-23T09:00:00Z') });
      const { service, memory, published } = setup({ availability });
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('I want a person'));
      expect(availability.calls).toBe(1);
      expect(memory.escalations).toEqual([expect.objectContaining({ conversationId: conversation.id, reason: 'asked_for_human', status: 'unmet' })]);
      expect(published.some((p) => p.channel === 'queue')).toBe(false);
      expect(memory.messagesOf(conversation.id).at(-1)?.text).toMatch(/No one from our team is available right now \(we're back Monday 23 March at 09:00 UTC\)/);
      expect((await memory.storage.getConversation(conversation.id))?.state).toBe('bot');
    });
  });

  describe('cases: the id comes from the machine, the case is written with the turn', () => {
    async function chargeFlow(seeds: number[], taken?: string) {
      const { service, memory } = setup({ seeds });
      if (taken) memory.cases.set(taken, { id: taken, conversationId: 'someone-else', kind: 'billing', status: 'open', priority: 'normal', details: {}, followUpBy: 0, sourceMessageId: 'x', createdAt: 0, updatedAt: 0 });
      const { conversation } = await service.open({});
      for (const text of ['a charge I do not know', 'no', '€12.00']) await service.handleCustomer(conversation.id, typed(text));
      const commits = memory.calls.commitTurn;
      const last = typed('yesterday');
      const ack = await service.handleCustomer(conversation.id, last);
      return { memory, conversation, commits: memory.calls.commitTurn - commits, ack, last };
    }

    it('the announced id is the stored id, written in the commit of the message that opened it', async () => {
      const { memory, conversation, commits } = await chargeFlow([7, 7, 7, 4242]);
      const id = caseIdFromSeed(4242);
      expect(commits).toBe(1);
      expect(memory.messagesOf(conversation.id).at(-1)?.text).toContain(`opened billing case ${id}`);
      expect(memory.cases.get(id)).toMatchObject({ conversationId: conversation.id, kind: 'billing', followUpBy: Date.parse('2026-03-21T10:00:00Z') });
    });

    it('a taken id redoes the whole turn with a new one: the customer message once, the new id announced and stored', async () => {
      const taken = caseIdFromSeed(4242);
      const { memory, conversation, commits, ack, last } = await chargeFlow([7, 7, 7, 4242, 999], taken);
      const fresh = caseIdFromSeed(999);
      expect(commits).toBe(2);
      const stored = memory.messagesOf(conversation.id);
      expect(stored.filter((m) => m.id === last.id)).toHaveLength(1);
      expect(ack.seq).toBe(stored.find((m) => m.id === last.id)?.seq);
      expect(stored.at(-1)?.text).toContain(`opened billing case ${fresh}`);
      expect(stored.map((m) => m.text).join('\n')).not.toContain(taken);
      expect(memory.cases.get(fresh)?.conversationId).toBe(conversation.id);
    });

    it('with nobody there the case opens in the hand-off\'s own turn (id from that turn\'s seed); the email given later is set on it', async () => {
      const { service, memory } = setup({ availability: countingAvailability({ available: false }), seeds: [1, 77] });
      const { conversation } = await service.open({});
      await service.handleCustomer(conversation.id, typed('I want a person'));
      // A customer who leaves now still has a case.
      expect(memory.cases.get(caseIdFromSeed(1))).toMatchObject({ kind: 'offline', conversationId: conversation.id });
      expect(memory.cases.get(caseIdFromSeed(1))).not.toHaveProperty('email');
      const commits = memory.calls.commitTurn;
      await service.handleCustomer(conversation.id, typed('jane@example.com'));
      expect(memory.calls.commitTurn - commits).toBe(1);
      expect(memory.cases.get(caseIdFromSeed(1))).toMatchObject({ kind: 'offline', email: 'jane@example.com' });
      expect(memory.cases.size).toBe(1);
      expect(memory.messagesOf(conversation.id).at(-1)?.text).toContain(`added jane@example.com to case ${caseIdFromSeed(1)}`);
    });

    it('two conversations with nobody there and the email known get two different case ids (not one fixed id)', async () => {
      const { service, memory } = setup({ availability: countingAvailability({ available: false }), seeds: [5, 6, 7, 8] });
      for (let i = 0; i < 2; i++) {
        const { conversation } = await service.open({});
        await service.handleCustomer(conversation.id, typed(`my email is sam${i}@example.com`));
        await service.handleCustomer(conversation.id, typed('I want a person'));
      }
      expect([...memory.cases.values()].map((c) => c.email).sort()).toEqual(['sam0@example.com', 'sam1@example.com']);
    });
  });

  describe('retries', () => {
    it('a version conflict (another node wrote first) redoes the turn against the new state; stored and acked once', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      memory.failNextCommits.push(new VersionConflictError(conversation.id, 1));
      const frame = typed('where is my refund');
      const acks: number[] = [];
      const ack = await service.handleCustomer(conversation.id, frame, (a) => acks.push(a.seq));
      expect(acks).toEqual([ack.seq]);
      expect(memory.messagesOf(conversation.id).filter((m) => m.id === frame.id)).toHaveLength(1);
    });

    it('a repeated frame id is acknowledged with its stored seq and not processed again', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      const frame = typed('where is my refund');
      const first = await service.handleCustomer(conversation.id, frame);
      const count = memory.messagesOf(conversation.id).length;
      const again = await service.handleCustomer(conversation.id, frame);
      expect(again).toEqual(first);
      expect(memory.messagesOf(conversation.id)).toHaveLength(count);
    });

    it('any other storage error fails the turn and writes nothing', async () => {
      const { service, memory } = setup();
      const { conversation } = await service.open({});
      memory.failNextCommits.push(new Error('disk I/O error'));
      await expect(service.handleCustomer(conversation.id, typed('where is my refund'))).rejects.toThrow('disk I/O error');
      expect(memory.messagesOf(conversation.id)).toHaveLength(1);
    });
  });
});
