import type { FlowDefinition } from './types';
import { CANCEL_REPLY, ORDER_SUGGESTION, addDaysIso, daysBetween, formatDay, orderIdExamples, parseOrderId, parsePastDate, whenParsed } from './slots';

/**
 * Refund: "I returned my jacket but I'm still being asked to pay." The merchant must register the
 * return first; payments can be paused meanwhile. Young returns get a date to expect the refund,
 * older ones a case (config `REFUND_WAIT_DAYS`). Articles: report-a-return, payments-paused,
 * refund-missing.
 */
export const refundFlow: FlowDefinition = {
  id: 'refund',
  // refund_missing ("returned two weeks ago, still no refund") is answered from the knowledge
  // base first, with "Did this answer your question?"; the flow is for returns still being billed.
  intents: ['report_return'],
  intro: (env) => [
    {
      text:
        'I can help with that. A refund starts once the merchant registers your return, so payments can still be ' +
        `asked for until then. You can pause the payments on that purchase in the ${env.brandName} app while the return is processed.`,
      article: { id: 'payments-paused', title: 'Why are my payments paused?', url: '/help/payments-paused', category: 'refund' },
    },
  ],
  slots: [
    {
      name: 'orderId',
      label: 'Order id',
      prefill: whenParsed(parseOrderId),
      suggest: ORDER_SUGGESTION,
      ask: (env) => ({ text: `What's the order id?${orderIdExamples(env)}`, quickReplies: [CANCEL_REPLY] }),
      parse: parseOrderId,
    },
    {
      name: 'returnDate',
      label: 'Return sent on',
      prefill: whenParsed(parsePastDate),
      ask: () => ({ text: 'When did you send the return back?', quickReplies: [CANCEL_REPLY] }),
      parse: (input) => parsePastDate(input),
    },
  ],
  finish: (slots, env, _start, now) => {
    const returned = slots.returnDate ?? '';
    const age = now === undefined ? 0 : daysBetween(returned, now);
    if (age < env.refundWaitDays) {
      const by = addDaysIso(returned, env.refundWaitDays);
      return {
        kind: 'done',
        say: [
          {
            text:
              `Thanks. Merchants usually register a return within ${env.refundWaitDays} days of receiving it, so you should ` +
              `see the refund for order ${slots.orderId} by ${formatDay(by)}. If it hasn't arrived by then, message me again and I'll open a case.`,
          },
        ],
      };
    }
    return {
      kind: 'case',
      caseKind: 'refund',
      priority: 'normal',
      say: (caseId) => [
        {
          text:
            `It's been ${age} days since you sent the return, which is longer than it should take. I've opened refund case ${caseId} ` +
            `for order ${slots.orderId}: we'll chase the merchant within ${env.caseFollowUpHours} hours; ask me here for the status of ${caseId} at any time. ` +
            'Payments on this purchase are paused while we look into it.',
        },
      ],
    };
  },
};
