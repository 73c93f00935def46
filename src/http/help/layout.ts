import { FAVICON_LINK } from '../web/favicon';
import { escapeHtml } from './escape';

export interface PageParts {
  /** The page's own title, before " · <brand> Help Centre"; none for the home page (just "<brand> Help Centre"). */
  title?: string;
  /** Already-escaped HTML placed inside <main>. */
  main: string;
  brandName: string;
}

// Inline so the page works without any other asset; sized for a 360px phone upwards.
const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f6f7f9}
a{color:#0b57a4;text-underline-offset:2px}
a:hover{color:#063a6e}
:focus-visible{outline:3px solid #e07b00;outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem;top:.5rem}
header.site{background:#12335b;color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding-top:.75rem;padding-bottom:.75rem}
header.site a{color:#fff;font-weight:600;text-decoration:none;font-size:1.125rem}
header.site a:focus-visible{outline-color:#ffc266}
.wrap{max-width:48rem;margin:0 auto;padding-left:1rem;padding-right:1rem}
main{padding-top:1.25rem;padding-bottom:2.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 1rem}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:1.5rem 0 .25rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .5rem}
form.search label{flex-basis:100%;font-weight:600}
form.search input{flex:1 1 12rem;min-width:0;font:inherit;padding:.6rem .75rem;border:2px solid #5b6470;border-radius:.4rem;background:#fff;color:inherit}
form.search button{font:inherit;font-weight:600;padding:.6rem 1.1rem;border:0;border-radius:.4rem;background:#0b57a4;color:#fff;cursor:pointer}
form.search button:hover{background:#063a6e}
.hint{margin:0 0 1.25rem;color:#4a525c;font-size:.925rem}
.topics{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:0 0 1rem;list-style:none}
.topics a{display:inline-block;padding:.35rem .75rem;border:1px solid #b7c3d0;border-radius:999px;background:#fff;text-decoration:none}
.card{background:#fff;border:1px solid #dde2e8;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem}
.card>h2:first-child,.card>h3:first-child,article.body>.meta:first-child{margin-top:0}
ul.articles,ol.results{padding:0;margin:0;list-style:none}
ul.articles li{padding:.4rem 0;border-top:1px solid #eceff3}
ul.articles li:first-child{border-top:0}
ol.results li{padding:.75rem 0;border-top:1px solid #eceff3}
ol.results li:first-child{border-top:0}
ol.results a{font-weight:600}
ol.results p{margin:.25rem 0 0;color:#3a4048}
.meta{font-size:.875rem;color:#4a525c}
.desc{margin:0 0 .5rem;color:#4a525c}
.empty{border-left:4px solid #e07b00}
article.body{background:#fff;border:1px solid #dde2e8;border-radius:.5rem;padding:1rem 1.25rem}
article.body > p:first-of-type{font-size:1.075rem}
article.body li{margin:.25rem 0}
nav.crumbs{font-size:.925rem;margin:0 0 .5rem}
nav.crumbs ol{display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:0;list-style:none}
nav.crumbs li+li::before{content:"›";margin-right:.25rem;color:#4a525c}
footer.site{border-top:1px solid #dde2e8;color:#4a525c;font-size:.875rem;padding:1rem 0 5rem}
`;

/** The shared page shell: landmarks, skip link, header, footer and the chat widget. */
export function layout({ title, main, brandName }: PageParts): string {
  const brand = escapeHtml(brandName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title ? `${escapeHtml(title)} · ` : ''}${brand} Help Centre</title>
${FAVICON_LINK}
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="wrap"><a href="/help">${brand} Help Centre</a></div></header>
<main id="main" class="wrap" tabindex="-1">
${main}
</main>
<footer class="site"><div class="wrap"><p>Can't find an answer? Use the chat button to ask our assistant, who can connect you to a person.</p><p>${brand} will never ask for your password, a one-time code or your full card number.</p></div></footer>
<script src="/widget.js" data-brand="${brand}"></script>
</body>
</html>
`;
}
