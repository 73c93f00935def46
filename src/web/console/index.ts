/**
 * Entry of the agent console (dist/web/console.js), loaded by the `/console` page. The page's
 * <body data-brand="…"> carries the brand name.
 *
 * Sections: "Chats" is built in; other sections (e.g. "Training", for operators and admins)
 * register themselves with `registerSection` when their module is imported below.
 */
import { startConsoleApp } from './console-app';
// The Training section registers itself (id `training`) on import. Imports run before this
// file's body, so registering the placeholder here as well would override it.
import './training';
import './cases';
import './transcripts';
import './insights';
import './webhooks';
import './conversation-tests';
import './team';

function start() {
  const root = document.getElementById('console') ?? document.body.appendChild(document.createElement('div'));
  startConsoleApp({ root, brand: document.body.dataset.brand || 'Support' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
