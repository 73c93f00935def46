/** `GET /api/articles`: the help centre's search as JSON. */
import { Type, type Static } from '@sinclair/typebox';

export const ArticleQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, examples: ['refund'] })),
  category: Type.Optional(Type.String({ maxLength: 40, examples: ['refund'] })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});

export const ArticleHit = Type.Object({
  id: Type.String(),
  title: Type.String(),
  category: Type.String(),
  url: Type.String(),
  summary: Type.String(),
  score: Type.Number({ description: 'Search score, 0 when browsing without `q`.' }),
});
export type ArticleHit = Static<typeof ArticleHit>;
export const ArticleResults = Type.Object({ results: Type.Array(ArticleHit) });
