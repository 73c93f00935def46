/**
 * The console's Insights section (operators and admins): week by week, whether the bot resolves
 * more chats on its own, how many and why it hands over, how customers rate the chats, and when
 * a model was activated, so a change can be set against it.
 */
import { registerSection, type SectionContext } from '../sections';
import { createInsightsApi } from './api';
import { ensureInsightsStyles } from './styles';
import { createInsightsView } from './view';

export function mountInsights(el: HTMLElement, ctx: SectionContext): void {
  ensureInsightsStyles();
  const view = createInsightsView(createInsightsApi({ csrfToken: () => ctx.csrfToken() }));
  el.append(view.el);
  void view.load();
}

registerSection({ id: 'insights', label: 'Insights', roles: ['operator', 'admin'], mount: mountInsights });
