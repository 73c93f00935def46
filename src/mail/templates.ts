import type { CaseRecord, CaseStatus } from '../storage/cases';
import type { MessageRecord } from '../storage/types';
import { headerText } from './header-safe';

/** A message ready for the transport: plain text only (nothing to render, nothing to inject). */
export interface MailContent {
  subject: string;
  text: string;
}

export interface TemplateContext {
  brandName: string;
  /** Renders a time for the customer. Default: UTC, e.g. "3 Dec 2026, 14:05 UTC". */
  formatTime?: (epochMs: number) => string;
}

const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'open',
  waiting_on_customer: 'waiting for information from you',
  in_review: 'being reviewed by our team',
  resolved: 'resolved',
};

const KIND_WORDS: Record<string, string> = {
  refund: 'your refund',
  dispute: 'your dispute',
  security: 'your account security',
  billing: 'your billing question',
  offline: 'your request',
};

/** "3 Dec 2026, 14:05 UTC". */
export function utcTime(epochMs: number): string {
  const d = new Date(epochMs);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** What the bot collected, as "label: value" lines (the case's `details.slots`). */
export function collectedLines(details: Record<string, unknown>): string[] {
  const slots = (details.slots ?? {}) as Record<string, { label?: unknown; value?: unknown } | undefined>;
  const lines: string[] = [];
  for (const slot of Object.values(slots)) {
    if (!slot || typeof slot.label !== 'string' || slot.value === undefined || slot.value === null) continue;
    const value = typeof slot.value === 'string' ? slot.value : JSON.stringify(slot.value);
    lines.push(`- ${slot.label}: ${value}`);
  }
  return lines;
}

/**
 * The confirmation a customer gets when a case is opened: its id, what was collected, when we
 * follow up.
 * @example caseConfirmation(c, { brandName: 'PayLater' }).subject // 'PayLater: support case CS-7K3P9Q opened'
 */
export function caseConfirmation(c: CaseRecord, ctx: TemplateContext): MailContent {
  const when = (ctx.formatTime ?? utcTime)(c.followUpBy);
  const collected = collectedLines(c.details);
  return {
    subject: headerText(`${ctx.brandName}: support case ${c.id} opened`),
    text: [
      'Hello,',
      '',
      `we've opened support case ${c.id} about ${KIND_WORDS[c.kind] ?? 'your request'}.`,
      '',
      ...(collected.length ? ['What you told us:', ...collected, ''] : []),
      `We'll follow up by ${when}.`,
      `Keep the case id ${c.id}: you can ask about it in the chat at any time.`,
      '',
      `${ctx.brandName} Support`,
    ].join('\n'),
  };
}

/** The note a customer gets when their case moves to another status. */
export function caseStatusChanged(c: CaseRecord, ctx: TemplateContext): MailContent {
  const when = (ctx.formatTime ?? utcTime)(c.followUpBy);
  const next: Record<CaseStatus, string> = {
    open: `We'll follow up by ${when}.`,
    waiting_on_customer: 'Please reply to this email with the information our team asked for in the chat.',
    in_review: `We'll follow up by ${when}.`,
    resolved: 'If something is still not right, start a chat and mention the case id.',
  };
  return {
    subject: headerText(`${ctx.brandName}: case ${c.id} is now ${STATUS_WORDS[c.status]}`),
    text: ['Hello,', '', `support case ${c.id} is now ${STATUS_WORDS[c.status]}.`, next[c.status], '', `${ctx.brandName} Support`].join('\n'),
  };
}

const SPEAKER: Record<MessageRecord['from'], string> = { customer: 'You', bot: 'Bot', agent: 'Agent', system: 'Note' };

/** The whole chat as plain text, oldest first, with times. */
export function transcript(messages: MessageRecord[], ctx: TemplateContext): MailContent {
  const time = ctx.formatTime ?? utcTime;
  const lines = messages.map((m) => {
    const who = m.from === 'agent' && typeof m.meta?.agentName === 'string' ? headerText(m.meta.agentName, 60) : SPEAKER[m.from];
    return `[${time(m.createdAt)}] ${who}: ${m.text}${m.article ? `\n    (${m.article.title}: ${m.article.url})` : ''}`;
  });
  return {
    subject: headerText(`${ctx.brandName}: your chat transcript`),
    text: ['Hello,', '', 'here is a copy of your chat with us.', '', ...lines, '', `${ctx.brandName} Support`].join('\n'),
  };
}
