/** The knowledge part: load the markdown articles, search them, render them. */
export type { Article, ArticleHit } from './types';
export { loadArticles, parseArticle, ArticleError } from './load';
export {
  createKnowledgeIndex,
  CATEGORY_BOOST,
  INTENT_BOOST,
  type KnowledgeIndex,
  type KnowledgeIndexOptions,
  type KnowledgeSearchOptions,
  type CategorySummary,
} from './search';
export { CATEGORIES, type CategoryInfo } from './categories';
export { renderMarkdown } from './render';
export { fillBrand } from './brand';
