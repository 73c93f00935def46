/** Pure wording for the Webhooks section (unit-tested without a DOM). */
import type { DeliveryStatus, WebhookDeliveryView } from '../../../protocol/webhooks';

const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Waiting',
  delivering: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
};

export function deliveryStatusLabel(status: DeliveryStatus): string {
  return STATUS_LABELS[status];
}

/** "in 40 s", "in 3 min", "now" — how long until `at`. */
export function untilText(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  if (s <= 0) return 'now';
  if (s < 90) return `in ${s} s`;
  if (s < 90 * 60) return `in ${Math.round(s / 60)} min`;
  return `in ${Math.round(s / 3600)} h`;
}

/** The "Result" cell: what the last attempt got, and what happens next. */
export function outcomeText(d: WebhookDeliveryView, now: number): string {
  const last = d.lastError ?? (d.lastStatusCode !== undefined ? `HTTP ${d.lastStatusCode}` : '');
  switch (d.status) {
    case 'delivered':
      return `HTTP ${d.lastStatusCode ?? 200}`;
    case 'delivering':
      return 'Sending now…';
    case 'failed':
      return `${last || 'Failed'} — gave up`;
    case 'pending':
      return d.attempts === 0 ? `First try ${untilText(d.nextAttemptAt, now)}` : `${last} — retry ${untilText(d.nextAttemptAt, now)}`;
  }
}

/** A resend is refused while the delivery is being sent. */
export function canResend(d: WebhookDeliveryView): boolean {
  return d.status !== 'delivering';
}
