import MiniSearch from 'minisearch';
import { processTerm, tokenize } from './analyzer';
import { TermCachingMiniSearch } from './term-cache';
import { fillBrand } from './brand';
import { CATEGORIES, type CategoryInfo } from './categories';
import type { Article, ArticleHit } from './types';

export interface KnowledgeIndexOptions {
  /**
   * Replaces `{{brand}}` in every returned title, summary and body. Default: placeholders are
   * left in. @example { brandName: config.brandName }
   */
  brandName?: string;
  /**
   * Remember each query term's fuzzy and prefix expansions (see TermCachingMiniSearch): the
   * same results, at a fraction of the cost once a term has been seen. Default true; false gives
   * a plain MiniSearch (the reference the equality test compares against).
   */
  cacheTerms?: boolean;
}

export interface KnowledgeSearchOptions {
  /**
   * A category to favour (usually the NLU's predicted category): its articles' scores are
   * multiplied by {@link CATEGORY_BOOST}. Other articles still appear. Default: none.
   */
  category?: string;
  /**
   * An intent to favour more strongly (usually the NLU's top intent): articles listing it get
   * their scores multiplied by {@link INTENT_BOOST}. Default: none.
   */
  intent?: string;
  /** Most hits to return. Default 5. */
  limit?: number;
}

export interface CategorySummary extends CategoryInfo {
  /** How many articles the category holds. */
  count: number;
}

export interface KnowledgeIndex {
  /**
   * Ranked articles for a natural-language query, best first. Fuzzy (edit distance up to 20% of
   * a word) and prefix matching; a title match counts more than a tag match, which counts more
   * than a body match. A query with no searchable words returns [].
   * @example index.search('my refund hasn\'t arrived', { category: 'refund', limit: 3 })
   */
  search(query: string, opts?: KnowledgeSearchOptions): ArticleHit[];
  /**
   * Articles that list this intent: those naming it first (their main topic), then those
   * answering fewer intents (more specific), then by id.
   */
  byIntent(intent: string): Article[];
  get(id: string): Article | undefined;
  /** Every article, sorted by id. */
  all(): Article[];
  /** Categories that hold at least one article, in help-centre order. */
  categories(): CategorySummary[];
  /** Up to `limit` (default 3) other articles on the same subject: shared intents, tags, category. */
  related(id: string, limit?: number): Article[];
  /** Fills `{{brand}}` placeholders in any text, as done for the articles. */
  render(text: string): string;
}

/** Score multiplier for articles of the requested category. */
export const CATEGORY_BOOST = 1.6;
/** Score multiplier for articles listing the requested intent (on top of the category boost). */
export const INTENT_BOOST = 2.5;
const FIELD_BOOST = { title: 3, tags: 2, intents: 1.5, summary: 1.2, body: 1 };
const DEFAULT_LIMIT = 5;

interface IndexedDoc {
  id: string;
  title: string;
  tags: string;
  intents: string;
  summary: string;
  body: string;
}

function toIndexedDoc(a: Article): IndexedDoc {
  return {
    id: a.id,
    title: a.title,
    tags: a.tags.join(' '),
    intents: a.intents.map((i) => i.replace(/_/g, ' ')).join(' '),
    summary: a.summary,
    // Markdown link targets and emphasis marks are not words a customer would search for.
    body: a.body.replace(/\]\([^)]*\)/g, ']').replace(/[*_#>`|]/g, ' '),
  };
}

/**
 * Builds the in-memory search index over the articles.
 *
 * @example
 * const knowledge = createKnowledgeIndex(loadArticles(config.knowledgeDir), { brandName: config.brandName });
 * knowledge.search('I returned my shoes and still have no refund', { category: 'refund' })[0]?.article.id;
 */
export function createKnowledgeIndex(articles: Article[], opts: KnowledgeIndexOptions = {}): KnowledgeIndex {
  const render = (text: string): string => (opts.brandName === undefined ? text : fillBrand(text, opts.brandName));
  const byId = new Map<string, Article>();
  for (const a of [...articles].sort((x, y) => x.id.localeCompare(y.id))) {
    if (byId.has(a.id)) throw new Error(`duplicate article id "${a.id}"`);
    byId.set(a.id, {
      ...a,
      title: render(a.title),
      summary: render(a.summary),
      chat: render(a.chat ?? a.summary),
      body: render(a.body),
      intents: [...a.intents],
      tags: [...a.tags],
    });
  }

  const miniOptions = {
    fields: ['title', 'tags', 'intents', 'summary', 'body'],
    tokenize,
    processTerm,
    searchOptions: { boost: FIELD_BOOST, fuzzy: 0.2, prefix: true, tokenize, processTerm },
  };
  const mini = opts.cacheTerms === false ? new MiniSearch<IndexedDoc>(miniOptions) : new TermCachingMiniSearch<IndexedDoc>(miniOptions);
  // Index the placeholder-free text so the brand name itself is not a search term.
  mini.addAll(
    articles.map((a) =>
      toIndexedDoc({ ...a, title: fillBrand(a.title, ''), summary: fillBrand(a.summary, ''), body: fillBrand(a.body, '') }),
    ),
  );

  function search(query: string, so: KnowledgeSearchOptions = {}): ArticleHit[] {
    const limit = Math.max(0, Math.floor(so.limit ?? DEFAULT_LIMIT));
    if (limit === 0 || query.trim() === '') return [];
    const results = mini.search(query, {
      boostDocument: (docId: string) => {
        const a = byId.get(docId);
        if (!a) return 1;
        let boost = 1;
        if (so.category && a.category === so.category) boost *= CATEGORY_BOOST;
        if (so.intent && a.intents.includes(so.intent)) boost *= INTENT_BOOST;
        return boost;
      },
    });
    const hits: ArticleHit[] = [];
    for (const r of results.slice(0, limit)) {
      const article = byId.get(r.id as string);
      if (article) hits.push({ article, score: r.score });
    }
    return hits;
  }

  function byIntent(intent: string): Article[] {
    return [...byId.values()]
      .filter((a) => a.intents.includes(intent))
      .sort(
        (x, y) =>
          x.intents.indexOf(intent) - y.intents.indexOf(intent) ||
          x.intents.length - y.intents.length ||
          x.id.localeCompare(y.id),
      );
  }

  function categories(): CategorySummary[] {
    const counts = new Map<string, number>();
    for (const a of byId.values()) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
    return CATEGORIES.filter((c) => counts.has(c.id)).map((c) => ({ ...c, count: counts.get(c.id) ?? 0 }));
  }

  function related(id: string, limit = 3): Article[] {
    const self = byId.get(id);
    if (!self) return [];
    const scored = [...byId.values()]
      .filter((a) => a.id !== id)
      .map((a) => ({
        a,
        score:
          3 * a.intents.filter((i) => self.intents.includes(i)).length +
          a.tags.filter((t) => self.tags.includes(t)).length +
          (a.category === self.category ? 2 : 0),
      }))
      .filter((s) => s.score > 0)
      .sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id));
    return scored.slice(0, limit).map((s) => s.a);
  }

  return {
    search,
    byIntent,
    get: (id) => byId.get(id),
    all: () => [...byId.values()],
    categories,
    related,
    render,
  };
}
