/**
 * The console's Transcripts section (operators and admins): past conversations, newest activity
 * first, filtered by day, state, hand-off, low rating and text; a row opens its transcript
 * read-only beside the list (`#/transcripts/<id>`, so it can be linked and reloaded), where each
 * customer message can be flagged into the training triage inbox.
 */
import { h, setText } from '../dom';
import { registerSection, type SectionContext } from '../sections';
import { createTranscriptsApi } from './api';
import { createFiltersView } from './filters-view';
import { createFlagger } from './flag-button';
import { createListView } from './list-view';
import { ensureTranscriptsStyles } from './styles';
import { createTranscriptView } from './transcript-view';

/** The conversation id in `#/transcripts/<id>`, if any. */
function openIdFromHash(hash: string): string | undefined {
  const raw = /^#\/transcripts\/(.+)$/.exec(hash)?.[1];
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function mountTranscripts(el: HTMLElement, ctx: SectionContext): () => void {
  ensureTranscriptsStyles();
  const api = createTranscriptsApi({ csrfToken: () => ctx.csrfToken() });
  const status = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite' });
  const filters = createFiltersView({ onApply: (f) => void list.load(f) });
  const list = createListView({ api, onError: (text) => filters.showError(text) });
  const flagger = createFlagger({ flag: (c, m) => api.flag(c, m), announce: (text) => setText(status, text) });
  const transcript = createTranscriptView({ api, actionsFor: flagger });

  let openId: string | undefined;
  function route() {
    const id = openIdFromHash(location.hash);
    if (id === openId) return;
    openId = id;
    list.setSelected(id);
    if (!id) return transcript.clear();
    void transcript.open(id);
    // Stacked on a narrow screen, the transcript may start below the fold.
    if (transcript.el.getBoundingClientRect().top > window.innerHeight) transcript.el.scrollIntoView({ block: 'start' });
  }

  el.append(
    h(
      'div',
      { class: 'training transcripts' },
      h('h1', {}, 'Transcripts'),
      h('p', { class: 'lead' }, 'Read past chats and flag customer messages the bot got wrong; flagged messages wait in the Training section’s triage inbox.'),
      filters.el,
      status,
      h('div', { class: 'tx-body' }, list.el, transcript.el),
    ),
  );
  window.addEventListener('hashchange', route);
  route();
  void list.load(filters.read());
  return () => window.removeEventListener('hashchange', route);
}

registerSection({ id: 'transcripts', label: 'Transcripts', roles: ['operator', 'admin'], mount: mountTranscripts });
