import YAML from 'yaml';

export interface FrontMatterDocument {
  /** The parsed YAML between the `---` fences (any shape: the caller validates it). */
  data: unknown;
  /** Everything after the closing fence, with leading blank lines removed. */
  body: string;
}

export class FrontMatterError extends Error {
  override name = 'FrontMatterError';
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits a markdown file into YAML front matter and body. The file must start with a `---` line;
 * the front matter ends at the next `---` (or `...`) line.
 *
 * @example splitFrontMatter('---\nid: a\n---\nHello') // => { data: { id: 'a' }, body: 'Hello' }
 */
export function splitFrontMatter(source: string): FrontMatterDocument {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    throw new FrontMatterError('must start with a "---" line opening the front matter');
  }
  const end = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (end < 0) throw new FrontMatterError('front matter is not closed by a "---" line');
  let data: unknown;
  try {
    data = YAML.parse(lines.slice(1, end).join('\n'));
  } catch (err) {
    throw new FrontMatterError(`front matter is not valid YAML: ${(err as Error).message}`);
  }
  const body = lines.slice(end + 1).join('\n').replace(/^\s*\n/, '').trimEnd();
  return { data, body };
}
