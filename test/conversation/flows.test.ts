import type { AvailabilityEvent, ConversationEvent } from '../../src/conversation/events';
import { FLOWS } from '../../src/conversation/flows';
import { conversationMachine } from '../../src/conversation/machine';
import { startConversation, stateOf, statePathOf, step } from '../../src/conversation/snapshot';
import { INPUT, SEED, billingStart, cases, choice, disputeStart, entity, escalations, intent, last, refundStart, run, say, texts } from './machine-kit';

const refundHappy = [refundStart(), say('48213977', { entities: [entity('order_id', '48213977')] })];

describe('flow registry', () => {
  it('an intent starts at most one flow', () => {
    const intents = FLOWS.flatMap((f) => f.intents);
    expect(new Set(intents).size).toBe(intents.length);
  });
});

describe('refund flow', () => {
  it('explains the merchant must register the return and payments can be paused, then asks for the order id', () => {
    const { snapshot, effects } = run(refundStart());
    expect(texts(effects)[0]).toMatch(/merchant registers your return/);
    expect(texts(effects)[0]).toMatch(/pause the payments/);
    expect(last(effects)).toMatch(/order id/);
    expect(statePathOf(snapshot)).toBe('bot.flow.refund.orderId');
  });

  it('happy path, recent return: tells when to expect the refund, no case', () => {
    const { snapshot, effects } = run(...refundHappy, say('last week', { entities: [entity('date', '2026-03-13', 'last week')] }));
    expect(last(effects)).toMatch(/refund for order 48213977 by 27 March 2026/);
    expect(cases(effects)).toEqual([]);
    expect(statePathOf(snapshot)).toBe('bot.idle');
  });

  it('happy path, old return: opens a refund case with the collected slots', () => {
    const { effects } = run(...refundHappy, say('1 February', { entities: [entity('date', '2026-02-01', '1 February')] }));
    expect(last(effects)).toMatch(/opened refund case CS-7K3P9Q for order 48213977/);
    expect(last(effects)).toMatch(/within 24 hours/);
    expect(cases(effects)).toEqual([
      expect.objectContaining({
        id: 'CS-7K3P9Q',
        kind: 'refund',
        details: expect.objectContaining({
          slots: { orderId: { label: 'Order id', value: '48213977' }, returnDate: { label: 'Return sent on', value: '2026-02-01' } },
        }),
      }),
    ]);
  });

  it('re-asks politely for an order id of the wrong shape, and a date in the future', () => {
    const bad = run(refundStart(), say('1234'));
    expect(last(bad.effects)).toMatch(/doesn't look like one of our order ids.*48213977/);
    expect(statePathOf(bad.snapshot)).toBe('bot.flow.refund.orderId');
    const future = run(...refundHappy, say('next month', { entities: [entity('date', '2026-04-20', 'next month')] }));
    expect(last(future.effects)).toMatch(/still to come/);
    expect(statePathOf(future.snapshot)).toBe('bot.flow.refund.returnDate');
  });

  it('takes the order id from the first message and asks only for the date', () => {
    const { snapshot, effects } = run(
      intent('report_return', 'refund', 'I returned order 48213977 but still have to pay', { entities: [entity('order_id', '48213977')] }),
    );
    expect(last(effects)).toMatch(/When did you send the return back/);
    expect(statePathOf(snapshot)).toBe('bot.flow.refund.returnDate');
  });

  it('takes the order id the NLU found (with the configured pattern), and gives no default examples for a custom one', () => {
    let r = startConversation({ ...INPUT, orderIdPattern: '^A\\d{6}$' });
    r = step(r.snapshot, refundStart());
    // With ORDER_ID_PATTERN=^A\d{6}$ the NLU finds no order id in "48213977" (test/conversation/service.test.ts).
    const wrong = step(r.snapshot, say('48213977'));
    expect(last(wrong.effects)).toMatch(/doesn't look like/);
    expect(last(wrong.effects)).not.toMatch(/48213977|ORD-/);
    const right = step(r.snapshot, say('a123456', { entities: [entity('order_id', 'A123456', 'a123456')] }));
    expect(last(right.effects)).toMatch(/When did you send/);
    expect(right.snapshot.context.slots).toEqual({ orderId: 'A123456' });
  });

  it('cancel ends the flow politely and keeps what was given', () => {
    const { snapshot, effects } = run(...refundHappy, say('cancel'));
    expect(last(effects)).toMatch(/stopped there/);
    expect(statePathOf(snapshot)).toBe('bot.idle');
    expect(snapshot.context.slots).toEqual({ orderId: '48213977' });
  });

  it('a topic change mid-flow switches flow, reusing the order id', () => {
    const { snapshot, effects } = run(...refundHappy, disputeStart());
    expect(texts(effects)[0]).toMatch(/dispute/);
    expect(last(effects)).toMatch(/Which shop or seller/);
    expect(snapshot.context.flow?.id).toBe('dispute');
  });

  it('asking for a person mid-flow hands over with the collected slots in the summary', () => {
    const { snapshot, effects } = run(...refundHappy, intent('talk_to_human', 'human', 'let me talk to a person'));
    expect(stateOf(snapshot)).toBe('queued');
    expect(escalations(effects)).toEqual([
      expect.objectContaining({
        reason: 'asked_for_human',
        summary: expect.objectContaining({
          flow: { id: 'refund', awaiting: 'returnDate' },
          slots: { orderId: { label: 'Order id', value: '48213977' } },
        }),
      }),
    ]);
  });
});

describe('dispute flow', () => {
  const answers = [
    disputeStart(),
    say('48213977', { entities: [entity('order_id', '48213977')] }),
    say('Zalando', { entities: [entity('merchant', 'Zalando')] }),
    say('€49.99', { entities: [entity('amount', '{"amount":49.99,"currency":"EUR"}', '€49.99')] }),
    say('The parcel never arrived and they stopped answering'),
    say('on 5 March', { entities: [entity('date', '2026-03-05', '5 March')] }),
    choice('have_it'),
    say("I don't have it"),
  ];

  it('happy path: collects everything, the evidence checklist, then a dispute case with timeline and paused payments', () => {
    const before = run(...answers);
    expect(last(before.effects)).toMatch(/messages with the merchant/);
    const { snapshot, effects } = step(before.snapshot, say('yes'));
    const final = last(effects);
    expect(final).toMatch(/opened dispute case CS-7K3P9Q for order 48213977 with Zalando/);
    expect(final).toMatch(/most disputes are decided within 30 days/);
    expect(final).toMatch(/payments on this purchase are paused/);
    expect(cases(effects)[0]).toMatchObject({
      kind: 'dispute',
      details: {
        slots: expect.objectContaining({
          amount: { label: 'Amount', value: '€49.99' },
          evidenceConfirmationEmail: { label: 'Order confirmation email', value: 'yes' },
          evidenceTracking: { label: 'Tracking number', value: 'not available' },
          evidenceMerchantMessages: { label: 'Messages with the merchant', value: 'yes' },
        }),
      },
    });
    expect(statePathOf(snapshot)).toBe('bot.idle');
  });

  it('re-asks an amount it cannot read', () => {
    const { effects } = run(...answers.slice(0, 3), say('quite a lot'));
    expect(last(effects)).toMatch(/didn't catch the amount/);
  });

  it('handoff mid-flow: frustration hands over, the agent sees the merchant and amount', () => {
    const { effects } = run(...answers.slice(0, 4), say('this is useless!!!', { frustrated: true }));
    expect(escalations(effects)[0]?.summary).toMatchObject({
      flow: { id: 'dispute', awaiting: 'whatHappened' },
      slots: { merchant: { value: 'Zalando' }, amount: { value: '€49.99' } },
    });
  });

  it('a topic change mid-flow (billing) switches, cancel from a quick reply stops it', () => {
    const switched = run(...answers.slice(0, 2), billingStart());
    expect(switched.snapshot.context.flow?.id).toBe('billing');
    const cancelled = run(...answers.slice(0, 2), choice('cancel'));
    expect(statePathOf(cancelled.snapshot)).toBe('bot.idle');
    expect(last(cancelled.effects)).toMatch(/stopped there/);
  });
});

describe('security flow', () => {
  it('urgent steps at once, never asks for secrets, urgent handoff with what other flows collected', () => {
    const { snapshot, effects } = run(...refundHappy, intent('account_takeover', 'security', 'Someone logged into my account'));
    const all = texts(effects).join('\n');
    expect(texts(effects)[0]).toMatch(/lock your card in the app and change your password/);
    expect(all).not.toMatch(/\?\s*$/m); // asks nothing
    expect(escalations(effects)).toEqual([
      expect.objectContaining({
        reason: 'urgent_security',
        priority: 'urgent',
        summary: expect.objectContaining({ slots: { orderId: { label: 'Order id', value: '48213977' } } }),
      }),
    ]);
    expect(stateOf(snapshot)).toBe('queued');
  });
});

describe('billing flow', () => {
  it('the knowledge-base answer first; solved ends it', () => {
    const first = run(billingStart());
    expect(texts(first.effects)[0]).toMatch(/card has expired/);
    expect(last(first.effects)).toBe('Did that sort it out?');
    const solved = step(first.snapshot, choice('yes'));
    expect(last(solved.effects)).toMatch(/glad that helped/);
    expect(statePathOf(solved.snapshot)).toBe('bot.idle');
  });

  it('not solved: a failed payment goes to a person with what is still wrong', () => {
    const { snapshot, effects } = run(billingStart(), choice('no'), say('The retry failed again today'));
    expect(stateOf(snapshot)).toBe('queued');
    expect(escalations(effects)[0]?.summary).toMatchObject({
      flow: { id: 'billing' },
      slots: { solved: { value: 'no' }, problem: { value: 'The retry failed again today' } },
    });
  });

  it('not solved: an unexpected charge becomes a billing case with amount and date', () => {
    const { effects } = run(
      billingStart('unexpected_charge'),
      say('no'),
      say('€12.00', { entities: [entity('amount', '{"amount":12,"currency":"EUR"}', '€12.00')] }),
      say('yesterday', { entities: [entity('date', '2026-03-19', 'yesterday')] }),
    );
    expect(last(effects)).toMatch(/opened billing case CS-7K3P9Q for the charge of €12.00/);
    expect(cases(effects)[0]?.kind).toBe('billing');
  });

  it('an answer that is neither yes nor no is asked again', () => {
    const { effects } = run(billingStart(), say('hmm'));
    expect(last(effects)).toMatch(/yes or a no/);
  });
});

describe('case status', () => {
  it('answers the status of an owned case, and re-asks the flow question when in a flow', () => {
    const status = say('status of CS-7K3P9Q?', {
      caseStatus: { caseId: 'CS-7K3P9Q', found: true, status: 'in_review', kind: 'dispute', followUpBy: Date.parse('2026-03-21T10:00:00Z') },
    });
    expect(last(run(status).effects)).toBe("Dispute case CS-7K3P9Q is being reviewed by our team; we'll follow up by 21 March 2026.");
    const inFlow = run(refundStart(), status);
    expect(texts(inFlow.effects)[0]).toMatch(/is being reviewed/);
    expect(last(inFlow.effects)).toMatch(/order id/);
  });

  it('says the same for a missing case and someone else\'s: nothing is revealed', () => {
    const { effects } = run(say('status of CS-AAAAAA', { caseStatus: { caseId: 'CS-AAAAAA', found: false } }));
    expect(last(effects)).toMatch(/can't find a case CS-AAAAAA linked to this chat/);
  });
});

describe('offline fallback', () => {
  const noOne: AvailabilityEvent = { type: 'AVAILABILITY', available: false, nextOpening: Date.parse('2026-03-23T09:00:00Z'), seed: SEED };

  it('records the hand-off as unmet, opens the case with what the flow collected at once, then asks an email for it', () => {
    const offer = run(...refundHappy, intent('talk_to_human', 'human', 'a person please'), noOne);
    expect(escalations(offer.effects)).toEqual([expect.objectContaining({ reason: 'asked_for_human', priority: 'normal', unmet: true })]);
    expect(last(offer.effects)).toMatch(/No one from our team is available right now \(we're back Monday 23 March at 09:00 UTC\), so I've opened support case CS-7K3P9Q.*Which email address/);
    expect(cases(offer.effects)).toEqual([
      expect.objectContaining({ id: 'CS-7K3P9Q', kind: 'refund', details: expect.objectContaining({ slots: { orderId: { label: 'Order id', value: '48213977' } } }) }),
    ]);
    expect(statePathOf(offer.snapshot)).toBe('bot.offline.email');
    const bad = step(offer.snapshot, say('jane at example'));
    expect(last(bad.effects)).toMatch(/doesn't look like an email/);
    const done = step(offer.snapshot, say('jane@example.com', { entities: [entity('email', 'jane@example.com')] }));
    expect(last(done.effects)).toMatch(/added jane@example.com to case CS-7K3P9Q. Our team will follow up there within 24 hours/);
    expect(done.effects).toContainEqual({ type: 'setCaseEmail', params: { caseId: 'CS-7K3P9Q', email: 'jane@example.com' } });
    expect(cases(done.effects)).toEqual([]);
    expect(statePathOf(done.snapshot)).toBe('bot.idle');
  });

  it('with an email already given in the chat, the case opens at once with it', () => {
    const withEmail = say('my email is sam@example.com', { entities: [entity('email', 'sam@example.com')] });
    const { effects, snapshot } = run(withEmail, intent('talk_to_human', 'human', 'a person please'), { type: 'AVAILABILITY', available: false });
    expect(escalations(effects)).toEqual([expect.objectContaining({ unmet: true })]);
    expect(cases(effects)).toEqual([expect.objectContaining({ email: 'sam@example.com' })]);
    expect(texts(effects).join(' ')).not.toMatch(/Which email/);
    expect(stateOf(snapshot)).toBe('bot');
  });

  it('an urgent security handoff with no one there still gives the steps first', () => {
    const { effects } = run(intent('account_takeover', 'security', 'someone logged into my account'), { type: 'AVAILABILITY', available: false });
    expect(texts(effects)[0]).toMatch(/lock your card/);
    expect(last(effects)).toMatch(/No one from our team is available/);
  });
});

describe('every flow, state by state', () => {
  /** Steps one event at a time (no AVAILABILITY answer), returning the state path after each. */
  function walk(...events: ConversationEvent[]): string[] {
    let result = startConversation(INPUT);
    return events.map((event) => {
      result = step(JSON.parse(JSON.stringify(result.snapshot)), event);
      return statePathOf(result.snapshot);
    });
  }
  const date = (iso: string, text: string) => say(text, { entities: [entity('date', iso, text)] });

  it('states are generated from every FlowDefinition: bot.flow.<id>.<slot>, plus route and finish', () => {
    const flowNode = conversationMachine.root.states.bot!.states.flow!;
    for (const def of FLOWS) {
      expect(Object.keys(flowNode.states[def.id]!.states).sort()).toEqual([...def.slots.map((s) => s.name), 'finish', 'route'].sort());
    }
  });

  it('refund: orderId → returnDate → idle (or a case)', () => {
    expect(walk(refundStart(), say('48213977', { entities: [entity('order_id', '48213977')] }), date('2026-03-13', 'last week'))).toEqual([
      'bot.flow.refund.orderId',
      'bot.flow.refund.returnDate',
      'bot.idle',
    ]);
  });

  it('dispute: orderId → merchant → amount → whatHappened → contactedMerchantOn → three evidence questions → idle with a case', () => {
    const paths = walk(
      disputeStart(),
      say('48213977', { entities: [entity('order_id', '48213977')] }),
      say('Zalando'),
      say('€49.99', { entities: [entity('amount', '{"amount":49.99,"currency":"EUR"}', '€49.99')] }),
      say('The parcel never arrived'),
      date('2026-03-05', 'on 5 March'),
      choice('have_it'),
      choice('dont_have_it'),
      choice('have_it'),
    );
    expect(paths).toEqual([
      'bot.flow.dispute.orderId',
      'bot.flow.dispute.merchant',
      'bot.flow.dispute.amount',
      'bot.flow.dispute.whatHappened',
      'bot.flow.dispute.contactedMerchantOn',
      'bot.flow.dispute.evidenceConfirmationEmail',
      'bot.flow.dispute.evidenceTracking',
      'bot.flow.dispute.evidenceMerchantMessages',
      'bot.idle',
    ]);
  });

  it('a wrong answer stays in the slot; cancel leaves the flow from any slot', () => {
    expect(walk(disputeStart(), say('1234'), say('cancel'))).toEqual(['bot.flow.dispute.orderId', 'bot.flow.dispute.orderId', 'bot.idle']);
  });

  it('billing: solved → idle; unexpected charge not solved → amount → chargedOn → idle with a case; other topics → problem → hand-over', () => {
    expect(walk(billingStart(), choice('yes'))).toEqual(['bot.flow.billing.solved', 'bot.idle']);
    expect(walk(billingStart('unexpected_charge'), choice('no'), say('€12', { entities: [entity('amount', '{"amount":12,"currency":"EUR"}', '€12')] }), date('2026-03-19', 'yesterday'))).toEqual([
      'bot.flow.billing.solved',
      'bot.flow.billing.amount',
      'bot.flow.billing.chargedOn',
      'bot.idle',
    ]);
    expect(walk(billingStart(), choice('no'), say('The retry failed again today'), { type: 'AVAILABILITY', available: true })).toEqual([
      'bot.flow.billing.solved',
      'bot.flow.billing.problem',
      'bot.handingOver',
      'queued',
    ]);
  });

  it('security: no slots to ask, so straight to the hand-over, even from the middle of another flow', () => {
    expect(walk(intent('account_takeover', 'security', 'someone logged into my account'))).toEqual(['bot.handingOver']);
    expect(walk(disputeStart(), say('48213977', { entities: [entity('order_id', '48213977')] }), intent('lost_stolen_card', 'security', 'my card was stolen'))).toEqual([
      'bot.flow.dispute.orderId',
      'bot.flow.dispute.merchant',
      'bot.handingOver',
    ]);
  });

  it('a snapshot stored before flows were states ({ bot: "flow" } + context.flow) resumes in the slot it waited for', () => {
    const current = run(refundStart()).snapshot;
    const legacy = { ...current, value: { bot: 'flow' } };
    const next = step(legacy, say('48213977', { entities: [entity('order_id', '48213977')] }));
    expect(statePathOf(next.snapshot)).toBe('bot.flow.refund.returnDate');
  });
});
