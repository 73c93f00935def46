import fs from 'node:fs';
import path from 'node:path';
import { loadArticles } from '../../src/knowledge/load';
import { createKnowledgeIndex } from '../../src/knowledge/search';
import MiniSearch from 'minisearch';
import { TermCachingMiniSearch } from '../../src/knowledge/term-cache';
import { parseCsvRows } from '../../src/nlu/dataset-file';
import { loadIntents, toExamples } from '../../src/nlu/intents';

const ROOT = path.join(__dirname, '..', '..');
const articles = loadArticles(path.join(ROOT, 'knowledge-base'));

/** Every query the project ships: held-out customer messages and every intent example, with their labels. */
const heldoutQueries = parseCsvRows(fs.readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8'))
  .slice(1)
  .map(([text = '', category = '', intent = '']) => ({ text, category, intent }));
const exampleQueries = toExamples(loadIntents(path.join(ROOT, 'intents'))).map((e) => ({ text: e.text, intent: e.intent, category: e.category ?? '' }));

/** A typo in every word of four letters or more (the second letter dropped), to exercise fuzzy matching. */
const typos = (text: string) => text.replace(/\b(\w)\w(\w{2,})/g, '$1$2');

describe('the knowledge search term cache', () => {
  const queries = [...heldoutQueries, ...exampleQueries];
  const plain = createKnowledgeIndex(articles, { cacheTerms: false });
  const cached = createKnowledgeIndex(articles);

  it('ranks and scores every shipped query exactly as plain MiniSearch does, cold and warm', () => {
    expect(queries.length).toBeGreaterThan(500);
    const heldout = new Set(heldoutQueries.map((q) => q.text));
    let compared = 0;
    const seen = new Set<string>();
    for (const q of queries) {
      for (const text of [q.text, typos(q.text)]) {
        // What the conversation service asks (predicted intent and category); the held-out
        // messages also without boosts and with the category alone.
        const variants: Array<{ category?: string; intent?: string }> = [{ category: q.category, intent: q.intent }];
        if (heldout.has(q.text)) variants.push({}, { category: q.category });
        for (const opts of variants) {
          const want = JSON.stringify(plain.search(text, { ...opts, limit: 1000 }).map((h) => [h.article.id, h.score]));
          // The first search of a text may fill the cache, the second must be served from it.
          const key = `${text}\u0000${JSON.stringify(opts)}`;
          for (const pass of seen.has(key) ? ['warm'] : ['cold', 'warm']) {
            const got = JSON.stringify(cached.search(text, { ...opts, limit: 1000 }).map((h) => [h.article.id, h.score]));
            if (got !== want) throw new Error(`${pass} "${text}" ${JSON.stringify(opts)}:\n got  ${got}\n want ${want}`);
            compared++;
          }
          seen.add(key);
        }
      }
    }
    expect(compared).toBeGreaterThan(queries.length * 4);
  }, 300_000);

  it('sees documents added after a term was cached', () => {
    const mini = new TermCachingMiniSearch<{ id: string; text: string }>({ fields: ['text'], searchOptions: { fuzzy: 0.2, prefix: true } });
    mini.addAll([{ id: 'a', text: 'refund policy' }]);
    expect(mini.search('refu').map((r) => r.id)).toEqual(['a']);
    expect(mini.search('refnd').map((r) => r.id)).toEqual(['a']);
    expect(mini.cachedTerms).toEqual({ fuzzy: 2, prefix: 2 });
    mini.add({ id: 'b', text: 'refurbished items' });
    expect(mini.search('refu').map((r) => r.id).sort()).toEqual(['a', 'b']);
    mini.discard('a');
    expect(mini.search('refnd').map((r) => r.id)).toEqual([]);
  });

  it('replays remembered scores with each search\'s own document boost, and runs a search with other settings as MiniSearch does', () => {
    const docs = [
      { id: 'a', text: 'refund policy for returns', kind: 'x' },
      { id: 'b', text: 'refunds take fourteen days', kind: 'y' },
      { id: 'c', text: 'refurbished returns policy', kind: 'y' },
    ];
    const options = { fields: ['text'], storeFields: ['kind'], searchOptions: { fuzzy: 0.2, prefix: true } };
    const plain = new MiniSearch<(typeof docs)[number]>(options);
    const mini = new TermCachingMiniSearch<(typeof docs)[number]>(options);
    plain.addAll(docs);
    mini.addAll(docs);
    const view = (rs: Array<{ id: unknown; score: number; match: unknown; queryTerms: string[] }>) => JSON.stringify(rs.map((r) => [r.id, r.score, r.match, r.queryTerms]));
    const boosts = [undefined, (_id: unknown, _t: string, stored?: Record<string, unknown>) => (stored?.kind === 'y' ? 2 : 1), (id: unknown) => (id === 'a' ? 0 : 1)];
    for (const round of [1, 2]) {
      for (const boostDocument of boosts) {
        for (const q of ['refund policy', 'refnd', 'returns polcy']) {
          expect(view(mini.search(q, { boostDocument }))).toBe(view(plain.search(q, { boostDocument })));
          // Other field weights or fuzziness are not what was remembered: computed afresh.
          expect(view(mini.search(q, { boost: { text: 2 }, weights: { fuzzy: 0.1, prefix: 0.9 } }))).toBe(view(plain.search(q, { boost: { text: 2 }, weights: { fuzzy: 0.1, prefix: 0.9 } })));
        }
      }
      if (round === 1) expect(mini.cachedScores.terms).toBeGreaterThan(0);
    }
    mini.discard('b');
    plain.discard('b');
    expect(mini.cachedScores).toEqual({ terms: 0, matches: 0 });
    expect(view(mini.search('refund'))).toBe(view(plain.search('refund')));
  });

  it('forgets the least recently used terms past its size', () => {
    const mini = new TermCachingMiniSearch<{ id: string; text: string }>({ fields: ['text'], searchOptions: { fuzzy: 0.2, prefix: true } }, 3);
    mini.addAll([{ id: 'a', text: 'one two three four five' }]);
    for (const q of ['one', 'two', 'three', 'four', 'five']) expect(mini.search(q).map((r) => r.id)).toEqual(['a']);
    expect(mini.cachedTerms).toEqual({ fuzzy: 3, prefix: 3 });
  });
});
