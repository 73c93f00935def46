/**
 * The right-hand tools for the open chat: what the bot collected, knowledge-base search (insert an
 * article link), canned replies. Search results are rendered as text and safe links only.
 */
import { fetchFeedback, ratingText, type ArticleHit, type ChatFeedback } from './api';
import { CANNED_REPLIES, fillCanned } from './canned';
import { seenIntents } from './about-intents';
import { collectedItems } from './collected';
import { h, replace, safeUrl, setText } from './dom';
import { formatConfidence, humanize, reasonLabel } from './format';
import type { ChatState } from './store';

export interface ToolsViewOptions {
  search(q: string): Promise<ArticleHit[]>;
  /** Known intents, for "what was this about?". */
  intents(): Promise<string[]>;
  /** Saves the agent's pick as a labelled training example for the conversation. */
  labelIntent(conversationId: string, intent: string): Promise<void>;
  /** Puts text into the composer of the open chat. */
  insert(text: string): void;
  agentName(): string;
  /** The customer's ratings of a chat, newest first. Default: `GET /api/feedback?conversationId=`. */
  feedback?(conversationId: string): Promise<ChatFeedback[]>;
}

/** Pure: the line an agent inserts for an article: title and absolute link. */
export function articleLine(hit: Pick<ArticleHit, 'title' | 'url'>, origin: string): string {
  const url = safeUrl(hit.url, origin) ?? hit.url;
  return `${hit.title}: ${url}`;
}

export function createToolsView(opts: ToolsViewOptions) {
  const details = h('dl');
  const detailsEmpty = h('p', { class: 'empty' }, 'Open a chat to see what the bot collected.');
  const q = h('input', { id: 'kb-search', type: 'search', placeholder: 'e.g. refund timing', autocomplete: 'off' });
  const results = h('ul', { class: 'results', 'aria-live': 'polite', 'aria-label': 'Knowledge base results' });
  const status = h('p', { class: 'empty', hidden: true });
  const form = h('form', { class: 'search', role: 'search' }, h('label', { class: 'vh', for: 'kb-search' }, 'Search the knowledge base'), q, h('button', { class: 'btn small', type: 'submit' }, 'Search'));
  const canned = h(
    'ul',
    { class: 'results', 'aria-label': 'Canned replies' },
    ...CANNED_REPLIES.map((c) => {
      const btn = h('button', { class: 'btn small', type: 'button', 'aria-label': `Insert canned reply: ${c.title}` }, 'Insert');
      btn.addEventListener('click', () => opts.insert(fillCanned(c.text, { agentName: opts.agentName() })));
      return h('li', {}, h('span', { class: 't' }, c.title), h('span', { class: 's' }, fillCanned(c.text, { agentName: opts.agentName() })), btn);
    }),
  );
  // "What was this about?": one pick teaches the model from this chat (docs/training.md).
  const about = h('input', { id: 'about-intent', list: 'about-intents', autocomplete: 'off', placeholder: 'e.g. refund_missing' });
  const aboutList = h('datalist', { id: 'about-intents' });
  const aboutSave = h('button', { class: 'btn small', type: 'submit' }, 'Save');
  const aboutStatus = h('p', { class: 'empty', role: 'status', 'aria-live': 'polite' });
  const aboutEmpty = h('p', { class: 'empty' }, 'Open a chat to record what it was about; your pick becomes a training example.');
  const aboutForm = h('form', { class: 'search' }, h('label', { class: 'vh', for: 'about-intent' }, 'What was this about?'), about, aboutList, aboutSave);
  let known: string[] | undefined;
  let current: ChatState | undefined;
  about.addEventListener('focus', () => {
    if (known) return;
    opts.intents().then(
      (names) => {
        known = names;
        replace(aboutList, ...names.map((n) => h('option', { value: n })));
      },
      () => setText(aboutStatus, 'Could not load the intents.'),
    );
  });
  // One click: the intents the bot already saw in this chat.
  const aboutChips = h('div', { class: 'about-chips', role: 'group', 'aria-label': 'Intents seen in this chat' });
  let chipsKey = '';
  function save(intent: string) {
    if (!current) return;
    opts.labelIntent(current.conversationId, intent).then(
      () => {
        setText(aboutStatus, `Thanks — saved “${humanize(intent)}” as a training example.`);
        about.value = '';
      },
      (err: Error) => setText(aboutStatus, `Could not save: ${err.message}`),
    );
  }
  aboutForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const intent = about.value.trim();
    if (!current || !intent) return;
    if (known && !known.includes(intent)) {
      setText(aboutStatus, `“${intent}” is not a known intent; pick one from the list.`);
      return;
    }
    save(intent);
  });
  // The customer's rating of this chat, when they left one (it usually comes at the end).
  const rating = h('p', { class: 'rating-badge empty', role: 'status', 'aria-live': 'polite' });
  const ratingSection = h(
    'section',
    { class: 'section', 'aria-labelledby': 'rating-title', hidden: true },
    h('div', { class: 'section-head' }, h('h2', { id: 'rating-title' }, 'Customer rating')),
    rating,
  );
  let ratingKey = '';
  let ratingSeq = 0;
  function loadRating(c: ChatState) {
    // Feedback is acknowledged with a system message, so a new one (or a state change) is the cue to look again.
    const systemCount = c.messages.filter((m) => m.from === 'system').length;
    const key = `${c.conversationId}|${systemCount}|${c.state ?? ''}|${c.ended ?? ''}`;
    if (key === ratingKey) return;
    const sameChat = ratingKey.startsWith(`${c.conversationId}|`);
    ratingKey = key;
    const mine = ++ratingSeq;
    if (!sameChat) {
      setText(rating, 'Loading…');
      rating.classList.add('empty');
    }
    (opts.feedback ?? fetchFeedback)(c.conversationId).then(
      (list) => {
        if (mine !== ratingSeq) return;
        const last = list[0];
        rating.classList.toggle('empty', !last);
        rating.classList.toggle('low', !!last && last.rating <= 2);
        setText(rating, last ? `${ratingText(last.rating)}${last.comment ? ` — “${last.comment}”` : ''}` : 'Not rated yet.');
      },
      () => {
        if (mine === ratingSeq) setText(rating, 'Could not load the rating.');
      },
    );
  }
  const el = h(
    'aside',
    { class: 'col tools', 'aria-label': 'Chat tools' },
    h(
      'section',
      { class: 'section', 'aria-labelledby': 'about-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'about-title' }, 'What was this about?')),
      aboutEmpty,
      aboutChips,
      aboutForm,
      aboutStatus,
    ),
    ratingSection,
    h('section', { class: 'section', 'aria-labelledby': 'details-title' }, h('div', { class: 'section-head' }, h('h2', { id: 'details-title' }, 'Collected by the bot')), detailsEmpty, details),
    h('section', { class: 'section', 'aria-labelledby': 'kb-title' }, h('div', { class: 'section-head' }, h('h2', { id: 'kb-title' }, 'Knowledge base')), form, status, results),
    h('section', { class: 'section', 'aria-labelledby': 'canned-title' }, h('div', { class: 'section-head' }, h('h2', { id: 'canned-title' }, 'Canned replies')), canned),
  );
  let seq = 0;

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const query = q.value.trim();
    if (!query) return;
    const mine = ++seq;
    setText(status, 'Searching…');
    status.hidden = false;
    opts.search(query).then(
      (hits) => {
        if (mine !== seq) return;
        status.hidden = hits.length > 0;
        setText(status, hits.length ? '' : `No articles match “${query}”.`);
        replace(
          results,
          ...hits.map((hit) => {
            const href = safeUrl(hit.url, location.origin);
            const insert = h('button', { class: 'btn small', type: 'button', 'aria-label': `Insert link: ${hit.title}` }, 'Insert link');
            insert.addEventListener('click', () => opts.insert(articleLine(hit, location.origin)));
            return h(
              'li',
              {},
              href ? h('a', { class: 't', href, target: '_blank', rel: 'noopener noreferrer' }, hit.title) : h('span', { class: 't' }, hit.title),
              h('span', { class: 's' }, `${humanize(hit.category)} · ${hit.summary}`),
              insert,
            );
          }),
        );
      },
      () => {
        if (mine !== seq) return;
        setText(status, 'Search failed. Try again.');
        status.hidden = false;
      },
    );
  });

  return {
    el,
    render(c: ChatState | undefined): void {
      if (c?.conversationId !== current?.conversationId) setText(aboutStatus, '');
      current = c;
      aboutForm.hidden = !c;
      aboutEmpty.hidden = !!c;
      ratingSection.hidden = !c;
      if (c) loadRating(c);
      const seen = c ? seenIntents(c) : [];
      if (seen.join('|') !== chipsKey) {
        chipsKey = seen.join('|');
        replace(
          aboutChips,
          ...seen.map((n) => {
            const b = h('button', { class: 'btn small', type: 'button', 'aria-label': `Save as ${humanize(n)}` }, humanize(n));
            b.addEventListener('click', () => save(n));
            return b;
          }),
        );
      }
      aboutChips.hidden = seen.length === 0;
      const rows: [string, string][] = [];
      if (c) {
        if (c.reason) rows.push(['Why', reasonLabel(c.reason)]);
        if (c.topic) rows.push(['Topic', `${humanize(c.topic.intent)} (${humanize(c.topic.category)}, ${formatConfidence(c.topic.confidence)})`]);
        for (const item of collectedItems(c.collected)) rows.push([item.label, item.value]);
      }
      replace(details, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
      details.hidden = rows.length === 0;
      detailsEmpty.hidden = rows.length > 0;
      setText(detailsEmpty, c ? 'The bot collected nothing for this chat.' : 'Open a chat to see what the bot collected.');
    },
    focusSearch(): void {
      q.focus();
      q.select();
    },
  };
}
