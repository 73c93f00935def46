/**
 * Turns one paragraph of inline markdown into plain text for chat: links keep their text,
 * emphasis and code marks are dropped, HTML tags are removed, whitespace is collapsed.
 */
export function inlineMarkdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first paragraph of a markdown body (text up to the first blank line), unmodified. */
export function firstParagraph(markdown: string): string {
  const blocks = markdown.trim().split(/\n[ \t]*\n/);
  return (blocks[0] ?? '').trim();
}
