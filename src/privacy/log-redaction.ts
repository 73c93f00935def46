/**
 * What the shared pino logger leaves out, so no log line carries a customer's words or personal
 * data, however it got there: as a field (`text`, `comment`, a hello `context`…), in a request URL's
 * query (a help-centre search), or inside an error — a database driver's error carries the failing
 * statement's data in `detail`/`where`, and Node's `JSON.parse` quotes the input in its message.
 */
import { maskSensitive } from './mask';

/** Fields that hold what a person typed or who they are; replaced by `[redacted]` at any depth pino reaches. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  ...['token', 'text', 'password', 'comment', 'resolution', 'value', 'context', 'pageUrl', 'preview', 'note'].flatMap((k) => [k, `*.${k}`]),
];

/** The same censor for every path: `[redacted]`. */
export const LOG_CENSOR = '[redacted]';

const EMAIL = /[^\s@"'<>()[\]]+@[^\s@"'<>()[\]]+\.[A-Za-z]{2,}/g;
const QUOTED = /"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g;

/**
 * A free-form message or stack made safe for a log: card numbers, CVVs and IBANs masked, emails
 * replaced, and every double-quoted excerpt (where drivers and `JSON.parse` quote input) removed.
 * @example scrubLogText('Unexpected token \'h\', "hello my c"... is not valid JSON') // "Unexpected token 'h', \"…\" is not valid JSON"
 */
export function scrubLogText(text: string): string {
  return maskSensitive(text).text.replace(QUOTED, '"…"').replace(EMAIL, '[email]');
}

/** Error fields that describe what failed without quoting data (PostgreSQL's among them). */
const SAFE_ERROR_FIELDS = ['code', 'severity', 'routine', 'constraint', 'table', 'column', 'schema', 'statusCode', 'errno', 'syscall'] as const;

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/**
 * pino's `err` serializer, allow-listed: the error's class, scrubbed message and stack, a few
 * descriptive fields and its cause; never `detail`, `where`, `hint`, `query`, `parameters` or any
 * other property a library may fill with the data that failed.
 * @example pino({ serializers: { err: serializeLogError } })
 */
export function serializeLogError(err: unknown, depth = 0): LoggedError | unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? scrubLogText(err) : err;
  const out: LoggedError = { type: err.constructor?.name ?? 'Error', message: scrubLogText(err.message) };
  if (err.stack) out.stack = scrubLogText(err.stack);
  const fields = err as unknown as Record<string, unknown>;
  for (const key of SAFE_ERROR_FIELDS) {
    const v = fields[key];
    if (typeof v === 'string' || typeof v === 'number') out[key] = typeof v === 'string' ? scrubLogText(v) : v;
  }
  if (err.cause !== undefined && depth < 3) out.cause = serializeLogError(err.cause, depth + 1) as LoggedError;
  return out;
}

/**
 * pino's `req` serializer: method, path and client address, the query string dropped (help-centre
 * searches are customers' words).
 */
export function serializeLogRequest(req: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string } }): Record<string, unknown> {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return { method: req.method, url: q === -1 ? url : `${url.slice(0, q)}?…`, remoteAddress: req.ip ?? req.socket?.remoteAddress };
}
