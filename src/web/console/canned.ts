/**
 * The built-in canned replies an agent can insert into the composer (then edit before sending).
 * `{agent}` becomes the agent's first name.
 */

export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

export const CANNED_REPLIES: readonly CannedReply[] = [
  { id: 'greet', title: 'Greeting', text: "Hi, I'm {agent} from the support team. I've read your conversation with our assistant, so no need to repeat anything. Give me a moment to look into it." },
  { id: 'checking', title: 'Checking', text: "Thanks for your patience. I'm checking this with the details you gave and will be right back." },
  { id: 'order-id', title: 'Ask for order id', text: 'Could you share the order number? You can find it in the confirmation email from the shop.' },
  { id: 'refund-time', title: 'Refund timing', text: 'Once the merchant confirms the return, the refund reaches your payment plan within 3 to 5 business days, and any instalments already paid are returned to your card.' },
  { id: 'security', title: 'Card secured', text: "I've noted this as urgent. Please freeze your card in the app right now (Card → Freeze). Never share your full card number or security code in this chat." },
  { id: 'wrap-up', title: 'Anything else?', text: 'Is there anything else I can help you with today?' },
  { id: 'bye', title: 'Goodbye', text: 'Thanks for contacting us. Have a great day!' },
];

/** The reply text with placeholders filled. */
export function fillCanned(text: string, vars: { agentName: string }): string {
  const first = vars.agentName.trim().split(/\s+/)[0] || vars.agentName;
  return text.split('{agent}').join(first);
}

/** Case-insensitive filter on title and text, for the canned reply picker. */
export function filterCanned(query: string, list: readonly CannedReply[] = CANNED_REPLIES): CannedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list];
  return list.filter((c) => c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q));
}
