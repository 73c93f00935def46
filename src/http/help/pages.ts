import type { Article } from '../../knowledge/types';
import type { CategorySummary, KnowledgeIndex } from '../../knowledge/search';
import { fillBrand } from '../../knowledge/brand';
import { renderMarkdown } from '../../knowledge/render';
import { escapeHtml } from './escape';
import { layout } from './layout';

export interface PageContext {
  knowledge: KnowledgeIndex;
  brandName: string;
}

/** Article text may still hold `{{brand}}` when the index was built without a brand name. */
function brandText(ctx: PageContext, text: string): string {
  return fillBrand(text, ctx.brandName);
}

export function articleUrl(id: string): string {
  return `/help/${encodeURIComponent(id)}`;
}

function categoryLabel(ctx: PageContext, id: string): string {
  return ctx.knowledge.categories().find((c) => c.id === id)?.label ?? id;
}

function searchForm(query: string): string {
  return `<form class="search" role="search" method="get" action="/help">
<label for="help-q">Search help articles</label>
<input id="help-q" type="search" name="q" value="${escapeHtml(query)}" maxlength="200" aria-describedby="help-q-hint" autocomplete="off">
<button type="submit">Search</button>
</form>
<p id="help-q-hint" class="hint">Describe your question in your own words, for example “my refund hasn’t arrived”.</p>`;
}

function topicLinks(categories: CategorySummary[]): string {
  const items = categories.map((c) => `<li><a href="/help#${escapeHtml(c.id)}">${escapeHtml(c.label)}</a></li>`);
  return `<ul class="topics">${items.join('')}</ul>`;
}

function articleList(ctx: PageContext, articles: Article[]): string {
  const items = articles.map(
    (a) => `<li><a href="${escapeHtml(articleUrl(a.id))}">${escapeHtml(brandText(ctx, a.title))}</a></li>`,
  );
  return `<ul class="articles">${items.join('')}</ul>`;
}

function browseSections(ctx: PageContext, headingLevel: 'h2' | 'h3'): string {
  const all = ctx.knowledge.all();
  return ctx.knowledge
    .categories()
    .map((c) => {
      const articles = all.filter((a) => a.category === c.id).sort((x, y) => x.title.localeCompare(y.title));
      const headingId = `${c.id}-heading`;
      return `<section class="card" id="${escapeHtml(c.id)}" aria-labelledby="${escapeHtml(headingId)}">
<${headingLevel} id="${escapeHtml(headingId)}">${escapeHtml(c.label)}</${headingLevel}>
<p class="desc">${escapeHtml(c.description)}</p>
${articleList(ctx, articles)}
</section>`;
    })
    .join('\n');
}

function resultsSection(ctx: PageContext, query: string, hits: Article[]): string {
  const q = escapeHtml(query);
  if (hits.length === 0) {
    const fallback = ['talk-to-a-person', 'contact-us']
      .map((id) => ctx.knowledge.get(id))
      .filter((a): a is Article => a !== undefined);
    return `<section class="card empty" aria-labelledby="results-heading">
<h2 id="results-heading">No articles match “${q}”</h2>
<p>Some things to try:</p>
<ul>
<li>Check the spelling, or use fewer words.</li>
<li>Describe the problem differently, for example “refund”, “late fee” or “stolen card”.</li>
<li>Browse the topics below.</li>
</ul>
<p>You can also ask us in the chat: the chat button on this page connects you to our assistant${
      fallback.length > 0
        ? `, and you can <a href="${escapeHtml(articleUrl(fallback[0]!.id))}">talk to a person</a>`
        : ''
    }.</p>
</section>`;
  }
  const items = hits.map(
    (a) => `<li><a href="${escapeHtml(articleUrl(a.id))}">${escapeHtml(brandText(ctx, a.title))}</a>
<span class="meta"> · ${escapeHtml(categoryLabel(ctx, a.category))}</span>
<p>${escapeHtml(brandText(ctx, a.summary))}</p></li>`,
  );
  const count = hits.length === 1 ? '1 article matches' : `${hits.length} articles match`;
  return `<section class="card" aria-labelledby="results-heading">
<h2 id="results-heading">Results for “${q}”</h2>
<p class="meta" role="status">${count} your search, best match first.</p>
<ol class="results">${items.join('\n')}</ol>
</section>`;
}

/** GET /help: the search box, results for `query` when given, and every article by category. */
export function homePage(ctx: PageContext, query: string, hits: Article[]): string {
  const searching = query !== '';
  const main = `<h1>How can we help?</h1>
${searchForm(query)}
${searching ? resultsSection(ctx, query, hits) : ''}
<nav aria-label="Help topics">${topicLinks(ctx.knowledge.categories())}</nav>
${searching ? '<h2>Browse all topics</h2>' : ''}
${browseSections(ctx, searching ? 'h3' : 'h2')}`;
  return layout({ ...(searching ? { title: `Search: ${query}` } : {}), main, brandName: ctx.brandName });
}

/** GET /help/:id: one article with its category, body and related articles. */
export function articlePage(ctx: PageContext, article: Article): string {
  const title = brandText(ctx, article.title);
  const label = categoryLabel(ctx, article.category);
  const related = ctx.knowledge.related(article.id, 4);
  const main = `<nav class="crumbs" aria-label="Breadcrumb"><ol>
<li><a href="/help">Help Centre</a></li>
<li><a href="/help#${escapeHtml(article.category)}">${escapeHtml(label)}</a></li>
</ol></nav>
<article class="body" aria-labelledby="article-title">
<p class="meta">${escapeHtml(label)}</p>
<h1 id="article-title">${escapeHtml(title)}</h1>
${renderMarkdown(article.body, { brandName: ctx.brandName })}
</article>
${
  related.length > 0
    ? `<section class="card" aria-labelledby="related-heading" style="margin-top:1rem">
<h2 id="related-heading">Related articles</h2>
${articleList(ctx, related)}
</section>`
    : ''
}
<section aria-labelledby="more-heading">
<h2 id="more-heading">Still need help?</h2>
${searchForm('')}
<p>Or use the chat button to ask us. <a href="/help">Back to all help topics</a></p>
</section>`;
  return layout({ title, main, brandName: ctx.brandName });
}

/** The page for an article id that does not exist. */
export function notFoundPage(ctx: PageContext): string {
  const main = `<h1>We couldn’t find that article</h1>
<p>It may have moved or been renamed. Try searching for it, or <a href="/help">browse all help topics</a>.</p>
${searchForm('')}
${topicLinks(ctx.knowledge.categories())}`;
  return layout({ title: 'Article not found', main, brandName: ctx.brandName });
}
