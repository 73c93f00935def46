/**
 * The console's Conversation tests section (operators and admins): run the server's conversation
 * tests and read the PASS/FAIL table and the failures' transcripts (docs/conversation-tests.md).
 */
import { adoptCss } from '../adopt-css';
import { registerSection, type SectionContext } from '../sections';
import { ensureTrainingStyles } from '../training/styles';
import { createConversationTestsApi } from './api';
import { createConversationTestsView } from './view';

const CSS = `
.conversation-tests .toolbar { display: flex; gap: 12px; align-items: center; }
.conversation-tests .ct-progress { width: 240px; }
.conversation-tests .ct-body { display: flex; flex-direction: column; gap: 14px; }
.conversation-tests .ct-summary { font-weight: 600; margin: 0; }
.conversation-tests .ct-summary.bad { color: var(--urgent); }
.conversation-tests .ct-summary.good { color: var(--ok); }
.conversation-tests .muted { color: var(--muted); margin: 0; font-size: 12px; }
.conversation-tests .empty { color: var(--muted); margin: 0; padding: 18px; background: var(--panel); border: 1px dashed var(--line); border-radius: var(--radius); }
.conversation-tests .table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); }
.conversation-tests .table-wrap:focus-visible, .conversation-tests .ct-failure:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.conversation-tests table.ct-table caption { text-align: left; padding: 8px; color: var(--muted); font-size: 12px; }
.conversation-tests table.ct-table th[scope="row"] { font-weight: 600; white-space: nowrap; text-align: left; }
.conversation-tests .badge { font-weight: 700; font-size: 12px; padding: 2px 6px; border-radius: 4px; }
.conversation-tests .badge.pass { background: #e3f4e8; color: #12602a; }
.conversation-tests .badge.fail { background: #fde7e7; color: #8f1212; }
.conversation-tests .ct-failures { display: flex; flex-direction: column; gap: 12px; }
.conversation-tests .ct-failure { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px; }
.conversation-tests .ct-failure h3 { margin: 0 0 6px; font-size: 14px; }
.conversation-tests .ct-failure .reasons { margin: 0 0 8px; color: var(--urgent); }
.conversation-tests .transcript { margin: 6px 0 0; padding-left: 24px; font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; }
.conversation-tests .transcript li.customer { font-weight: 600; }
.conversation-tests .transcript li.status, .conversation-tests .transcript li.note { color: var(--muted); }
.conversation-tests button.linkish { background: none; border: 0; padding: 0; font: inherit; font-weight: 600; color: var(--brand); text-decoration: underline; cursor: pointer; }
.conversation-tests .ct-error { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
`;

export function mountConversationTests(el: HTMLElement, ctx: SectionContext): () => void {
  ensureTrainingStyles();
  adoptCss('conversation-tests', CSS);
  const view = createConversationTestsView(createConversationTestsApi({ csrfToken: () => ctx.csrfToken() }));
  el.append(view.el);
  void view.load();
  return () => view.dispose();
}

registerSection({ id: 'tests', label: 'Tests', roles: ['operator', 'admin'], mount: mountConversationTests });
