/**
 * The agent console's HTML shell (`GET /console`). Everything else is built in the browser by
 * console.js; the page itself carries only the (escaped) brand name.
 */

import { FAVICON_LINK } from './favicon';

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
