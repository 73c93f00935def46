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
  /** First paragraph as plain text: the help-centre lead (search results, article lists). */
  summary: string;
  /**
   * What the bot says in the chat: the front-matter `chat` field, written for someone already
   * chatting (short, no "contact us", no promise the bot cannot keep). The loader sets it (the
   * lead when the field is absent); optional so articles built in code may leave it out.
   */
  chat?: string;
}

export interface ArticleHit {
  article: Article;
  score: number;
}
