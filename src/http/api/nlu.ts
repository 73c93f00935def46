import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../../protocol/api/errors';
import { ParseResult as ParseResultSchema, parseBody } from '../../protocol/api/nlu';
import type { ParseResult } from '../../nlu/types';

export interface NluRoutesOptions {
  /** Async: accurate mode embeds the text first. */
  parse(text: string): Promise<ParseResult>;
  maxChars: number;
}

/** POST /api/nlu/parse {"text"} → DESIGN.md's NLU contract. */
export const nluRoutes: FastifyPluginAsync<NluRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/nlu/parse',
    { schema: { tags: ['nlu'], summary: 'Classify a text: intent, ranking, entities', security: [], body: parseBody(opts.maxChars), response: { 200: ParseResultSchema, ...errorResponses } } },
    async (req) => opts.parse(req.body.text),
  );
};
