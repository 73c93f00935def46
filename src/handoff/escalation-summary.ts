import type { CustomerBadge, Topic } from '../protocol/agent';
import type { EscalationSummary } from '../storage/meta';

/** The bot's guess of the topic, as agents see it next to a queued or opened chat. */
export function topicOf(summary: EscalationSummary): Topic | undefined {
  if (typeof summary.intent !== 'string') return undefined;
  return {
    intent: summary.intent,
    category: typeof summary.category === 'string' ? summary.category : '',
    confidence: typeof summary.confidence === 'number' ? summary.confidence : 0,
  };
}

/** What the bot collected (entities by type), so the agent does not ask again. */
export function collectedOf(summary: EscalationSummary): Record<string, unknown> {
  const e = summary.entities;
  return e && typeof e === 'object' && !Array.isArray(e) ? e : {};
}

/** The verified customer the escalation was raised for, as agents see it (name, email, "verified"). */
export function customerOf(summary: EscalationSummary): CustomerBadge | undefined {
  const c = summary.customer;
  if (!c || c.verified !== true || typeof c.id !== 'string') return undefined;
  return { id: c.id, verified: true, ...(c.name ? { name: c.name } : {}), ...(c.email ? { email: c.email } : {}) };
}
