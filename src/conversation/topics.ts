import type { QuickReply } from '../protocol/customer';

/**
 * The four support topics the bot offers when a message is off-topic (DESIGN.md: billing,
 * refund, security, dispute), each with the questions most customers of that topic ask. A click
 * on a topic (`category:<name>`) offers these as `intent:<name>` quick replies; the service
 * labels them with the intents' own labels.
 */
export const SUPPORT_TOPICS = [
  { category: 'billing', label: 'Payments and billing', intents: ['payment_failed', 'unexpected_charge', 'change_due_date', 'repayment_schedule'] },
  { category: 'refund', label: 'Refunds and returns', intents: ['refund_status', 'report_return', 'refund_missing', 'return_address'] },
  { category: 'security', label: 'Account security', intents: ['account_takeover', 'lost_stolen_card', 'password_login_code', 'close_account'] },
  { category: 'dispute', label: 'Disputes', intents: ['open_dispute', 'item_not_received', 'item_not_as_described', 'unauthorised_purchase'] },
] as const;

/** Prefix of a support topic quick reply's value: `category:<category>`. */
export const CATEGORY_PREFIX = 'category:';

/** The four topics as quick replies. */
export function supportTopicReplies(): QuickReply[] {
  return SUPPORT_TOPICS.map((t) => ({ label: t.label, value: `${CATEGORY_PREFIX}${t.category}` }));
}

/** The intents a `category:<name>` click offers, or undefined when the value is not one. */
export function intentsOfTopic(value: string): readonly string[] | undefined {
  if (!value.startsWith(CATEGORY_PREFIX)) return undefined;
  return SUPPORT_TOPICS.find((t) => `${CATEGORY_PREFIX}${t.category}` === value)?.intents;
}

/** The label of a `category:<name>` value ("Payments and billing"). */
export function topicLabel(value: string): string | undefined {
  return SUPPORT_TOPICS.find((t) => `${CATEGORY_PREFIX}${t.category}` === value)?.label;
}
