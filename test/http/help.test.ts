import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { helpRoutes } from '../../src/http/help';
import { loadArticles } from '../../src/knowledge/load';
import { createKnowledgeIndex } from '../../src/knowledge/search';

const articles = loadArticles(path.join(__dirname, '..', '..', 'knowledge-base'));

interface Response {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): unknown;
}

interface TestServer {
  inject(req: string | { url: string; query?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Serves the routes on a real port. (fastify's `inject` would do, but under jest on Node 20 it
 * cannot load light-my-request's ESM-only `cookie` dependency with the current jest config.)
 */
async function build(brandName = 'Acme Pay'): Promise<TestServer> {
  const app: FastifyInstance = Fastify();
  // Built without a brand name on purpose: the help routes fill it in themselves.
  await app.register(helpRoutes, { knowledge: createKnowledgeIndex(articles), brandName });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    async inject(req) {
      const { url, query } = typeof req === 'string' ? { url: req, query: undefined } : req;
      const target = new URL(url, base);
      for (const [k, v] of Object.entries(query ?? {})) target.searchParams.set(k, v);
      const res = await fetch(target, { redirect: 'manual' });
      const body = await res.text();
      return {
        statusCode: res.status,
        headers: Object.fromEntries(res.headers.entries()),
        body,
        json: () => JSON.parse(body) as unknown,
      };
    },
    close: () => app.close(),
  };
}

describe('help centre routes', () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(() => app.close());

  it('GET /help lists every article under its category heading, with a labelled search form', async () => {
    const res = await app.inject('/help');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const html = res.body;
    for (const heading of ['Payments and billing', 'Returns and refunds', 'Account and security', 'Disputes and order problems', 'How support works']) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z]+-heading">${heading}</h2>`));
    }
    for (const a of articles) expect(html).toContain(`href="/help/${a.id}"`);
    expect(html).toMatch(/<form class="search" role="search" method="get" action="\/help">/);
    expect(html).toMatch(/<label for="help-q">[^<]+<\/label>\s*<input id="help-q" type="search" name="q"/);
    expect(html).toMatch(/<main id="main"/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<script src="/widget.js" data-brand="Acme Pay"></script>');
    expect(html).toContain('How to contact Acme Pay support');
    expect(html).not.toContain('{{brand}}');
  });

  it('GET /help?q= shows ranked results for a natural-language question', async () => {
    const res = await app.inject({ url: '/help', query: { q: "my refund hasn't arrived" } });
    expect(res.statusCode).toBe(200);
    const results = res.body.slice(res.body.indexOf('<ol class="results">'), res.body.indexOf('</ol>'));
    const ids = [...results.matchAll(/href="\/help\/([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(ids[0]).toBe('refund-missing');
    expect(res.body).toContain('Results for “my refund hasn&#39;t arrived”');
    expect(res.body).toContain('value="my refund hasn&#39;t arrived"');
  });

  it('shows a helpful empty state when nothing matches', async () => {
    const res = await app.inject({ url: '/help', query: { q: 'zzqqxx' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No articles match “zzqqxx”');
    expect(res.body).toContain('Check the spelling');
    expect(res.body).toContain('href="/help/talk-to-a-person"');
    expect(res.body).not.toContain('<ol class="results">');
  });

  it('escapes the query everywhere it is shown', async () => {
    const q = '<script>alert("x")</script>';
    const res = await app.inject({ url: '/help', query: { q } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(res.body.match(/<script/g)).toHaveLength(1); // only the widget
  });

  it('escapes the brand name', async () => {
    const evil = await build('"><img src=x onerror=alert(1)>');
    try {
      const home = await evil.inject('/help');
      const article = await evil.inject('/help/contact-us');
      for (const html of [home.body, article.body]) {
        expect(html).not.toContain('<img');
        expect(html).toContain('data-brand="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
      }
    } finally {
      await evil.close();
    }
  });

  it('GET /help/:id renders the article with its category, body and related articles', async () => {
    const res = await app.inject('/help/refund-timing');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 id="article-title">When will I get my refund?</h1>');
    expect(res.body).toContain('<a href="/help#refund">Returns and refunds</a>');
    expect(res.body).toContain('<h2>The steps, in order</h2>');
    expect(res.body).toContain('<strong>You send the item back</strong>');
    expect(res.body).toContain('Your Acme Pay plan is updated');
    const related = res.body.slice(res.body.indexOf('Related articles'));
    expect(related).toContain('href="/help/refund-missing"');
    expect(res.body).toContain('<title>When will I get my refund? · Acme Pay Help Centre</title>');
  });

  it('titles the home page with the brand once, and every page links the favicon', async () => {
    const home = await app.inject('/help');
    expect(home.body).toContain('<title>Acme Pay Help Centre</title>');
    expect(home.body).toContain('<link rel="icon" href="/favicon.svg"');
    const search = await app.inject('/help?q=refund');
    expect(search.body).toContain('<title>Search: refund · Acme Pay Help Centre</title>');
  });

  it('GET /help/:id answers 404 with a page that helps find the article', async () => {
    const res = await app.inject('/help/no-such-article');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('We couldn’t find that article');
    expect(res.body).toContain('action="/help"');
  });

  it('GET /api/articles returns ranked JSON results', async () => {
    const res = await app.inject({ url: '/api/articles', query: { q: 'refnd', limit: '3' } });
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as { results: Record<string, unknown>[] };
    expect(results).toHaveLength(3);
    expect(results[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      category: 'refund',
      url: `/help/${String(results[0]!.id)}`,
      summary: expect.any(String),
      score: expect.any(Number),
    });
    const scores = results.map((r) => r.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('GET /api/articles narrows to a category and fills in the brand name', async () => {
    const res = await app.inject({ url: '/api/articles', query: { q: 'contact', category: 'support' } });
    const { results } = res.json() as { results: { category: string; title: string }[] };
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.category === 'support')).toBe(true);
    expect(results.map((r) => r.title)).toContain('How to contact Acme Pay support');
  });

  it('GET /api/articles without q lists articles, and rejects a bad limit', async () => {
    const all = await app.inject('/api/articles?limit=50');
    expect((all.json() as { results: unknown[] }).results).toHaveLength(Math.min(50, articles.length));
    const bad = await app.inject('/api/articles?limit=500');
    expect(bad.statusCode).toBe(400);
  });
});
