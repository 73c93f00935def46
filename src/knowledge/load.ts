import fs from 'node:fs';
import path from 'node:path';
import { CATEGORY_IDS, isKnownCategory } from './categories';
import { FrontMatterError, splitFrontMatter } from './front-matter';
import { firstParagraph, inlineMarkdownToText } from './plain-text';
import type { Article } from './types';

/** An article file that cannot be used; the message starts with the file name. */
export class ArticleError extends Error {
  override name = 'ArticleError';
  constructor(
    /** The file's name, e.g. `refund-timing.md`. */
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const INTENT_NAME = /^[a-z][a-z0-9_]*$/;
const FIELDS = ['id', 'title', 'category', 'intents', 'tags', 'chat'];
/** A chat answer longer than this is a help-centre page, not a chat bubble. */
export const MAX_CHAT_CHARS = 400;
/** A first paragraph starting like this is a heading, list, quote, table or code, not an answer. */
const NOT_A_PARAGRAPH = /^(#|[-*+]\s|\d+[.)]\s|>|\||```|~~~|<)/;

function stringList(data: Record<string, unknown>, key: string, fail: (m: string) => never): string[] {
  const value = data[key];
  if (value === undefined || value === null) fail(`"${key}" is required (a list, e.g. ${key}: [a, b])`);
  if (!Array.isArray(value)) fail(`"${key}" must be a list, e.g. ${key}: [a, b]`);
  return (value as unknown[]).map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(`"${key}" item ${i + 1} must be a non-empty string`);
    return (item as string).trim();
  });
}

/**
 * Parses and validates one article file.
 *
 * @param source the file's text: YAML front matter (`id`, `title`, `category`, `intents`, `tags`,
 *   optional `chat`) between `---` lines, then the markdown body whose first paragraph is the
 *   help-centre lead. `chat` is what the bot says in the chat (plain text, at most 400
 *   characters); without it the bot falls back to the lead.
 * @param fileName the file's name (`refund-timing.md`); `id` must equal it without `.md`.
 * @throws ArticleError naming the file and what is wrong.
 */
export function parseArticle(source: string, fileName: string): Article {
  const fail = (reason: string): never => {
    throw new ArticleError(fileName, reason);
  };
  let doc;
  try {
    doc = splitFrontMatter(source);
  } catch (err) {
    if (err instanceof FrontMatterError) fail(err.message);
    throw err;
  }
  const { data, body } = doc;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('front matter must be a YAML mapping of id, title, category, intents, tags');
  }
  const fields = data as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) fail(`unknown front-matter field(s) ${unknown.join(', ')}; allowed: ${FIELDS.join(', ')}`);

  const expectedId = path.basename(fileName).replace(/\.md$/i, '');
  const id = fields.id;
  if (typeof id !== 'string' || id === '') fail('"id" is required');
  if (!KEBAB_CASE.test(id as string)) fail(`"id" must be kebab-case, got "${String(id)}"`);
  if (id !== expectedId) fail(`"id" is "${String(id)}" but must equal the file name "${expectedId}"`);

  const title = fields.title;
  if (typeof title !== 'string' || title.trim() === '') fail('"title" is required');

  const category = fields.category;
  if (typeof category !== 'string' || !isKnownCategory(category)) {
    fail(`"category" must be one of ${CATEGORY_IDS.join(', ')}, got "${String(category ?? '')}"`);
  }

  const intents = stringList(fields, 'intents', fail);
  const badIntent = intents.find((i) => !INTENT_NAME.test(i));
  if (badIntent !== undefined) fail(`intent "${badIntent}" must be snake_case, e.g. refund_status`);
  const tags = stringList(fields, 'tags', fail).map((t) => t.toLowerCase());

  if (body.trim() === '') fail('the body is empty: it needs at least a first paragraph with the short answer');
  const first = firstParagraph(body);
  if (NOT_A_PARAGRAPH.test(first)) {
    fail('the body must start with a plain paragraph (the short answer the bot sends), not a heading or list');
  }

  const chat = fields.chat;
  if (chat !== undefined) {
    if (typeof chat !== 'string' || chat.trim() === '') fail('"chat" must be a non-empty text: what the bot says in the chat');
    if ((chat as string).trim().length > MAX_CHAT_CHARS) fail(`"chat" is ${(chat as string).trim().length} characters; keep it to ${MAX_CHAT_CHARS} (it is a chat bubble)`);
    if (/\*\*|\]\(|`|^#/m.test(chat as string)) fail('"chat" must be plain text, without markdown');
  }
  const summary = inlineMarkdownToText(first);
  return {
    id: id as string,
    title: (title as string).trim(),
    category: category as string,
    intents,
    tags,
    body,
    summary,
    chat: typeof chat === 'string' ? chat.trim().replace(/\s+/g, ' ') : summary,
  };
}

/**
 * Loads every `*.md` file of a folder as an article, sorted by file name.
 *
 * @param dir the knowledge-base folder (config `knowledgeDir`, default `./knowledge-base`).
 * @throws ArticleError for the first invalid file, or an Error when the folder cannot be read.
 * @example const articles = loadArticles(config.knowledgeDir);
 */
export function loadArticles(dir: string): Article[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.md'));
  } catch (err) {
    throw new Error(`cannot read the knowledge-base folder ${dir}: ${(err as Error).message}`);
  }
  return names.sort().map((name) => parseArticle(fs.readFileSync(path.join(dir, name), 'utf8'), name));
}
