/** A knowledge-base article, loaded from knowledge-base/<id>.md (YAML front matter + markdown). */
export interface Article {
  id: string;
  title: string;
  /** `billing` | `refund` | `security` | `dispute` | `support` (how support works) ... */
  category: string;
  /** Intent names this article answers. */
  intents: string[];
  tags: string[];
  /** Markdown body with `{{brand}}` placeholders left in. */
  body: string;
  /** First paragraph as plain text: the short answer the bot gives in chat. */
  summary: string;
}

export interface ArticleHit {
  article: Article;
  score: number;
}
