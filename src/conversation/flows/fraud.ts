import type { FlowDefinition } from './types';
import type { SlotInput, SlotResult } from './types';
import { emergencySteps } from './security';

/**
 * Fraud: "A purchase from a shop I've never heard of, 230 euros, I did not buy this." Not a
 * question to answer from an article: the protective steps at once, which purchase it is (the
 * order id or the amount, taken from the message when it holds one), then a person with urgent
 * priority. With nobody there, the hand-off is recorded and a security case opened.
 * Article: unauthorised-purchase.
 */
export const fraudFlow: FlowDefinition = {
  id: 'fraud',
  intents: ['unauthorised_purchase'],
  caseKind: 'security',
  // An emergency like a takeover: it starts before anything else, even in the middle of another flow.
  interrupts: true,
  intro: (_env, start) => [emergencySteps(start)],
  slots: [
    {
      name: 'purchase',
      label: 'Purchase (order id or amount)',
      prefill: (input) => purchaseIn(input),
      suggest: { entity: 'order_id', question: (id) => `Is it the purchase in order ${id}?` },
      ask: () => ({ text: "Which purchase is it? The order id or the amount is enough, and I'll pass it on." }),
      // Urgent: whatever the customer says goes to the person taking over; it is never re-asked.
      parse: (input) => ({ ok: true, value: purchaseIn(input) ?? (input.text.trim().slice(0, 200) || 'not given') }) as SlotResult,
    },
  ],
  finish: () => ({ kind: 'handoff', reason: 'urgent_security', priority: 'urgent', say: [] }),
};

/** "order 48213977", "€230" or both, from the message's entities. */
function purchaseIn(input: SlotInput): string | undefined {
  const order = input.entities.find((e) => e.type === 'order_id');
  const amount = input.entities.find((e) => e.type === 'amount');
  const parts = [order ? `order ${order.value.toUpperCase()}` : '', amount ? amount.text.trim() : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
