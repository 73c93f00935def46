import { initialTransition, transition } from 'xstate';
import type {
  AnswerCandidate,
  ChoiceEvent,
  ConversationEvent,
  MachineInput,
  TopicOption,
  UserMessageEvent,
} from '../../src/conversation/events';
import { conversationMachine } from '../../src/conversation/machine';
import { type Effect, type StepResult, startConversation, stateOf, statePathOf, step } from '../../src/conversation/snapshot';

// ---- event factory ----

const INPUT: MachineInput = { brandName: 'Acme Pay', maxMisses: 2 };

const refundAnswer: AnswerCandidate = {
  article: { id: 'refund-timing', title: 'When will I get my refund?', url: '/help/refund-timing', category: 'refund' },
  summary: 'Refunds reach your Acme Pay account within 5 business days after the shop confirms the return.',
};
const stolenCardAnswer: AnswerCandidate = {
  article: { id: 'lost-card', title: 'Lost or stolen card', url: '/help/lost-card', category: 'security' },
  summary: 'If your card is lost or stolen, freeze it straight away.',
};
const TOPICS: TopicOption[] = [
  { label: 'Refund status', value: 'intent:refund_status' },
  { label: 'Payment failed', value: 'intent:payment_failed' },
];

function message(overrides: Partial<UserMessageEvent> = {}): UserMessageEvent {
  return {
    type: 'USER_MESSAGE',
    messageId: 'm1',
    text: 'where is my refund?',
    intent: { name: 'refund_status', category: 'refund', confidence: 0.92 },
    ranking: [],
    entities: [],
    lowConfidence: false,
    frustrated: false,
    answers: [refundAnswer],
    topics: TOPICS,
    seed: 0,
    ...overrides,
  };
}

const lowConfidence = (overrides: Partial<UserMessageEvent> = {}): UserMessageEvent =>
  message({
    text: 'blorp the thing',
    intent: { name: 'out_of_scope', category: 'other', confidence: 0.2 },
    lowConfidence: true,
    answers: [],
    ...overrides,
  });

const askForHuman = (): UserMessageEvent =>
  message({ text: 'let me talk to a human', intent: { name: 'talk_to_human', category: 'human', confidence: 0.95 }, answers: [] });

const smalltalk = (name: string): UserMessageEvent =>
  message({ text: name, intent: { name, category: 'smalltalk', confidence: 0.9 }, answers: [] });

function choice(value: string, overrides: Partial<ChoiceEvent> = {}): ChoiceEvent {
  return { type: 'CHOICE', messageId: 'c1', value, answers: [], topics: TOPICS, seed: 0, ...overrides };
}

// ---- helpers ----

/**
 * One customer turn as the service runs it: the event's transition, then, when the machine asked
 * `checkAvailability`, the AVAILABILITY answer (someone is there); the effects of both, in order.
 */
function turn(snapshot: unknown, event: ConversationEvent): StepResult {
  const first = step(JSON.parse(JSON.stringify(snapshot)), event);
  if (!first.effects.some((e) => e.type === 'checkAvailability')) return first;
  const second = step(JSON.parse(JSON.stringify(first.snapshot)), { type: 'AVAILABILITY', available: true });
  return { snapshot: second.snapshot, effects: [...first.effects, ...second.effects] };
}

/** Runs events one after another, persisting as JSON in between like the database. */
function run(...events: ConversationEvent[]): StepResult {
  let result = startConversation(INPUT);
  for (const event of events) result = turn(result.snapshot, event);
  return result;
}

const says = (effects: Effect[]) => effects.filter((e) => e.type === 'say').map((e) => e.params);
const escalations = (effects: Effect[]) => effects.filter((e) => e.type === 'escalate').map((e) => e.params);
const texts = (effects: Effect[]) => says(effects).map((p) => p.text);

// ---- tests ----

describe('conversation machine', () => {
  it('greets with the brand and starts in bot.idle', () => {
    const { snapshot, effects } = startConversation(INPUT);
    expect(effects).toEqual([
      {
        type: 'say',
        params: { text: "Hi! I'm the Acme Pay assistant. Ask me about payments, refunds, account security or disputes." },
      },
    ]);
    expect(stateOf(snapshot)).toBe('bot');
    expect(statePathOf(snapshot)).toBe('bot.idle');
  });

  it('is usable directly with xstate initialTransition/transition', () => {
    const [s0, a0] = initialTransition(conversationMachine, INPUT);
    expect(a0.map((a) => a.type)).toEqual(['say']);
    const [s1, a1] = transition(conversationMachine, s0, message());
    expect(s1.value).toEqual({ bot: 'awaitingFeedbackOnAnswer' });
    expect(a1.map((a) => a.type)).toEqual(['say', 'say']);
  });

  describe('answers', () => {
    it('answers a confident question with the article and asks whether it helped', () => {
      const { snapshot, effects } = run(message());
      expect(says(effects)).toEqual([
        { text: refundAnswer.summary, article: refundAnswer.article },
        {
          text: 'Did this answer your question?',
          quickReplies: [
            { label: 'Yes', value: 'yes' },
            { label: 'No', value: 'no' },
          ],
        },
      ]);
      expect(escalations(effects)).toEqual([]);
      expect(statePathOf(snapshot)).toBe('bot.awaitingFeedbackOnAnswer');
      expect(snapshot.context.lastAnswer).toBe('refund-timing');
    });

    it('"yes" thanks the customer and goes back to idle', () => {
      const { snapshot, effects } = run(message(), choice('yes'));
      expect(texts(effects)).toEqual(['Great, glad that helped! Anything else I can do?']);
      expect(statePathOf(snapshot)).toBe('bot.idle');
    });

    it('"no" offers the other topics and a person, without the topic just answered', () => {
      const topics = [{ label: 'Refund status', value: 'intent:refund_status' }, ...TOPICS.slice(1)];
      const { snapshot, effects } = run(message(), choice('no', { topics }));
      expect(says(effects)).toEqual([
        {
          text: 'Sorry about that. Could you tell me a bit more, or pick a topic:',
          quickReplies: [
            { label: 'Payment failed', value: 'intent:payment_failed' },
            { label: 'Talk to a person', value: 'human' },
          ],
        },
      ]);
      expect(escalations(effects)).toEqual([]);
      expect(statePathOf(snapshot)).toBe('bot.clarifying');
      expect(snapshot.context.misses).toBe(1);
    });

    it('a picked topic is answered like a confident question; the miss before it still counts', () => {
      const { snapshot, effects } = run(lowConfidence(), choice('intent:refund_status', { answers: [refundAnswer] }));
      expect(says(effects)[0]).toEqual({ text: refundAnswer.summary, article: refundAnswer.article });
      expect(texts(effects)[1]).toBe('Did this answer your question?');
      expect(statePathOf(snapshot)).toBe('bot.awaitingFeedbackOnAnswer');
      expect(snapshot.context.misses).toBe(1);
      expect(snapshot.context.lastIntent).toEqual({ name: 'refund_status', category: 'refund', confidence: 1 });
    });

    it('small talk gets a short reply and is not a miss (nor does it forget one)', () => {
      const { snapshot, effects } = run(lowConfidence(), smalltalk('thanks'));
      expect(texts(effects)).toEqual(["You're welcome! Anything else I can help with?"]);
      expect(escalations(effects)).toEqual([]);
      expect(statePathOf(snapshot)).toBe('bot.idle');
      expect(snapshot.context.misses).toBe(1);
    });

    it('collects entities by type, the latest winning', () => {
      const entity = (type: string, value: string) => ({ type, value, text: value, start: 0, end: value.length });
      const { snapshot } = run(
        message({ entities: [entity('order_id', 'A-1'), entity('email', 'a@b.c')] }),
        choice('yes'),
        message({ entities: [entity('order_id', 'A-2')] }),
      );
      expect(snapshot.context.entities).toEqual({
        order_id: { value: 'A-2', text: 'A-2' },
        email: { value: 'a@b.c', text: 'a@b.c' },
      });
    });
  });

  describe('misses', () => {
    it('a first low-confidence message asks to clarify with the topics and a person', () => {
      const { snapshot, effects } = run(lowConfidence());
      expect(says(effects)).toEqual([
        {
          text: "I'm not sure I understood. Is it about one of these?",
          quickReplies: [...TOPICS, { label: 'Talk to a person', value: 'human' }],
        },
      ]);
      expect(statePathOf(snapshot)).toBe('bot.clarifying');
      expect(snapshot.context.misses).toBe(1);
      expect(snapshot.context.lastTopics).toEqual(TOPICS);
    });

    it('a confident intent with nothing to answer is a miss too', () => {
      const { snapshot, effects } = run(message({ answers: [] }));
      expect(texts(effects)).toEqual(["I'm not sure I understood. Is it about one of these?"]);
      expect(snapshot.context.misses).toBe(1);
    });

    it('two misses in a row hand over with reason low_confidence', () => {
      const { snapshot, effects } = run(lowConfidence(), lowConfidence());
      expect(escalations(effects)).toEqual([
        {
          reason: 'low_confidence',
          priority: 'normal',
          summary: {
            intent: 'out_of_scope',
            category: 'other',
            confidence: 0.2,
            entities: {},
            misses: 2,
            lastAnswer: null,
            // Since the guided flows: which flow was running and what it collected (none here).
            flow: null,
            slots: {},
          },
        },
      ]);
      expect(says(effects)).toHaveLength(1);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('"no" then a low-confidence message hands over, with the answered article in the summary', () => {
      const { snapshot, effects } = run(message(), choice('no'), lowConfidence());
      const [escalation] = escalations(effects);
      expect(escalation?.reason).toBe('low_confidence');
      expect(escalation?.summary).toMatchObject({ misses: 2, lastAnswer: 'refund-timing' });
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('two misses in a conversation hand over, whatever answers came between', () => {
      const { snapshot, effects } = run(lowConfidence(), message(), lowConfidence());
      expect(escalations(effects)).toEqual([expect.objectContaining({ reason: 'low_confidence' })]);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('an unknown quick-reply value is a miss', () => {
      const { snapshot, effects } = run(choice('something-else'));
      expect(texts(effects)).toEqual(["I'm not sure I understood. Is it about one of these?"]);
      expect(snapshot.context.misses).toBe(1);
    });

    it('a picked topic without an answer is a miss and is not offered again', () => {
      const { effects } = run(choice('intent:refund_status'));
      const [reply] = says(effects);
      expect(reply?.quickReplies?.map((q) => q.value)).toEqual(['intent:payment_failed', 'human']);
    });
  });

  describe('hand-over to a person', () => {
    it('asking for a person escalates at once with reason asked_for_human', () => {
      const { snapshot, effects } = run(askForHuman());
      expect(texts(effects)).toHaveLength(1);
      expect(texts(effects)[0]).toMatch(/connecting you with a person/);
      expect(escalations(effects)).toEqual([
        expect.objectContaining({ reason: 'asked_for_human', priority: 'normal' }),
      ]);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('the "Talk to a person" quick reply escalates the same way', () => {
      const { snapshot, effects } = run(lowConfidence(), choice('human'));
      expect(escalations(effects)).toEqual([
        expect.objectContaining({ reason: 'asked_for_human', priority: 'normal' }),
      ]);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('a low-confidence "human" guess is not taken as a request for a person', () => {
      const { snapshot, effects } = run(
        message({ intent: { name: 'talk_to_human', category: 'human', confidence: 0.3 }, lowConfidence: true, answers: [] }),
      );
      expect(escalations(effects)).toEqual([]);
      expect(statePathOf(snapshot)).toBe('bot.clarifying');
    });

    it('asking again while queued reassures without a second escalation', () => {
      const { snapshot, effects } = run(askForHuman(), askForHuman());
      expect(effects).toEqual([{ type: 'say', params: { text: "You're already in line for a person." } }]);
      expect(stateOf(snapshot)).toBe('queued');
      const clicked = run(askForHuman(), choice('human'));
      expect(escalations(clicked.effects)).toEqual([]);
      expect(texts(clicked.effects)).toEqual(["You're already in line for a person."]);
    });

    it('other messages while queued get no bot reply', () => {
      const { snapshot, effects } = run(askForHuman(), message(), choice('yes'));
      expect(effects).toEqual([]);
      expect(stateOf(snapshot)).toBe('queued');
      expect(run(askForHuman(), message()).effects).toEqual([]);
    });

    it('strong frustration apologises and escalates with reason frustration', () => {
      const { snapshot, effects } = run(message({ text: 'this is useless!!!', frustrated: true }));
      expect(texts(effects)[0]).toMatch(/sorry/i);
      expect(escalations(effects)).toEqual([expect.objectContaining({ reason: 'frustration', priority: 'normal' })]);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it.each(['lost_stolen_card', 'account_takeover'])('%s gets the urgent steps first and an urgent escalation', (name) => {
      const { snapshot, effects } = run(
        message({ text: 'my card was stolen', intent: { name, category: 'security', confidence: 0.9 }, answers: [stolenCardAnswer] }),
      );
      // The steps, the question to the hand-off part, then (someone is there) the hand-over.
      expect(effects.map((e) => e.type)).toEqual(['say', 'checkAvailability', 'say', 'escalate']);
      const [steps] = says(effects);
      expect(steps?.text).toContain(stolenCardAnswer.summary);
      // The answer already says to freeze the card: the steps are not given twice in one bubble.
      expect(steps?.text).not.toContain('lock your card');
      expect(steps?.text).toMatch(/we will never ask for your password, one-time code or full card number/i);
      expect(steps?.article).toEqual(stolenCardAnswer.article);
      expect(escalations(effects)).toEqual([
        expect.objectContaining({ reason: 'urgent_security', priority: 'urgent', summary: expect.objectContaining({ intent: name }) }),
      ]);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('picking an urgent security topic is urgent too', () => {
      const { snapshot, effects } = run(lowConfidence(), choice('intent:lost_stolen_card', { answers: [stolenCardAnswer] }));
      expect(texts(effects)[0]).toContain(stolenCardAnswer.summary);
      expect(escalations(effects)).toEqual([
        expect.objectContaining({ reason: 'urgent_security', priority: 'urgent', summary: expect.objectContaining({ intent: 'lost_stolen_card', category: 'security' }) }),
      ]);
      expect(stateOf(snapshot)).toBe('queued');
    });

    it('picking the talk_to_human topic asks for a person', () => {
      const { effects } = run(choice('intent:talk_to_human'));
      expect(escalations(effects)).toEqual([expect.objectContaining({ reason: 'asked_for_human' })]);
    });

    it('urgent steps are given in full when the answer does not say to freeze the card, or there is none', () => {
      const other = { ...stolenCardAnswer, summary: 'Change your password and sign out of all devices now.' };
      const withOther = run(message({ intent: { name: 'account_takeover', category: 'security', confidence: 0.9 }, answers: [other] }));
      expect(texts(withOther.effects)[0]).toMatch(/sign out of all devices now\.\n\nPlease do this right now: lock your card/);
    });

    it('urgent steps are given even without an article', () => {
      const { effects } = run(
        message({ intent: { name: 'account_takeover', category: 'security', confidence: 0.9 }, answers: [] }),
      );
      expect(texts(effects)[0]).toMatch(/^Please do this right now: lock your card/);
      expect(escalations(effects)[0]?.priority).toBe('urgent');
    });

    it('the summary carries what the bot learned', () => {
      const { effects } = run(
        message({ entities: [{ type: 'order_id', value: 'A-1', text: 'A-1', start: 0, end: 3 }] }),
        choice('no'),
        choice('human'),
      );
      expect(escalations(effects)[0]?.summary).toEqual({
        intent: 'refund_status',
        category: 'refund',
        confidence: 0.92,
        entities: { order_id: { value: 'A-1', text: 'A-1' } },
        misses: 1,
        lastAnswer: 'refund-timing',
        flow: null,
        slots: {},
      });
    });
  });

  describe('agent and end', () => {
    it('an agent joining moves to agent with a system message; the bot then stays quiet', () => {
      const joined = run(askForHuman(), { type: 'AGENT_JOINED', agentName: 'Sam' });
      expect(joined.effects).toEqual([{ type: 'say', params: { text: 'Sam joined the chat', from: 'system' } }]);
      expect(stateOf(joined.snapshot)).toBe('agent');
      const talking = run(askForHuman(), { type: 'AGENT_JOINED', agentName: 'Sam' }, message(), askForHuman(), choice('no'));
      expect(talking.effects).toEqual([]);
      expect(stateOf(talking.snapshot)).toBe('agent');
    });

    it('released to the bot from agent: back to bot.idle, misses reset, and answering again', () => {
      const released = run(lowConfidence(), lowConfidence(), { type: 'AGENT_JOINED', agentName: 'Sam' }, { type: 'RELEASED_TO_BOT' });
      expect(texts(released.effects)).toEqual(["You're back with the Acme Pay assistant. How can I help?"]);
      expect(statePathOf(released.snapshot)).toBe('bot.idle');
      expect(released.snapshot.context.misses).toBe(0);
      const next = turn(released.snapshot, lowConfidence());
      expect(escalations(next.effects)).toEqual([]);
      expect(statePathOf(next.snapshot)).toBe('bot.clarifying');
    });

    it('an agent who dropped past the grace period sends the chat back to the queue, told to the customer', () => {
      const left = run(askForHuman(), { type: 'AGENT_JOINED', agentName: 'Sam' }, { type: 'AGENT_LEFT' });
      expect(stateOf(left.snapshot)).toBe('queued');
      expect(texts(left.effects)[0]).toMatch(/keep your place in line/);
      // Back in the queue the bot stays quiet until a person joins again.
      expect(turn(left.snapshot, message()).effects).toEqual([]);
    });

    it('released to the bot straight from the queue', () => {
      const { snapshot, effects } = run(askForHuman(), { type: 'RELEASED_TO_BOT' });
      expect(texts(effects)).toEqual(["You're back with the Acme Pay assistant. How can I help?"]);
      expect(statePathOf(snapshot)).toBe('bot.idle');
    });

    it.each([
      ['bot', [] as ConversationEvent[]],
      ['queued', [askForHuman()]],
      ['agent', [askForHuman(), { type: 'AGENT_JOINED', agentName: 'Sam' } as ConversationEvent]],
    ])('END from %s closes with a system goodbye', (_from, before) => {
      const { snapshot, effects } = run(...before, { type: 'END' });
      expect(effects).toEqual([{ type: 'say', params: { text: 'Thanks for chatting with us.', from: 'system' } }]);
      expect(stateOf(snapshot)).toBe('closed');
    });

    it('ignores everything once closed', () => {
      const events: ConversationEvent[] = [
        message(),
        askForHuman(),
        choice('human'),
        { type: 'AGENT_JOINED', agentName: 'Sam' },
        { type: 'RELEASED_TO_BOT' },
        { type: 'END' },
      ];
      for (const event of events) {
        const { snapshot, effects } = run({ type: 'END' }, event);
        expect(effects).toEqual([]);
        expect(stateOf(snapshot)).toBe('closed');
      }
    });
  });

  describe('persisted snapshot', () => {
    it('round-trips through JSON and continues where it was (misses survive)', () => {
      const first = startConversation(INPUT);
      const afterMiss = step(first.snapshot, lowConfidence());
      const json = JSON.stringify(afterMiss.snapshot);
      const restored: unknown = JSON.parse(json);
      expect(restored).toEqual(afterMiss.snapshot);
      expect(stateOf(restored)).toBe('bot');
      const next = turn(restored, lowConfidence());
      expect(escalations(next.effects)).toEqual([expect.objectContaining({ reason: 'low_confidence' })]);
      expect(stateOf(next.snapshot)).toBe('queued');
    });

    it('does not greet again when restored', () => {
      const { effects } = run(message(), choice('yes'), smalltalk('greeting'));
      expect(texts(effects)).toEqual(['Hello! What can I help you with today?']);
    });

    it('keeps the brand and threshold from the start', () => {
      let result = startConversation({ brandName: 'Zed', maxMisses: 3 });
      for (let i = 0; i < 2; i++) result = turn(result.snapshot, lowConfidence());
      expect(escalations(result.effects)).toEqual([]);
      result = turn(result.snapshot, lowConfidence());
      expect(escalations(result.effects)).toHaveLength(1);
      const back = step(step(result.snapshot, { type: 'AGENT_JOINED', agentName: 'Ann' }).snapshot, { type: 'RELEASED_TO_BOT' });
      expect(texts(back.effects)).toEqual(["You're back with the Zed assistant. How can I help?"]);
    });

    it('rejects something that is not a conversation snapshot', () => {
      expect(() => step(null, message())).toThrow(TypeError);
      expect(() => step({ value: 'bot' }, message())).toThrow(TypeError);
      expect(() => stateOf({ value: 'elsewhere', context: {} })).toThrow(TypeError);
    });
  });
});
