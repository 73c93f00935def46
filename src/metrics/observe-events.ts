import type { DomainEvent } from '../events/types';
import type { Metrics } from './registry';

/**
 * A domain-event listener (src/events) that counts hand-offs by reason and priority and the
 * end-of-chat ratings. A turn that joins an escalation already open emits the same event id
 * again (see tapStorage); the listener remembers the last `remember` ids so it counts each
 * happening once.
 * @example events.on(countDomainEvents(metrics));
 */
export function countDomainEvents(metrics: Metrics, remember = 10_000): (event: DomainEvent) => void {
  const seen = new Set<string>();
  return (event) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > remember) seen.delete(seen.values().next().value as string);
    if (event.type === 'conversation.escalated') {
      const outcome = event.escalation.status === 'unmet' ? 'unmet' : 'met';
      metrics.handoffs.inc({ reason: event.escalation.reason, priority: event.escalation.priority, outcome });
    } else if (event.type === 'feedback.received') {
      metrics.csat.inc({ rating: String(event.feedback.rating) });
    }
  };
}
