import type { FastifyPluginAsync } from 'fastify';
import type { ParseResult } from '../../nlu/types';

export interface NluRoutesOptions {
  /** Async: accurate mode embeds the text first. */
  parse(text: string): Promise<ParseResult>;
  maxChars: number;
}

/** POST /api/nlu/parse {"text"} → DESIGN.md's NLU contract. */
export const nluRoutes: FastifyPluginAsync<NluRoutesOptions> = async (app, opts) => {
  app.post<{ Body: { text: string } }>(
    '/api/nlu/parse',
    {
      schema: {
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: { text: { type: 'string', minLength: 1, maxLength: opts.maxChars } },
        },
      },
    },
    async (req) => opts.parse(req.body.text),
  );
};
