/**
 * The console's Training section (operators and admins): the triage inbox (default tab), retrain
 * with live progress and the report, model versions and per-intent thresholds. Registers itself
 * with the console's section registry; src/web/console/index.ts imports this module.
 */
import { h, setText } from '../dom';
import { registerSection, type SectionContext } from '../sections';
import { createTrainingApi } from './api';
import { createInboxView } from './inbox-view';
import { createModelsView } from './models-view';
import { createRetrainView } from './retrain-view';
import { ensureTrainingStyles } from './styles';

type TabId = 'inbox' | 'retrain' | 'models';
const TABS: { id: TabId; label: string }[] = [
  { id: 'inbox', label: 'Triage inbox' },
  { id: 'retrain', label: 'Retrain' },
  { id: 'models', label: 'Models & thresholds' },
];

/** Builds the section into `el`; returns the cleanup the console calls when leaving it. */
export function mountTraining(el: HTMLElement, ctx: SectionContext): () => void {
  ensureTrainingStyles();
  const api = createTrainingApi({ csrfToken: () => ctx.csrfToken() });
  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const announce = (text: string) => setText(status, text);

  const inbox = createInboxView({ api, announce });
  const retrain = createRetrainView({ api, announce, onActivated: () => void models.refresh() });
  const models = createModelsView({
    api,
    announce,
    onShowReport: (v) => {
      select('retrain', false);
      retrain.show(v);
    },
  });
  const panels: Record<TabId, { el: HTMLElement; refresh(): Promise<void> }> = { inbox, retrain, models };

  const tabButtons = TABS.map((t) =>
    h('button', { type: 'button', role: 'tab', id: `tr-tab-${t.id}`, 'aria-controls': `tr-panel-${t.id}`, 'aria-selected': 'false', tabindex: '-1' }, t.label),
  );
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Training' }, ...tabButtons);
  const panelEls = TABS.map((t) => h('div', { role: 'tabpanel', id: `tr-panel-${t.id}`, 'aria-labelledby': `tr-tab-${t.id}`, hidden: true }, panels[t.id].el));

  let current: TabId | undefined;
  function select(id: TabId, focusTab: boolean) {
    TABS.forEach((t, k) => {
      const on = t.id === id;
      const btn = tabButtons[k] as HTMLButtonElement;
      btn.setAttribute('aria-selected', String(on));
      btn.tabIndex = on ? 0 : -1;
      (panelEls[k] as HTMLElement).hidden = !on;
      if (on && focusTab) btn.focus();
    });
    if (current !== id) {
      current = id;
      void panels[id].refresh();
    }
  }
  tabButtons.forEach((btn, k) => {
    btn.addEventListener('click', () => select((TABS[k] as { id: TabId }).id, false));
    // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab goes into the panel.
    btn.addEventListener('keydown', (ev) => {
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      const to = ev.key === 'Home' ? 0 : ev.key === 'End' ? TABS.length - 1 : (k + step + TABS.length) % TABS.length;
      if (step === 0 && ev.key !== 'Home' && ev.key !== 'End') return;
      ev.preventDefault();
      select((TABS[to] as { id: TabId }).id, true);
    });
  });

  el.append(h('div', { class: 'training' }, h('h1', {}, 'Training'), tablist, status, ...panelEls));
  select('inbox', false);
  return () => retrain.destroy();
}

registerSection({ id: 'training', label: 'Training', roles: ['operator', 'admin'], mount: mountTraining });
