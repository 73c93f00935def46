/**
 * The agent console's HTML shell (`GET /console`). Everything else is built in the browser by
 * console.js; the page itself carries only the (escaped) brand name.
 */

import { FAVICON_LINK } from './favicon';

/**
 * Strict content security policy for the console: scripts and styles only from this server, no
 * inline script, no framing. Defence in depth on top of the console rendering all customer text
 * as text nodes.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The page; `brandHtml` must already be HTML-escaped. */
export function consolePage(brandHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Console · ${brandHtml}</title>
${FAVICON_LINK}
<link rel="stylesheet" href="/console.css">
<script src="/console.js" defer></script>
</head>
<body data-brand="${brandHtml}">
<div id="console"><noscript>The agent console needs JavaScript.</noscript></div>
</body>
</html>
`;
}
