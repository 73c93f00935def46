import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A customer's resume token: 32 random bytes, base64url. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newConversationId(): string {
  return randomUUID();
}

/** Ids for server-made messages; client ids are free-form, so prefix to keep them apart. */
/** A client sent a message id that another sender's message already has (agents and customers have separate id spaces). */
export class MessageIdTakenError extends Error {
  constructor(readonly messageId: string) {
    super(`message id ${messageId} belongs to another sender`);
    this.name = 'MessageIdTakenError';
  }
}

export function newServerMessageId(): string {
  return `srv-${randomUUID()}`;
}
