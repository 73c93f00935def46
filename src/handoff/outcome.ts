/** Why an agent action was refused; each is a code of docs/agent-protocol.md's error frame. */
export type HandoffErrorCode =
  | 'ALREADY_CLAIMED'
  | 'NOT_IN_QUEUE'
  | 'AT_CAPACITY'
  | 'NOT_ONLINE'
  | 'NOT_ASSIGNED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ID_TAKEN';

/** The answer to an agent action: a value, or the refusal the agent is told about. */
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; code: HandoffErrorCode };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (code: HandoffErrorCode): Outcome<never> => ({ ok: false, code });
