import createError, { type FastifyErrorConstructor } from '@fastify/error';
import type { FastifyError } from 'fastify';
import type { ErrorFrame } from '../protocol/customer';

/**
 * The one error catalogue. Codes are stable and documented in docs/errors.md (a test checks that
 * every code here appears there). Messages are for people; they never contain internals.
 */
export const errorCatalogue = {
  BAD_FRAME: { status: 400, retryable: false, message: 'The frame is not valid.' },
  INVALID_TEXT: { status: 400, retryable: false, message: 'The text contains a character that is not allowed (a control character or an unpaired surrogate).' },
  MESSAGE_TOO_LONG: { status: 400, retryable: false, message: 'That message is too long. Please shorten it.' },
  FRAME_TOO_LARGE: { status: 413, retryable: false, message: 'The frame is larger than the server accepts.' },
  TOO_MANY_CONNECTIONS: { status: 429, retryable: true, message: 'Too many chats are open from your network. Close one and try again.' },
  TOO_MANY_CONVERSATIONS: { status: 429, retryable: true, message: 'Too many new chats from your network. Please wait a minute and try again.' },
  RATE_LIMITED: { status: 429, retryable: true, message: 'Too many messages at once. Please wait a moment.' },
  HELLO_REQUIRED: { status: 400, retryable: false, message: 'Send a hello frame first.' },
  HELLO_TIMEOUT: { status: 408, retryable: true, message: 'No hello frame arrived in time.' },
  IDENTITY_INVALID: { status: 401, retryable: false, message: 'The site could not confirm who you are.' },
  ALREADY_STARTED: { status: 409, retryable: false, message: 'This socket already has a conversation.' },
  CONVERSATION_CLOSED: { status: 409, retryable: false, message: 'This conversation has ended. Start a new conversation to send this message.' },
  ORIGIN_NOT_ALLOWED: { status: 403, retryable: false, message: 'This site may not open the chat.' },
  NOT_SUPPORTED: { status: 400, retryable: false, message: 'This action is not supported yet.' },
  INTERNAL: { status: 500, retryable: true, message: 'Something went wrong on our side. Please try again.' },
  VALIDATION: { status: 400, retryable: false, message: 'The request is not valid.' },
  NOT_FOUND: { status: 404, retryable: false, message: 'Not found.' },
  UNAUTHENTICATED: { status: 401, retryable: false, message: 'Please log in.' },
  LOGIN_FAILED: { status: 401, retryable: false, message: 'Wrong email or password.' },
  LOGIN_RATE_LIMITED: { status: 429, retryable: true, message: 'Too many login attempts. Please wait and try again.' },
  CSRF_INVALID: { status: 403, retryable: false, message: 'The request is missing its x-csrf-token header or the token is wrong. Reload the page.' },
  FORBIDDEN: { status: 403, retryable: false, message: 'You may not do that with this chat.' },
  ALREADY_CLAIMED: { status: 409, retryable: false, message: 'Another agent took this chat first.' },
  NOT_IN_QUEUE: { status: 409, retryable: false, message: 'This chat is not waiting in the queue any more.' },
  AT_CAPACITY: { status: 409, retryable: true, message: 'You have as many chats as your capacity allows. Close or release one first.' },
  NOT_ONLINE: { status: 409, retryable: true, message: 'Set your status to online (the receiving agent must be online too).' },
  ID_TAKEN: { status: 409, retryable: false, message: 'This message id is already used by another sender. Send the message again with a new id.' },
  NOT_ASSIGNED: { status: 409, retryable: false, message: 'This chat has no agent any more.' },
  TRAINING_IN_PROGRESS: { status: 409, retryable: true, message: 'A retrain is already running on this server. Wait for it to finish.' },
  TESTS_IN_PROGRESS: { status: 409, retryable: true, message: 'The conversation tests are already running on this server. Wait for that run to finish.' },
  TOO_MANY_REQUESTS: { status: 429, retryable: true, message: 'Too many requests of this kind. Please wait and try again.' },
  DELIVERY_IN_FLIGHT: { status: 409, retryable: true, message: 'This webhook delivery is being sent right now. Try again when the attempt has finished.' },
  EMAIL_TAKEN: { status: 409, retryable: false, message: 'An account with this email already exists.' },
  SELF_CHANGE: { status: 409, retryable: false, message: 'You cannot disable, remove or demote your own account; ask another admin.' },
  LAST_ADMIN: { status: 409, retryable: false, message: 'This is the only active admin; make another admin first.' },
  NOTHING_TO_ROLL_BACK: { status: 409, retryable: false, message: 'The built-in model is active; there is nothing to roll back to.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** An error frame for the customer socket. `detail` adds specifics that are safe to show. */
export function errorFrame(code: ErrorCode, detail?: string): ErrorFrame {
  return { type: 'error', code, message: messageOf(code, detail), retryable: errorCatalogue[code].retryable };
}

/** The message a person sees for `code`, with safe specifics in parentheses. */
function messageOf(code: ErrorCode, detail?: string): string {
  const { message } = errorCatalogue[code];
  return detail ? `${message} (${detail})` : message;
}

/** An `@fastify/error` class whose `code` is the catalogue's code `K`. */
export type CatalogueErrorClass<K extends ErrorCode> = FastifyErrorConstructor<{ code: K; statusCode: number }, [string]>;

/**
 * One `@fastify/error` class per catalogue code, with the catalogue's status (fastify's
 * `lib/errors.js` style). Routes and hooks throw them (usually through {@link httpError}) and the
 * root error handler (error-handler.ts) turns them into `{code, message, statusCode}`.
 */
export const HttpErrors = Object.fromEntries(
  (Object.keys(errorCatalogue) as ErrorCode[]).map((code) => [code, createError(code, '%s', errorCatalogue[code].status)]),
) as { [K in ErrorCode]: CatalogueErrorClass<K> };

/**
 * The catalogue error for `code`, ready to throw from a route or hook.
 * @param detail specifics safe to show, appended in parentheses to the catalogue message.
 * @example throw httpError('NOT_FOUND', `no case ${id}`)
 */
export function httpError<K extends ErrorCode>(code: K, detail?: string): FastifyError & { code: K } {
  const ErrorClass: CatalogueErrorClass<K> = HttpErrors[code];
  return new ErrorClass(messageOf(code, detail));
}

/** Whether `err` was made from the catalogue (so its code and message are safe to send). */
export function isCatalogueError(err: unknown): err is FastifyError & { code: ErrorCode } {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code) && err instanceof HttpErrors[code as ErrorCode];
}
