import path from 'node:path';
import { loadArticles } from '../../src/knowledge/load';
import { createKnowledgeIndex } from '../../src/knowledge/search';
import type { Article } from '../../src/knowledge/types';

const articles = loadArticles(path.join(__dirname, '..', '..', 'knowledge-base'));
const knowledge = createKnowledgeIndex(articles);

function topIds(query: string, opts?: Parameters<typeof knowledge.search>[1]): string[] {
  return knowledge.search(query, opts).map((h) => h.article.id);
}

function article(partial: Partial<Article> & { id: string }): Article {
  return { title: partial.id, category: 'support', intents: [], tags: [], body: 'Body.', summary: 'Body.', chat: 'Body.', ...partial };
}

describe('search over the shipped articles', () => {
  it('finds a refund article in the top 3 for a long natural-language complaint', () => {
    const hits = knowledge.search('I returned my shoes two weeks ago and still have no refund', { limit: 3 });
    expect(hits.some((h) => h.article.category === 'refund')).toBe(true);
    expect(hits.map((h) => h.article.id)).toContain('refund-missing');
  });

  it.each([
    ["my refund hasn't arrived", 'refund-missing'],
    ['someone hacked my account', 'account-takeover'],
    ['I was charged twice', 'charged-twice'],
    ['my parcel never arrived', 'item-not-received'],
    ['I lost my card', 'lost-stolen-card'],
    ['got a fake email asking for my code', 'phishing-scams'],
    ['how do I talk to a human', 'talk-to-a-person'],
    ['why did my payment get declined', 'payment-failed'],
    ['what is the status of case CS-7K3P9Q', 'case-status'],
    ['the item arrived broken', 'item-not-as-described'],
    ['when are agents available', 'business-hours'],
  ])('"%s" ranks %s first', (query, id) => {
    expect(topIds(query)[0]).toBe(id);
  });

  it('tolerates typos: "refnd" finds refund articles', () => {
    const hits = knowledge.search('refnd', { limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.article.category === 'refund')).toBe(true);
  });

  it('matches word prefixes: "disp" finds dispute articles', () => {
    expect(knowledge.search('disp', { limit: 3 }).map((h) => h.article.category)).toContain('dispute');
  });

  it('returns nothing for empty, stop-word-only or nonsense queries', () => {
    expect(knowledge.search('')).toEqual([]);
    expect(knowledge.search('   ')).toEqual([]);
    expect(knowledge.search('is it the')).toEqual([]);
    expect(knowledge.search('zzqqxx')).toEqual([]);
  });

  it('respects limit and ranks best first', () => {
    const hits = knowledge.search('refund', { limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });
});

describe('category and intent boosts', () => {
  // "payments paused" concerns both a return (refund) and a dispute; the category decides.
  const boosted = createKnowledgeIndex([
    article({ id: 'pay-a', title: 'Paused payments', category: 'billing', tags: ['pause'] }),
    article({ id: 'pay-b', title: 'Paused payments during a return', category: 'refund', tags: ['pause'] }),
    article({ id: 'pay-c', title: 'Paused payments during a dispute', category: 'dispute', intents: ['dispute_status'], tags: ['pause'] }),
  ]);

  it('without hints, the closest title wins', () => {
    expect(boosted.search('paused payments')[0]!.article.id).toBe('pay-a');
  });

  it('a category lifts its articles above a slightly better match elsewhere', () => {
    expect(boosted.search('paused payments', { category: 'refund' })[0]!.article.id).toBe('pay-b');
  });

  it('an intent outweighs a category', () => {
    const hits = boosted.search('paused payments', { category: 'refund', intent: 'dispute_status' });
    expect(hits[0]!.article.id).toBe('pay-c');
    expect(hits.map((h) => h.article.id)).toHaveLength(3);
  });

  it('changes the ranking of the shipped articles too', () => {
    const query = 'strange charge on my statement';
    const rank = (ids: string[], id: string) => ids.indexOf(id);
    const billing = topIds(query, { category: 'billing' });
    const dispute = topIds(query, { category: 'dispute' });
    expect(rank(billing, 'unexpected-charge')).toBeLessThan(rank(billing, 'charged-twice'));
    expect(rank(dispute, 'charged-twice')).toBeLessThan(rank(dispute, 'unexpected-charge'));
  });
});

describe('lookups', () => {
  it('byIntent puts the article whose main topic is the intent first', () => {
    expect(knowledge.byIntent('talk_to_human')[0]?.id).toBe('talk-to-a-person');
    expect(knowledge.byIntent('refund_status')[0]?.id).toBe('refund-timing');
    expect(knowledge.byIntent('open_dispute').map((a) => a.id)).toEqual(['open-a-dispute', 'dispute-evidence']);
    expect(knowledge.byIntent('no_such_intent')).toEqual([]);
  });

  it('get, all and categories describe the knowledge base', () => {
    expect(knowledge.get('refund-timing')?.title).toBe('When will I get my refund?');
    expect(knowledge.get('nope')).toBeUndefined();
    expect(knowledge.all()).toHaveLength(articles.length);
    const cats = knowledge.categories();
    expect(cats.map((c) => c.id)).toEqual(['billing', 'refund', 'security', 'dispute', 'support']);
    expect(cats.reduce((n, c) => n + c.count, 0)).toBe(articles.length);
  });

  it('related articles share the subject and exclude the article itself', () => {
    const related = knowledge.related('refund-timing');
    expect(related).toHaveLength(3);
    expect(related.map((a) => a.id)).not.toContain('refund-timing');
    expect(related.every((a) => a.category === 'refund')).toBe(true);
  });

  it('rejects two articles with the same id', () => {
    expect(() => createKnowledgeIndex([article({ id: 'x' }), article({ id: 'x' })])).toThrow(/duplicate article id "x"/);
  });
});

describe('brand name', () => {
  const branded = createKnowledgeIndex(articles, { brandName: 'Acme Pay' });

  it('replaces {{brand}} in returned titles, summaries and bodies', () => {
    const contact = branded.get('contact-us')!;
    expect(contact.title).toBe('How to contact Acme Pay support');
    expect(contact.summary).toContain('Acme Pay app');
    expect(contact.body).not.toContain('{{brand}}');
    const hit = branded.search('contact support')[0]!.article;
    expect(`${hit.title} ${hit.summary} ${hit.body}`).not.toContain('{{brand}}');
    expect(branded.render('Open the {{brand}} app')).toBe('Open the Acme Pay app');
  });

  it('leaves placeholders in when no brand name is given', () => {
    expect(knowledge.get('contact-us')!.title).toBe('How to contact {{brand}} support');
  });

  it('does not make the word "brand" searchable', () => {
    expect(knowledge.search('brand')).toEqual([]);
  });
});
