import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { findInvalidText, invalidTextMessage } from '../protocol/text';
import { httpError } from './errors';

const plugin: FastifyPluginAsync = async (app) => {
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const invalid = findInvalidText(value);
      if (invalid) throw httpError('INVALID_TEXT', `${part}: ${invalidTextMessage(invalid)}`);
    }
  });
};

/**
 * Refuses, with 400 `INVALID_TEXT`, any REST request whose path parameters, query or JSON body
 * hold a control character or an unpaired surrogate (src/protocol/text.ts), before any route sees
 * it: such text cannot be stored (PostgreSQL refuses NUL and lone surrogates) and means nothing.
 * Every route registered after this plugin is covered, including ones added later.
 * @example await app.register(textHygiene);
 */
export const textHygiene = fp(plugin, { name: 'text-hygiene' });
