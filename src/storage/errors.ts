/** Another writer committed first; re-read the conversation and process again. */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
  constructor(readonly conversationId: string, readonly expected: number) {
    super(`conversation ${conversationId} is no longer at version ${expected}`);
  }
}

/** A message id already stored in this conversation. */
export class DuplicateMessageError extends Error {
  override name = 'DuplicateMessageError';
  constructor(readonly conversationId: string, readonly messageId: string) {
    super(`message ${messageId} is already stored in conversation ${conversationId}`);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
