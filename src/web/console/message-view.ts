/**
 * One entry of a transcript as the console shows it: who said it and when, what the bot
 * understood (customer messages) or was answering (bot turns), the text with links, and any
 * buttons the view adds to the message (promote a reply, flag a customer message). Internal
 * notes and this agent's unsent messages have their own looks. Text goes in as text nodes.
 */
import type { TranscriptMessage } from '../../protocol/agent';
import { h, linkify } from './dom';
import { formatClock } from './format';
import type { TimelineItem, Understood } from './timeline';

/** What a view adds beside a message's meta line; undefined for nothing. */
export type MessageActions = (message: TranscriptMessage) => Node | undefined;

function chip(u: Understood, prefix = ''): HTMLElement {
  return h('span', { class: `chip conf-${u.level}`, title: 'What the bot understood, with its confidence' }, `${prefix}${u.intent} · ${u.confidence}`);
}

export function renderTimelineItem(item: TimelineItem, actions?: MessageActions): HTMLElement {
  if (item.kind === 'note') {
    return h(
      'div',
      { class: 'msg note', 'data-key': item.key },
      h('div', { class: 'meta' }, h('strong', {}, 'Internal note'), ` · ${item.note.agentName} · ${formatClock(item.note.createdAt)} · not visible to the customer`),
      h('div', { class: 'bubble' }, item.note.text),
    );
  }
  if (item.kind === 'pending') {
    return h(
      'div',
      { class: 'msg agent pending', 'data-key': item.key },
      h('div', { class: 'meta' }, item.failed ? `Not sent: ${item.failed}` : 'Sending…'),
      h('div', { class: 'bubble' }, item.text),
    );
  }
  const m = item.message;
  const meta = h('div', { class: 'meta' }, h('span', {}, item.who), h('span', {}, formatClock(m.createdAt)));
  if (item.understood) meta.append(chip(item.understood));
  if (item.answering) meta.append(chip(item.answering, 'answering '));
  const extra = actions?.(m);
  if (extra) meta.append(extra);
  return h('div', { class: `msg ${m.from}`, 'data-key': item.key, 'data-from': m.from }, meta, h('div', { class: 'bubble' }, linkify(m.text)));
}
