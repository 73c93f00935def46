/**
 * `GET /api/conversations`: the operators' transcript list (docs/agent-protocol.md), one page of
 * `ConversationSummary` rows, newest activity first, with an opaque cursor for the next page.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { ConversationPage } from '../../protocol/agent';
import { ConversationListQuery, ConversationPage as ConversationPageSchema } from '../../protocol/api/conversations';
import { errorResponses } from '../../protocol/api/errors';
import type { ConversationListKey } from '../../storage/conversation-list';
import type { Storage } from '../../storage/types';
import { httpError } from '../errors';
import { readSecurity } from './openapi-security';

export interface ConversationListRoutesOptions {
  storage: Pick<Storage, 'listConversations'>;
  /**
   * Who may list: runs before the query is validated, so a caller without the right gets
   * 401/403, never a hint about parameters.
   * @example { guard: requireAgent('operator') }
   */
  guard: preHandlerAsyncHookHandler;
}

/** The next page's cursor: the last row's (updatedAt, id), base64url JSON. Opaque to clients. */
export function encodeCursor(key: ConversationListKey): string {
  return Buffer.from(JSON.stringify([key.updatedAt, key.id])).toString('base64url');
}

/** The key inside a cursor, or undefined when it is not one this server made. */
export function decodeCursor(cursor: string): ConversationListKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [updatedAt, id] = value as unknown[];
  if (!Number.isSafeInteger(updatedAt) || (updatedAt as number) < 0 || typeof id !== 'string' || id === '') return undefined;
  return { updatedAt: updatedAt as number, id };
}

export const conversationListRoutes: FastifyPluginAsync<ConversationListRoutesOptions> = async (app, { storage, guard }) => {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/conversations',
    {
      preValidation: guard,
      schema: {
        tags: ['conversations'],
        summary: 'Transcript list for operators, newest activity first',
        security: readSecurity,
        querystring: ConversationListQuery,
        response: { 200: ConversationPageSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { from, to, state, escalated, maxRating, q, limit, cursor } = req.query;
      if (from !== undefined && to !== undefined && from > to) throw httpError('VALIDATION', 'from must not be after to');
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && !after) throw httpError('VALIDATION', 'cursor must be a nextCursor from a previous page');
      const page = await storage.listConversations({
        limit,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(state ? { state } : {}),
        ...(escalated ? { escalated: escalated === 'true' } : {}),
        ...(maxRating !== undefined ? { maxRating } : {}),
        ...(q !== undefined ? { q } : {}),
        ...(after ? { after } : {}),
      });
      const body: ConversationPage = { conversations: page.rows, nextCursor: page.next ? encodeCursor(page.next) : null };
      return body;
    },
  );
};
