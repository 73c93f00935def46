import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fillBrand } from '../../knowledge/brand';
import type { KnowledgeIndex } from '../../knowledge/search';
import type { Article } from '../../knowledge/types';
import { ArticleQuery, ArticleResults } from '../../protocol/api/articles';
import { errorResponses } from '../../protocol/api/errors';
import { articlePage, articleUrl, homePage, notFoundPage, type PageContext } from './pages';

export interface HelpRoutesOptions {
  /** The searchable knowledge base (createKnowledgeIndex). */
  knowledge: KnowledgeIndex;
  /** Shown in the page header and titles, and given to the chat widget (`data-brand`). */
  brandName: string;
}

/** Longest query we search for; longer input is cut here (the form allows the same). */
const MAX_QUERY = 200;
const HOME_RESULTS = 10;
/** Results scoring below this share of the best one are noise (a stray fuzzy match) on the page. */
const HOME_MIN_RELATIVE_SCORE = 0.15;
const API_DEFAULT_LIMIT = 10;

function firstString(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim().slice(0, MAX_QUERY) : '';
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

/**
 * The help centre: `GET /help` (search and browse), `GET /help/:id` (one article) and
 * `GET /api/articles` (JSON search). An encapsulated route group: register it without a prefix.
 *
 * @example app.register(helpRoutes, { knowledge, brandName: config.brandName });
 */
export async function helpRoutes(app: FastifyInstance, opts: HelpRoutesOptions): Promise<void> {
  const { knowledge } = opts;
  const ctx: PageContext = { knowledge, brandName: opts.brandName };

  app.get('/help', async (request, reply) => {
    const query = firstString((request.query as Record<string, unknown>).q);
    const ranked = query ? knowledge.search(query, { limit: HOME_RESULTS }) : [];
    const best = ranked[0]?.score ?? 0;
    const hits = ranked.filter((h) => h.score >= best * HOME_MIN_RELATIVE_SCORE).map((h) => h.article);
    return sendHtml(reply, 200, homePage(ctx, query, hits));
  });

  app.get<{ Params: { id: string } }>('/help/:id', async (request, reply) => {
    const id = request.params.id;
    if (id === '') return reply.redirect('/help');
    const article = knowledge.get(id);
    if (!article) return sendHtml(reply, 404, notFoundPage(ctx));
    return sendHtml(reply, 200, articlePage(ctx, article));
  });

  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/articles',
    { schema: { tags: ['help'], summary: 'Search the help centre’s articles', security: [], querystring: ArticleQuery, response: { 200: ArticleResults, ...errorResponses } } },
    async (request) => {
      const q = (request.query.q ?? '').trim();
      const category = request.query.category || undefined;
      const limit = request.query.limit ?? API_DEFAULT_LIMIT;
      let ranked: { article: Article; score: number }[];
      if (q) {
        // Ranked by the same search as the help page; `category` narrows the results.
        ranked = knowledge.search(q, { category, limit: Number.MAX_SAFE_INTEGER });
        if (category) ranked = ranked.filter((h) => h.article.category === category);
      } else {
        ranked = knowledge
          .all()
          .filter((a) => !category || a.category === category)
          .map((article) => ({ article, score: 0 }));
      }
      return {
        results: ranked.slice(0, limit).map(({ article, score }) => ({
          id: article.id,
          title: fillBrand(article.title, opts.brandName),
          category: article.category,
          url: articleUrl(article.id),
          summary: fillBrand(article.summary, opts.brandName),
          score: Math.round(score * 1000) / 1000,
        })),
      };
    },
  );
}
