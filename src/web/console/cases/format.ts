/** Pure helpers of the console's Cases section (unit-tested in Node). */

import type { CaseSlot, CaseStatus, CaseView } from '../../../protocol/api/cases';

// The payloads as the server declares them (src/protocol/api/cases.ts); types only, no TypeBox in the bundle.
export type { CaseSlot, CaseStatus, CaseView, FeedbackView } from '../../../protocol/api/cases';

export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'waiting_on_customer', 'in_review', 'resolved'];

const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  waiting_on_customer: 'Waiting on customer',
  in_review: 'In review',
  resolved: 'Resolved',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as CaseStatus] ?? status;
}

/** "due in 3 h", "overdue by 2 d" — and whether it is overdue (resolved cases never are). */
export function followUpText(followUpBy: number, now: number, status: string): { text: string; overdue: boolean } {
  if (status === 'resolved') return { text: 'resolved', overdue: false };
  const diff = followUpBy - now;
  const abs = Math.abs(diff);
  const unit = abs >= 86_400_000 ? `${Math.round(abs / 86_400_000)} d` : abs >= 3_600_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.max(1, Math.round(abs / 60_000))} min`;
  return diff >= 0 ? { text: `due in ${unit}`, overdue: false } : { text: `overdue by ${unit}`, overdue: true };
}

/** What the bot collected, in the order the flow asked for it. */
export function slotRows(c: Pick<CaseView, 'details'>): CaseSlot[] {
  return Object.values(c.details.slots ?? {}).filter((s) => s && typeof s.label === 'string' && s.value !== undefined);
}

// Shared with the chat view's rating badge.
export { ratingText } from '../api';
