import type { FlowDefinition } from './types';
import { CANCEL_REPLY, YES_NO_CANCEL, fromEntity, parseAmount, parseFreeText, parsePastDate, parseYesNo, whenParsed } from './slots';

/** Billing topics whose unsolved case goes to a case (a charge to investigate) rather than a person. */
const CASE_TOPICS = new Set(['unexpected_charge']);

/**
 * Billing: a failed payment, an unexpected charge, the repayment schedule, paying early. The
 * knowledge-base answer is the troubleshooting path; when it does not solve it, an unexpected
 * charge becomes a case (amount + date) and the rest go to a person with what was said.
 * Articles: payment-failed, unexpected-charge, repayment-schedule, pay-early.
 */
export const billingFlow: FlowDefinition = {
  id: 'billing',
  intents: ['payment_failed', 'unexpected_charge', 'repayment_schedule', 'pay_early'],
  intro: (_env, start) =>
    start.answer
      ? [{ text: start.answer.summary, article: start.answer.article }]
      : [{ text: "Let's sort out your payment together." }],
  slots: [
    {
      name: 'solved',
      label: 'Knowledge-base steps solved it',
      // A No here is a No to the answer the intro gave: a miss.
      answerFeedback: true,
      ask: () => ({ text: 'Did that sort it out?', quickReplies: YES_NO_CANCEL }),
      parse: parseYesNo,
    },
    {
      name: 'amount',
      label: 'Amount',
      prefill: fromEntity('amount', 'text'),
      when: (s, start) => s.solved === 'no' && CASE_TOPICS.has(start.intent),
      ask: () => ({ text: 'Sorry it didn\'t. How much was the charge?', quickReplies: [CANCEL_REPLY] }),
      parse: parseAmount,
    },
    {
      name: 'chargedOn',
      label: 'Charged on',
      prefill: whenParsed(parsePastDate),
      when: (s, start) => s.solved === 'no' && CASE_TOPICS.has(start.intent),
      ask: () => ({ text: 'And on which date was it charged?', quickReplies: [CANCEL_REPLY] }),
      parse: (input) => parsePastDate(input),
    },
    {
      name: 'problem',
      label: 'What is still wrong',
      freeText: true,
      when: (s, start) => s.solved === 'no' && !CASE_TOPICS.has(start.intent),
      ask: () => ({ text: "Sorry it didn't. What's still wrong? A sentence is enough; I'll pass it on.", quickReplies: [CANCEL_REPLY] }),
      parse: parseFreeText,
    },
  ],
  finish: (slots, env, start) => {
    if (slots.solved === 'yes') return { kind: 'done', say: [{ text: 'Great, glad that helped! Anything else I can do?' }] };
    if (CASE_TOPICS.has(start.intent)) {
      return {
        kind: 'case',
        caseKind: 'billing',
        priority: 'normal',
        say: (caseId) => [
          {
            text:
              `I've opened billing case ${caseId} for the charge of ${slots.amount}. Our billing team will check it within ` +
              `${env.caseFollowUpHours} hours, and if it was charged by mistake, we'll refund it. Ask me here for the status of ${caseId} at any time.`,
          },
        ],
      };
    }
    return { kind: 'handoff', reason: 'asked_for_human', priority: 'normal', say: [] };
  },
};
