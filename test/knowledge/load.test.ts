import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArticleError, loadArticles, parseArticle } from '../../src/knowledge/load';

const VALID = `---
id: refund-timing
title: When will I get my refund?
category: refund
intents: [refund_status]
tags: [Refund, timing]
---
Refunds reach your card in **5–10 business days**. See [the details](/help/x) below.

## Steps

1. Wait.
`;

function withFront(front: string, body = 'A short answer.'): string {
  return `---\n${front}\n---\n${body}\n`;
}

describe('parseArticle', () => {
  it('reads the front matter, body and a plain-text summary from the first paragraph', () => {
    const a = parseArticle(VALID, 'refund-timing.md');
    expect(a).toMatchObject({
      id: 'refund-timing',
      title: 'When will I get my refund?',
      category: 'refund',
      intents: ['refund_status'],
      tags: ['refund', 'timing'],
    });
    expect(a.summary).toBe('Refunds reach your card in 5–10 business days. See the details below.');
    expect(a.body).toContain('## Steps');
    expect(a.body).not.toContain('category:');
  });

  it('keeps the chat summary apart from the help-centre lead, and falls back to the lead without one', () => {
    const withChat = parseArticle(VALID.replace('tags: [Refund, timing]', 'tags: [Refund, timing]\nchat: "Your refund shows in\n  5–10 business days."'), 'refund-timing.md');
    expect(withChat.chat).toBe('Your refund shows in 5–10 business days.');
    expect(withChat.summary).toBe('Refunds reach your card in 5–10 business days. See the details below.');
    expect(parseArticle(VALID, 'refund-timing.md').chat).toBe(parseArticle(VALID, 'refund-timing.md').summary);
  });

  it('accepts Windows line endings', () => {
    const a = parseArticle(VALID.replace(/\n/g, '\r\n'), 'refund-timing.md');
    expect(a.title).toBe('When will I get my refund?');
    expect(a.summary).toMatch(/^Refunds reach/);
  });

  const base = 'id: a\ntitle: T\ncategory: refund\nintents: [refund_status]\ntags: [x]';
  const cases: [string, string, RegExp][] = [
    ['no front matter', 'Just text', /must start with a "---"/],
    ['unclosed front matter', '---\nid: a\ntitle: T\n', /not closed/],
    ['broken YAML', withFront('id: a\ntitle: [unclosed'), /not valid YAML/],
    ['id differs from the file name', withFront(base.replace('id: a', 'id: b')), /"id" is "b" but must equal the file name "a"/],
    ['missing title', withFront(base.replace('title: T\n', '')), /"title" is required/],
    ['unknown category', withFront(base.replace('category: refund', 'category: shipping')), /"category" must be one of billing, refund, security, dispute, support, got "shipping"/],
    ['intents not a list', withFront(base.replace('intents: [refund_status]', 'intents: refund_status')), /"intents" must be a list/],
    ['missing tags', withFront(base.replace('\ntags: [x]', '')), /"tags" is required/],
    ['misspelt field', withFront(`${base}\nintent: [x]`), /unknown front-matter field\(s\) intent/],
    ['body starting with a heading', withFront(base, '## Heading\n\nText'), /must start with a plain paragraph/],
    ['empty body', withFront(base, ''), /body is empty/],
    ['an empty chat summary', withFront(`${base}\nchat: ""`), /"chat" must be a non-empty text/],
    ['a chat summary that is a page', withFront(`${base}\nchat: "${'word '.repeat(90)}"`), /"chat" is 449 characters; keep it to 400/],
    ['markdown in the chat summary', withFront(`${base}\nchat: "See **this**"`), /"chat" must be plain text/],
  ];
  it.each(cases)('rejects %s with an error naming the file', (_name, source, message) => {
    let error: unknown;
    try {
      parseArticle(source, 'a.md');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArticleError);
    expect((error as Error).message).toMatch(/^a\.md: /);
    expect((error as Error).message).toMatch(message);
  });
});

describe('loadArticles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads every .md file of a folder, sorted by id, ignoring other files', () => {
    fs.writeFileSync(path.join(dir, 'refund-timing.md'), VALID);
    fs.writeFileSync(path.join(dir, 'a-first.md'), withFront('id: a-first\ntitle: First\ncategory: billing\nintents: []\ntags: []'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an article');
    expect(loadArticles(dir).map((a) => a.id)).toEqual(['a-first', 'refund-timing']);
  });

  it('names the broken file in the error', () => {
    fs.writeFileSync(path.join(dir, 'refund-timing.md'), VALID);
    fs.writeFileSync(path.join(dir, 'broken-one.md'), withFront('id: broken-one\ntitle: X\ncategory: nope\nintents: []\ntags: []'));
    expect(() => loadArticles(dir)).toThrow(/^broken-one\.md: "category" must be one of/);
  });

  it('says which folder it could not read', () => {
    expect(() => loadArticles(path.join(dir, 'missing'))).toThrow(/cannot read the knowledge-base folder .*missing/);
  });
});
