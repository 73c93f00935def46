import { CaseIdTakenError } from '../cases';
import { DuplicateMessageError, NotFoundError, VersionConflictError } from '../errors';
import type { WriterRequest } from './writer-ops';

/** Messages between the storage (main thread) and its writer thread (writer-worker.ts). */

/** One write with the main thread's time for it. */
export interface WriterItem {
  req: WriterRequest;
  at: number;
}

export type WriterCommand = { type: 'batch'; id: number; items: WriterItem[] } | { type: 'close' };

/** An error as it crosses the thread boundary: its class name, message and own fields. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export type WriterOutcome = { ok: true; result: unknown } | { ok: false; error: WireError };

/** `outcomes` per item when the batch committed (its fsync done); `error` when the whole batch failed. */
export type WriterReply = { type: 'batch'; id: number; outcomes?: WriterOutcome[]; error?: WireError } | { type: 'closed' };

export function toWireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (typeof v !== 'function' && k !== 'name') fields[k] = v;
  return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}), fields };
}

/** The storage errors callers tell apart by class come back as those classes; others keep name, code and message. */
export function fromWireError(e: WireError): Error {
  let err: Error;
  if (e.name === 'VersionConflictError') err = new VersionConflictError(String(e.fields.conversationId), Number(e.fields.expected));
  else if (e.name === 'DuplicateMessageError') err = new DuplicateMessageError(String(e.fields.conversationId), String(e.fields.messageId));
  else if (e.name === 'NotFoundError') err = new NotFoundError(e.message);
  else if (e.name === 'CaseIdTakenError') err = new CaseIdTakenError(String(e.fields.caseId));
  else {
    err = Object.assign(new Error(e.message), e.fields);
    err.name = e.name;
  }
  if (e.stack) err.stack = e.stack;
  return err;
}
