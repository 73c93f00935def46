import type { FlowDefinition, SlotSpec } from './types';
import {
  CANCEL_REPLY,
  ORDER_SUGGESTION,
  EVIDENCE_REPLIES,
  orderIdExamples,
  parseAmount,
  parseEvidence,
  parseFreeText,
  parseMerchant,
  parseOrderId,
  parsePastDate,
  fromEntity,
  whenParsed,
} from './slots';

/** Days the merchant has to answer, and the usual time to a decision (knowledge-base/open-a-dispute.md). */
export const MERCHANT_RESPONSE_DAYS = 14;
export const DISPUTE_DECISION_DAYS = 30;

function evidence(name: string, label: string, question: string): SlotSpec {
  return {
    name,
    label,
    ask: () => ({ text: question, quickReplies: EVIDENCE_REPLIES }),
    parse: parseEvidence,
  };
}

/**
 * Dispute: "The seller never delivered and won't answer me." Order, merchant, amount, what
 * happened, when the merchant was contacted, then the evidence checklist; ends in a dispute case.
 * Articles: open-a-dispute, dispute-evidence, item-not-received.
 */
export const disputeFlow: FlowDefinition = {
  id: 'dispute',
  intents: ['open_dispute', 'item_not_received', 'item_not_as_described'],
  intro: () => [
    {
      text: "I'm sorry about that. I'll collect the details for a dispute so our team can review it; it takes a couple of minutes.",
      article: { id: 'open-a-dispute', title: 'How do I open a dispute?', url: '/help/open-a-dispute', category: 'dispute' },
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
      name: 'merchant',
      label: 'Merchant',
      prefill: fromEntity('merchant'),
      // Any name is accepted, so only a very confident other topic interrupts it.
      freeText: true,
      ask: () => ({ text: 'Which shop or seller was it?', quickReplies: [CANCEL_REPLY] }),
      parse: parseMerchant,
    },
    {
      name: 'amount',
      label: 'Amount',
      prefill: fromEntity('amount', 'text'),
      ask: () => ({ text: 'How much was the purchase?', quickReplies: [CANCEL_REPLY] }),
      parse: parseAmount,
    },
    {
      name: 'whatHappened',
      label: 'What happened',
      freeText: true,
      ask: () => ({ text: 'In a sentence or two, what happened?', quickReplies: [CANCEL_REPLY] }),
      parse: parseFreeText,
    },
    {
      name: 'contactedMerchantOn',
      label: 'Contacted the merchant on',
      ask: () => ({ text: 'When did you contact the merchant about it?', quickReplies: [CANCEL_REPLY] }),
      parse: (input) => parsePastDate(input),
    },
    evidence('evidenceConfirmationEmail', 'Order confirmation email', 'Evidence helps us decide quickly. Do you have the order confirmation email?'),
    evidence('evidenceTracking', 'Tracking number', 'Do you have a tracking number for the delivery?'),
    evidence('evidenceMerchantMessages', 'Messages with the merchant', 'Do you have your messages with the merchant (emails or chat)?'),
  ],
  finish: (slots, env) => ({
    kind: 'case',
    caseKind: 'dispute',
    priority: 'normal',
    say: (caseId) => [
      {
        text:
          `Thank you. I've opened dispute case ${caseId} for order ${slots.orderId} with ${slots.merchant}. ` +
          `We'll ask the merchant for their side (they have up to ${MERCHANT_RESPONSE_DAYS} days to respond) and most disputes are decided within ${DISPUTE_DECISION_DAYS} days. ` +
          'Meanwhile, payments on this purchase are paused and no late fees are added. ' +
          // No email was asked for: the case is followed here, in the chat, not by a promise to write.
          `Our team will look at it within ${env.caseFollowUpHours} hours; ask me here for the status of ${caseId} at any time.`,
      },
    ],
  }),
};
