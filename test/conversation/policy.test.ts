import fc from 'fast-check';
import type { AnswerCandidate, ConversationEvent, UserMessageEvent } from '../../src/conversation/events';
import { FLOWS } from '../../src/conversation/flows';
import { NOT_WHAT_I_NEED } from '../../src/conversation/flows/engine';
import { splitLeadingNo } from '../../src/conversation/machine-policy';
import { type Effect, startConversation, stateOf, statePathOf, step } from '../../src/conversation/snapshot';
import { INPUT, SEED, billingStart, cases, choice, disputeStart, entity, escalations, intent, last, run, runWith, say, texts } from './machine-kit';

/**
 * The conversation policy of issue 12, rule by rule, on the machine alone (step(), persisted as
 * JSON between events, as the service runs it). Each describe is one rule of docs/conversation.md
 * "The policy".
 */

const article = (id: string, category = 'refund'): AnswerCandidate => ({
  article: { id, title: id, url: `/help/${id}`, category },
  summary: `The answer of ${id}.`,
});
const refundQ = (overrides: Partial<UserMessageEvent> = {}) =>
  intent('refund_status', 'refund', 'when will my refund arrive', { answers: [article('refund-timing')], ...overrides });
const dueDateQ = () => intent('change_due_date', 'billing', 'can i move my due date', { answers: [article('change-due-date', 'billing')] });
const unsure = (text = 'hmm the thing') => say(text);
const offTopic = (text: string) => say(text, { offTopic: true, intent: { name: 'out_of_scope', category: 'out_of_scope', confidence: 0.99 } });
const noAndThen = (text: string, rest: UserMessageEvent) => ({ ...rest, text, leadingNo: splitLeadingNo(text)! });
// The service answers with the asking turn's seed: the case opened at the hand-off is CS-7K3P9Q.
const nobody = { type: 'AVAILABILITY', available: false, seed: SEED } as const;
const quickReplies = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'say' ? (e.params.quickReplies ?? []) : []));

describe('two strikes, then a person', () => {
  it('No to an answer, a topic picked from the menu, No again: a person, whatever menus came between', () => {
    const first = run(refundQ(), choice('no'));
    expect(first.snapshot.context.misses).toBe(1);
    expect(escalations(first.effects)).toEqual([]);
    const picked = choice('intent:change_due_date', { answers: [article('change-due-date', 'billing')] });
    const { snapshot, effects } = run(refundQ(), choice('no'), picked, choice('no'));
    expect(escalations(effects)).toEqual([expect.objectContaining({ reason: 'low_confidence', summary: expect.objectContaining({ misses: 2 }) })]);
    expect(stateOf(snapshot)).toBe('queued');
  });

  it('an unsure turn, an answer, a flow, small talk, then another unsure turn: a person', () => {
    const { snapshot, effects } = run(unsure(), refundQ(), intent('thanks', 'smalltalk', 'thanks'), unsure('idk the other one'));
    expect(escalations(effects)).toHaveLength(1);
    expect(stateOf(snapshot)).toBe('queued');
  });

  it('a refused slot answer is a miss: after an earlier miss, a second bad order id hands over with the flow in the summary', () => {
    const { snapshot, effects } = run(unsure(), disputeStart(), say('i dont have it'));
    expect(escalations(effects)).toEqual([
      expect.objectContaining({ reason: 'low_confidence', summary: expect.objectContaining({ flow: { id: 'dispute', awaiting: 'orderId' } }) }),
    ]);
    expect(stateOf(snapshot)).toBe('queued');
  });

  it('a refused slot answer is re-asked once, with the way out offered, and counted', () => {
    const { snapshot, effects } = run(disputeStart(), say('no idea'));
    expect(snapshot.context.misses).toBe(1);
    expect(statePathOf(snapshot)).toBe('bot.flow.dispute.orderId');
    expect(quickReplies(effects).map((q) => q.value)).toEqual([NOT_WHAT_I_NEED, 'cancel']);
  });

  it('every question of every flow offers "This isn\'t what I need", not only Cancel', () => {
    for (const def of FLOWS) {
      for (const slot of def.slots) {
        const env = { brandName: 'Acme Pay', orderIdPattern: '^(?:\\d{8}|ORD-\\d+)$', refundWaitDays: 14, caseFollowUpHours: 24 };
        const asked = slot.ask(env, {});
        // The machine adds the way out to whatever the flow wrote (withWayOut in askSlot and reprompt).
        const start = intent(def.intents[0]!, 'x', 'start it please', { answers: [] });
        const { effects } = run(start);
        const said = effects.filter((e) => e.type === 'say').map((e) => (e.type === 'say' ? e.params : undefined));
        const question = said.find((p) => p?.text === asked.text);
        if (question) expect(question.quickReplies?.map((q) => q.value)).toContain(NOT_WHAT_I_NEED);
      }
    }
    const { effects } = run(disputeStart());
    expect(quickReplies(effects).map((q) => q.label)).toEqual(["This isn't what I need", 'Cancel']);
  });

  it('"This isn\'t what I need" (clicked or typed) leaves the flow with topics and a person; the second miss hands over', () => {
    for (const out of [choice(NOT_WHAT_I_NEED), say('no, still not what I need')]) {
      const left = run(disputeStart(), out);
      expect(statePathOf(left.snapshot)).toBe('bot.clarifying');
      expect(left.snapshot.context.misses).toBe(1);
      expect(last(left.effects)).toMatch(/Sorry, I got that wrong/);
      expect(quickReplies(left.effects).at(-1)).toEqual({ label: 'Talk to a person', value: 'human' });
      expect(left.snapshot.context.flow).toBeNull();
      const again = run(disputeStart(), out, say("this isn't what I need"));
      expect(escalations(again.effects)).toEqual([expect.objectContaining({ reason: 'low_confidence' })]);
    }
  });

  it('a leading No after an answer is a No (a miss), and the rest of the message is a turn of its own', () => {
    const rest = intent('refund_missing', 'refund', 'the merchant already confirmed it', { answers: [article('refund-missing')] });
    const { snapshot, effects } = run(refundQ(), noAndThen('no, the merchant already confirmed it', rest));
    expect(snapshot.context.misses).toBe(1);
    expect(effects).toContainEqual({ type: 'say', params: { text: 'The answer of refund-missing.', article: article('refund-missing').article } });
    expect(statePathOf(snapshot)).toBe('bot.awaitingFeedbackOnAnswer');
  });

  it('a flow\'s "Did that sort it out?" No is a No to an answer: a miss, and the second one hands over', () => {
    const first = run(billingStart(), choice('no'));
    expect(first.snapshot.context.misses).toBe(1);
    expect(statePathOf(first.snapshot)).toBe('bot.flow.billing.problem');
    const second = run(unsure(), billingStart(), say('no'));
    expect(escalations(second.effects)).toEqual([expect.objectContaining({ reason: 'low_confidence' })]);
  });

  it('"no, <another question>" to a flow\'s "Did that sort it out?" leaves the flow and answers the question', () => {
    const { snapshot, effects } = run(billingStart(), noAndThen('no i mean can i move my due date', dueDateQ()));
    expect(snapshot.context.misses).toBe(1);
    expect(snapshot.context.flow).toBeNull();
    expect(texts(effects)).toContain('The answer of change-due-date.');
  });

  it('a leading No when the rest is unsure is two misses: a person', () => {
    const { effects } = run(refundQ(), noAndThen('nope, still waiting on that', say('still waiting on that')));
    expect(escalations(effects)).toHaveLength(1);
  });

  it('a bare No typed after an answer is a miss with the topics, not "I\'m not sure I understood"', () => {
    const { snapshot, effects } = run(refundQ(), noAndThen('not really', say('not really')));
    expect(snapshot.context.misses).toBe(1);
    expect(last(effects)).toMatch(/^Sorry about that/);
  });

  it('splitLeadingNo reads no / nope / not really and keeps the rest; "no one", "nothing" are not a No', () => {
    expect(splitLeadingNo('no, the merchant already confirmed it')).toEqual({ rest: 'the merchant already confirmed it' });
    expect(splitLeadingNo('Nope')).toEqual({ rest: '' });
    expect(splitLeadingNo('not really. where do i send it back')).toEqual({ rest: 'where do i send it back' });
    expect(splitLeadingNo("didn't help at all")).toEqual({ rest: '' });
    for (const text of ['no one answers my emails', 'nothing arrived', 'nobody called', 'now it works', 'notice from the shop']) {
      expect(splitLeadingNo(text)).toBeUndefined();
    }
  });

  it('the same answer is never sent twice in a row: the next best one, or a miss when there is none', () => {
    const twoAnswers = refundQ({ answers: [article('refund-timing'), article('refund-missing')] });
    const second = run(refundQ(), twoAnswers);
    expect(texts(second.effects)[0]).toBe('The answer of refund-missing.');
    const none = run(refundQ(), refundQ());
    expect(texts(none.effects)).not.toContain('The answer of refund-timing.');
    expect(none.snapshot.context.misses).toBe(1);
  });

  it('property: whatever the customer types or clicks (of what was offered), the bot never says the same text twice in a row', () => {
    const typed: UserMessageEvent[] = [
      refundQ(),
      dueDateQ(),
      unsure(),
      unsure('48213977'),
      offTopic('what is the weather like'),
      offTopic('tell me a joke'),
      disputeStart(),
      say('48213977', { entities: [entity('order_id', '48213977')] }),
      say('blah'),
      say('jane@example.com', { entities: [entity('email', 'jane@example.com')] }),
      noAndThen('no, when will my refund arrive', refundQ()),
      noAndThen('nope', say('nope')),
      intent('talk_to_human', 'human', 'a person please'),
      intent('greeting', 'smalltalk', 'hello?'),
      intent('thanks', 'smalltalk', 'thanks'),
      intent('goodbye', 'smalltalk', 'bye'),
    ];
    // A step: type one of the messages, or click the n-th quick reply of the latest bot message.
    const action = fc.oneof(fc.nat(typed.length - 1).map((i) => ({ typed: i })), fc.nat(6).map((n) => ({ click: n })));
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 10 }), fc.boolean(), fc.integer({ min: 2, max: 6 }), (actions, available, maxMisses) => {
        let result = startConversation({ ...INPUT, maxMisses });
        const said: string[] = texts(result.effects);
        let offered: Array<{ label: string; value: string }> = [];
        for (const a of actions) {
          if (stateOf(result.snapshot) !== 'bot') break;
          let event: ConversationEvent;
          if ('typed' in a) event = typed[a.typed]!;
          else {
            const reply = offered[a.click % Math.max(1, offered.length)];
            if (!reply) continue;
            const topics = reply.value.startsWith('category:') ? [{ label: 'Payment failed', value: 'intent:payment_failed' }] : [];
            event = choice(reply.value, { topics });
          }
          result = step(JSON.parse(JSON.stringify(result.snapshot)), event);
          if (result.effects.some((e) => e.type === 'checkAvailability')) {
            const answered = step(result.snapshot, { type: 'AVAILABILITY', available });
            result = { snapshot: answered.snapshot, effects: [...result.effects, ...answered.effects] };
          }
          said.push(...texts(result.effects));
          // The widget shows the quick replies of the latest bot message only.
          const lastSay = result.effects.filter((e) => e.type === 'say').at(-1);
          if (lastSay?.type === 'say') offered = lastSay.params.quickReplies ?? [];
        }
        for (let i = 1; i < said.length; i++) expect(said[i]).not.toBe(said[i - 1]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('an honest hand-off with nobody there', () => {
  const triggers: Array<[string, ConversationEvent[]]> = [
    ['asked for a person', [intent('talk_to_human', 'human', 'i want to talk to a human')]],
    ['frustration', [say('this is useless!!!', { frustrated: true })]],
    ['an account takeover', [intent('account_takeover', 'security', 'someone logged into my account')]],
    ['two misses', [unsure(), unsure('the other thing')]],
  ];

  it.each(triggers)('%s: recorded as an unmet escalation with its reason and urgency, a case follows, nobody is promised', (_name, events) => {
    const { snapshot, effects } = run(...events, nobody);
    const [escalation] = escalations(effects);
    expect(escalation).toMatchObject({ unmet: true });
    expect(escalation?.priority).toBe(escalation?.reason === 'urgent_security' ? 'urgent' : 'normal');
    // No bubble says a person is coming when nobody is there.
    expect(texts(effects).join(' ')).not.toMatch(/connecting you|bringing in a person|right away|at once/i);
    expect(last(effects)).toMatch(/No one from our team is available right now.*opened support case CS-7K3P9Q.*Which email address/);
    // The case is opened AT the hand-off, from what was collected: a customer who leaves now has one.
    expect(cases(effects)).toEqual([expect.objectContaining({ id: 'CS-7K3P9Q', priority: escalation?.priority })]);
    expect(cases(effects)[0]).not.toHaveProperty('email');
    // The email given next goes on that case: no second case.
    const given = step(snapshot, say('me@example.com', { entities: [entity('email', 'me@example.com')] }));
    expect(cases(given.effects)).toEqual([]);
    expect(given.effects).toContainEqual({ type: 'setCaseEmail', params: { caseId: 'CS-7K3P9Q', email: 'me@example.com' } });
    expect(statePathOf(given.snapshot)).toBe('bot.idle');
  });

  it('never says an email was sent, or will be, without a mailer; with one, says the confirmation went out', () => {
    const flow = [intent('talk_to_human', 'human', 'a person please'), nobody, say('me@example.com', { entities: [entity('email', 'me@example.com')] })];
    const without = run(...flow);
    expect(texts(without.effects).join(' ')).not.toMatch(/sent|confirmation|email you/);
    expect(last(without.effects)).toMatch(/added me@example.com to case CS-7K3P9Q/);
    const withMailer = runWith({ ...INPUT, emailEnabled: true }, ...flow);
    expect(last(withMailer.effects)).toMatch(/added me@example.com to case CS-7K3P9Q and sent a confirmation there/);
    // Known before the hand-off: said in the hand-off's own bubble, with the case opened with it.
    const known = [say('my email is me@example.com', { entities: [entity('email', 'me@example.com')] }), intent('talk_to_human', 'human', 'a person please'), nobody];
    expect(last(run(...known).effects)).not.toMatch(/sent|confirmation/);
    expect(last(runWith({ ...INPUT, emailEnabled: true }, ...known).effects)).toMatch(/sent a confirmation to me@example.com/);
    expect(cases(run(...known).effects)).toEqual([expect.objectContaining({ id: 'CS-7K3P9Q', email: 'me@example.com' })]);
  });

  it('Skip, "no", or a second answer that is not an email leaves the case open without an email: never asked a third time, no second case', () => {
    const asked = run(intent('talk_to_human', 'human', 'a person please'), nobody);
    for (const skip of [[choice('no_email')], [say('no thanks')], [say('what?'), say('i said i dont know')]]) {
      let result = { snapshot: asked.snapshot, effects: [] as Effect[] };
      for (const e of skip) result = step(result.snapshot, e);
      expect(cases(result.effects)).toEqual([]);
      expect(result.effects.some((e) => e.type === 'setCaseEmail')).toBe(false);
      expect(last(result.effects)).toMatch(/case CS-7K3P9Q stays open without an email.*ask me for the status of CS-7K3P9Q/);
      expect(statePathOf(result.snapshot)).toBe('bot.idle');
    }
  });

  it('a second hand-off with nobody there is recorded, but opens no second case: the open one is named', () => {
    const { effects } = run(intent('talk_to_human', 'human', 'a person please'), nobody, choice('no_email'), intent('talk_to_human', 'human', 'a person!!'), nobody);
    expect(escalations(effects)).toEqual([expect.objectContaining({ unmet: true })]);
    expect(cases(effects)).toEqual([]);
    expect(last(effects)).toMatch(/Still no one .*case CS-7K3P9Q is open/);
  });

  it('a snapshot stored in the email question before cases opened at the hand-off still gets its case when the email comes', () => {
    const asked = run(intent('talk_to_human', 'human', 'a person please'), nobody);
    const legacy = JSON.parse(JSON.stringify(asked.snapshot)) as typeof asked.snapshot;
    legacy.context = { ...legacy.context, offline: { kind: 'offline', priority: 'normal' }, offlineCaseId: null };
    const given = step(legacy, say('me@example.com', { entities: [entity('email', 'me@example.com')] }));
    expect(cases(given.effects)).toEqual([expect.objectContaining({ kind: 'offline', email: 'me@example.com' })]);
  });
});

describe('out of scope has its own reply', () => {
  it('says what the bot can help with, offers the four topics and a person, and is not a miss', () => {
    const { snapshot, effects } = run(offTopic("what's the weather"));
    expect(last(effects)).toMatch(/payments, refunds, account security and disputes/);
    expect(quickReplies(effects).map((q) => q.label)).toEqual(['Payments and billing', 'Refunds and returns', 'Account security', 'Disputes', 'Talk to a person']);
    expect(snapshot.context.misses).toBe(0);
    // Two off-topic lines and one unsure turn: one miss, no hand-off.
    const mixed = run(offTopic('tell me a joke'), offTopic('who won the football'), unsure());
    expect(escalations(mixed.effects)).toEqual([]);
    expect(mixed.snapshot.context.misses).toBe(1);
  });

  it('changes its words each time, and the third in a row offers a person first', () => {
    const replies = [1, 2, 3, 4].map((n) => run(...Array.from({ length: n }, (_, i) => offTopic(`off topic ${i}`))));
    const lines = replies.map((r) => last(r.effects));
    expect(new Set(lines).size).toBe(4);
    expect(quickReplies(replies[2]!.effects)[0]).toEqual({ label: 'Talk to a person', value: 'human' });
    expect(quickReplies(replies[0]!.effects)[0]?.label).toBe('Payments and billing');
    // Anything else in between starts the run again.
    const broken = run(offTopic('a'), offTopic('b'), refundQ(), offTopic('c'));
    expect(quickReplies(broken.effects)[0]?.label).toBe('Payments and billing');
  });

  it('a topic clicked from it offers that topic\'s questions, not a miss', () => {
    const topics = [{ label: 'Payment failed', value: 'intent:payment_failed' }];
    const { snapshot, effects } = run(offTopic('tell me a joke'), choice('category:billing', { topics }));
    expect(last(effects)).toMatch(/^Payments and billing: which of these is it/);
    expect(quickReplies(effects)).toEqual([...topics, { label: 'Talk to a person', value: 'human' }]);
    expect(snapshot.context.misses).toBe(0);
  });

  it('an unsure turn with no likely topic offers the four support topics, never a guess', () => {
    const { effects } = run(say('asdfgh', { topics: [] }));
    expect(quickReplies(effects).map((q) => q.value)).toEqual(['category:billing', 'category:refund', 'category:security', 'category:dispute', 'human']);
  });
});

describe('fraud and unauthorised purchases', () => {
  const fraud = (text: string, entities = [entity('amount', '{"amount":230,"currency":"EUR"}', '230 euros')]) =>
    intent('unauthorised_purchase', 'dispute', text, {
      entities,
      answers: [article('unauthorised-purchase', 'dispute')],
    });

  it('the protective steps, then an urgent hand-off with the amount collected from the message', () => {
    const { snapshot, effects } = run(fraud("A purchase from a shop I've never heard of, 230 euros, I did not buy this"));
    expect(texts(effects)[0]).toMatch(/lock your card in the app and change your password/);
    expect(escalations(effects)).toEqual([
      expect.objectContaining({
        reason: 'urgent_security',
        priority: 'urgent',
        summary: expect.objectContaining({ slots: { purchase: { label: 'Purchase (order id or amount)', value: '230 euros' } } }),
      }),
    ]);
    expect(stateOf(snapshot)).toBe('queued');
  });

  it('an angry fraud report is still the urgent path, not a normal hand-off for frustration', () => {
    const { effects } = run({ ...fraud('WHAT IS THIS 230 EUR CHARGE I NEVER BOUGHT THIS!!!'), frustrated: true });
    expect(texts(effects)[0]).toMatch(/lock your card/);
    expect(escalations(effects)).toEqual([expect.objectContaining({ reason: 'urgent_security', priority: 'urgent' })]);
  });

  it('an emergency the model is not sure of (below 0.7) is an unsure turn with topics, never the urgent path', () => {
    const vague = intent('unauthorised_purchase', 'dispute', 'something is wrong with a payment', {
      intent: { name: 'unauthorised_purchase', category: 'dispute', confidence: 0.51 },
      answers: [article('unauthorised-purchase', 'dispute')],
      topics: [{ label: 'Payment failed', value: 'intent:payment_failed' }],
    });
    const { snapshot, effects } = run(vague);
    expect(escalations(effects)).toEqual([]);
    expect(texts(effects).join(' ')).not.toMatch(/lock your card/);
    expect(statePathOf(snapshot)).toBe('bot.clarifying');
    expect(snapshot.context.misses).toBe(1);
  });

  it('asks which purchase when the message says neither, then hands over with whatever the answer was', () => {
    const asked = run(fraud('someone bought stuff with my account, not me', []));
    expect(last(asked.effects)).toMatch(/Which purchase is it/);
    expect(escalations(asked.effects)).toEqual([]);
    const { effects } = run(fraud('someone bought stuff with my account, not me', []), say('the one from yesterday, a phone'));
    expect(escalations(effects)).toEqual([expect.objectContaining({ priority: 'urgent', summary: expect.objectContaining({ slots: expect.objectContaining({ purchase: expect.objectContaining({ value: 'the one from yesterday, a phone' }) }) }) })]);
  });

  it('with nobody there: recorded as an unmet urgent hand-off, and a security case opened', () => {
    const { effects } = run(fraud('i did not buy this, 230 euros'), nobody);
    expect(escalations(effects)).toEqual([expect.objectContaining({ unmet: true, priority: 'urgent' })]);
    expect(cases(effects)).toEqual([expect.objectContaining({ kind: 'security', priority: 'urgent' })]);
  });

  it('an amount typed into another flow\'s slot is that slot\'s answer, even if the model reads fraud into it', () => {
    const atAmount = run(disputeStart(), say('48213977', { entities: [entity('order_id', '48213977')] }), say('Homestore'));
    expect(statePathOf(atAmount.snapshot)).toBe('bot.flow.dispute.amount');
    const next = step(atAmount.snapshot, fraud('80 euros', [entity('amount', '{"amount":80,"currency":"EUR"}', '80 euros')]));
    expect(statePathOf(next.snapshot)).toBe('bot.flow.dispute.whatHappened');
  });
});

describe('context: an order id the conversation already holds', () => {
  const withPage = { ...INPUT, orderId: '48213977' };

  it('from the page: "Is this about order 48213977?" with Yes/No; Yes fills the slot', () => {
    const asked = runWith(withPage, disputeStart());
    expect(last(asked.effects)).toBe('Is this about order 48213977?');
    expect(quickReplies(asked.effects).slice(0, 2)).toEqual([{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }]);
    const yes = step(asked.snapshot, choice('yes'));
    expect(yes.snapshot.context.slots).toMatchObject({ orderId: '48213977' });
    expect(statePathOf(yes.snapshot)).toBe('bot.flow.dispute.merchant');
  });

  it('No asks for the order id plainly (no miss), and another id typed instead is taken', () => {
    const asked = runWith(withPage, disputeStart());
    const no = step(asked.snapshot, choice('no'));
    expect(last(no.effects)).toMatch(/^What's the order id\?/);
    expect(no.snapshot.context.misses).toBe(0);
    const other = step(asked.snapshot, say('its 55554444 actually', { entities: [entity('order_id', '55554444')] }));
    expect(other.snapshot.context.slots).toMatchObject({ orderId: '55554444' });
  });

  it('from an earlier turn of the conversation', () => {
    const earlier = refundQ({ text: 'where is the refund for 48213977', entities: [entity('order_id', '48213977')] });
    const { effects } = run(earlier, intent('item_not_received', 'dispute', 'and the other thing never came at all'));
    expect(last(effects)).toBe('Is this about order 48213977?');
  });

  it('without one, the flow asks as before', () => {
    expect(last(run(disputeStart()).effects)).toMatch(/^What's the order id\?/);
  });
});

describe('chat copy: a case opened in a flow promises only what the chat keeps', () => {
  const env = { brandName: 'Acme Pay', orderIdPattern: '^(?:\\d{8}|ORD-\\d+)$', refundWaitDays: 14, caseFollowUpHours: 24 };
  const slots = { orderId: '48213977', returnDate: '2026-01-02', merchant: 'Zalando', amount: '€12', solved: 'no', chargedOn: '2026-03-01', problem: 'x' };

  it('no flow\'s case says it will write, email or "get back to you" (no email was asked for), and each says where to follow it', () => {
    let seen = 0;
    for (const def of FLOWS) {
      for (const intentName of def.intents) {
        const outcome = def.finish(slots, env, { intent: intentName }, Date.parse('2026-03-20T10:00:00Z'));
        if (outcome.kind !== 'case') continue;
        seen++;
        const text = outcome.say('CS-7K3P9Q').map((p) => p.text).join(' ');
        expect(text).not.toMatch(/get back to you|be in touch|e-?mail|contact us|write to you/i);
        expect(text).toMatch(/status of CS-7K3P9Q/);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(3);
  });
});

describe('two topics in one message: the first is answered, the second offered, never dropped', () => {
  const returns = { value: 'category:refund', label: 'Refunds and returns' };
  const lateFee = { value: 'intent:late_fee', label: 'Late fee' };

  it('with an answer: "Did this answer your question?" names the second topic and offers it beside Yes / No, once', () => {
    const { snapshot, effects } = run({ ...dueDateQ(), alsoTopic: lateFee });
    expect(last(effects)).toMatch(/^Did this answer your question\? You also mentioned "Late fee"/);
    expect(quickReplies(effects).slice(-3)).toEqual([{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }, { label: 'Late fee', value: 'intent:late_fee' }]);
    expect(snapshot.context.alsoTopic).toBeNull();
    // Picking it answers it: no miss, no menu.
    const picked = step(snapshot, choice('intent:late_fee', { answers: [article('late-fees', 'billing')] }));
    expect(texts(picked.effects)[0]).toBe('The answer of late-fees.');
    expect(picked.snapshot.context.misses).toBe(0);
    // Offered once: the next answer asks the plain question.
    const next = step(picked.snapshot, refundQ());
    expect(last(next.effects)).toBe('Did this answer your question?');
  });

  it('a whole category (its intent unsure) is offered as the category: the click opens its menu', () => {
    const { snapshot, effects } = run({ ...dueDateQ(), alsoTopic: returns });
    expect(quickReplies(effects).at(-1)).toEqual(returns);
    const menu = step(snapshot, choice('category:refund', { topics: [{ label: 'Refund status', value: 'intent:refund_status' }] }));
    expect(last(menu.effects)).toMatch(/^Refunds and returns: which of these is it\?/);
  });

  it('when the first topic starts a flow, the second is named at once and offered when the flow is done', () => {
    const started = run({ ...billingStart(), alsoTopic: returns });
    expect(texts(started.effects)).toContain('You also mentioned "Refunds and returns": I\'ll come back to that once this is sorted.');
    const done = step(started.snapshot, choice('yes'));
    expect(last(done.effects)).toMatch(/^You also mentioned "Refunds and returns". Want help with that now\?/);
    expect(quickReplies(done.effects).at(-1)).toEqual(returns);
    expect(done.snapshot.context.alsoTopic).toBeNull();
  });

  it('an emergency first: the other topic is named with no promise the bot comes back to it; a hand-off drops the offer (the person sees the message)', () => {
    const stolen = intent('lost_stolen_card', 'security', 'i also lost my purse yesterday', { alsoTopic: { value: 'intent:refund_status', label: 'Refund status' } });
    const { snapshot, effects } = run(stolen);
    const said = texts(effects).join('\n');
    expect(said).toMatch(/You also mentioned "Refund status": once the urgent part is dealt with, ask about it here/);
    expect(said).not.toMatch(/I'll come back to that/);
    expect(stateOf(snapshot)).toBe('queued');
    expect(snapshot.context.alsoTopic).toBeNull();
  });

  it('a hand-off (someone there or not) takes a second topic still waiting: after the chat comes back, no stale offer', () => {
    const vague = say('hmm the thing', { alsoTopic: lateFee });
    for (const available of [true, false]) {
      const { snapshot } = run(vague, unsure('and the other thing'), { type: 'AVAILABILITY', available, seed: SEED });
      expect(snapshot.context.alsoTopic).toBeNull();
    }
    const back = run(vague, unsure('and the other thing'), { type: 'RELEASED_TO_BOT' }, refundQ());
    expect(last(back.effects)).toBe('Did this answer your question?');
  });

  it('a second topic equal to the first is not kept', () => {
    const { effects } = run({ ...dueDateQ(), alsoTopic: { value: 'intent:change_due_date', label: 'Change the due date' } });
    expect(last(effects)).toBe('Did this answer your question?');
  });
});
