import { isIP } from 'node:net';
import { DEFAULT_ORDER_ID_SOURCE, type OrderIdPattern, compileOrderIdPattern } from './protocol/order-id';
import path from 'node:path';
import { NLU_MODES, type NluMode } from './nlu/nlu-mode';
import { BusinessHoursError, parseBusinessHours, type BusinessHours } from './handoff/business-hours';

/**
 * The service's configuration, read from the environment in one place and validated at start.
 * Every field is documented in the README's configuration table; a test keeps the two in step.
 */
export interface Config {
  /** TCP port to listen on. Env `PORT`, default 3000. */
  port: number;
  /** Interface to bind. Env `HOST`, default `0.0.0.0`. */
  host: string;
  /** Folder for the SQLite file, saved models and generated secrets. Env `DATA_DIR`, default `./data`. */
  dataDir: string;
  /** PostgreSQL connection string; when set it is used instead of SQLite. Env `DATABASE_URL`. */
  databaseUrl?: string;
  /** Redis connection string; when set the bus goes through Redis. Env `REDIS_URL`. */
  redisUrl?: string;
  /** pino level. Env `LOG_LEVEL`, default `info`. */
  logLevel: string;
  /** Origins allowed to open the customer socket; empty means any. Env `ALLOWED_ORIGINS`, comma separated. */
  allowedOrigins: string[];
  /** Shown in the widget, the help centre and the bot's replies. Env `BRAND_NAME`, default `PayLater`. */
  brandName: string;
  /** Folder of intent files. Env `INTENTS_DIR`, default `./intents`. */
  intentsDir: string;
  /** Folder of knowledge-base articles. Env `KNOWLEDGE_DIR`, default `./knowledge-base`. */
  knowledgeDir: string;
  /** Folder of conversation tests (`*.yml`, docs/conversation-tests.md). Env `CONVERSATIONS_DIR`, default `./conversations`. */
  conversationsDir: string;
  /** Public base URL used in article links; empty means relative links. Env `PUBLIC_URL`. */
  publicUrl: string;
  /**
   * Below this top-intent confidence a message counts as not understood: the bot offers the
   * closest topics, and a second miss in the conversation escalates. Env `NLU_CONFIDENCE_THRESHOLD`, default 0.5.
   */
  confidenceThreshold: number;
  /**
   * Below this out-of-scope score (`IntentModel.scope`) a message counts as not understood too, however
   * confident the top intent: it looks like nothing the model was trained on. Env `NLU_SCOPE_THRESHOLD`,
   * default 0.08, chosen on the shipped intents by the rule in docs/training.md
   * (`scripts/scope-threshold.ts` reproduces it); 0 turns it off.
   */
  scopeThreshold: number;
  /**
   * Intent-model mode. `default`: TF-IDF and word vectors (always available). `use-lite`: accurate
   * mode, which adds Universal Sentence Encoder lite sentence embeddings from the optional packages
   * `@energetic-ai/*` (more accurate; about 12 ms more per message; embeddings cached in
   * `DATA_DIR/embeddings`). Without those packages the server logs a warning and runs the default
   * mode. Env `NLU_ENCODER`, default `default` (`none` is the same).
   */
  nluEncoder: NluMode;
  /** How many topics to offer as quick replies when unsure. Env `CLARIFY_OPTIONS`, default 3. */
  clarifyOptions: number;
  /** Misses in a conversation (whatever came between) that escalate to a person. Env `MAX_MISSES`, default 2. */
  maxMisses: number;
  /** Longest customer message in characters; longer ones are refused. Env `MAX_MESSAGE_CHARS`, default 2000. */
  maxMessageChars: number;
  /** Frames a customer socket may send per 10 seconds before being told to slow down. Env `RATE_LIMIT_FRAMES`, default 20. */
  rateLimitFrames: number;
  /**
   * What an order id looks like. Env `ORDER_ID_PATTERN` (anchored), default `^(?:\d{8}|ORD-\d+)$`;
   * compiled once here and passed to every consumer (entity extraction, masking, the flows' wording).
   */
  orderIdPattern: OrderIdPattern;
  /** Days a merchant has to register a return before the refund flow opens a case. Env `REFUND_WAIT_DAYS`, default 14. */
  refundWaitDays: number;
  /** Hours until a support case gets a follow-up (told to the customer). Env `CASE_FOLLOW_UP_HOURS`, default 24. */
  caseFollowUpHours: number;
  /** Conversations not updated for this many days are erased by an hourly sweep. Env `RETENTION_DAYS`, default 365. */
  retentionDays: number;
  /** Give new queue entries to the least busy online agent instead of waiting for a claim. Env `AUTO_ASSIGN` (`true`/`false`), default false. */
  autoAssign: boolean;
  /** Seconds a dropped agent has to reconnect before their chats go back to the queue. Env `AGENT_GRACE_SECONDS`, default 60. */
  agentGraceSeconds: number;
  /** Ping period of both sockets in ms; a client that answers nothing by the next ping is dropped. 0: off. Env `HEARTBEAT_MS`. */
  heartbeatMs: number;
  /** Customer sockets one client address may hold open (0: no limit). Env `CLIENT_MAX_SOCKETS`. */
  clientMaxSockets: number;
  /** New conversations one client address may start per minute (0: no limit). Env `CLIENT_NEW_CONVERSATIONS_PER_MINUTE`. */
  clientNewConversationsPerMinute: number;
  /** Customer socket upgrades one client address may attempt per minute (0: no limit). Env `CLIENT_CONNECTIONS_PER_MINUTE`. */
  clientConnectionsPerMinute: number;
  /**
   * Hand-offs to a person one client address may start per minute (0: no limit). Past it the
   * hand-off is recorded as unmet and a case is opened, so one host cannot flood the agents'
   * queue. Env `CLIENT_ESCALATIONS_PER_MINUTE`, default 6.
   */
  clientEscalationsPerMinute: number;
  /** Customer turns processed at once, shared round-robin between client addresses. Env `TURNS_IN_FLIGHT`, default 8. */
  turnsInFlight: number;
  /** Of those, the most one client address may have at once. Env `CLIENT_TURNS_IN_FLIGHT`, default 2. */
  clientTurnsInFlight: number;
  /** When agents are at the desk; undefined means always open. Env `BUSINESS_HOURS`, e.g. `Europe/Berlin;mon-fri 09:00-17:00`. */
  businessHours?: BusinessHours;
  /**
   * SMTP server for customer email (case confirmations, status changes, transcripts); unset means no
   * email is sent or promised. Env `SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com:465`.
   */
  smtpUrl?: string;
  /** Sender of customer email, `Name <address>` or an address; required with SMTP_URL. Env `MAIL_FROM`. */
  mailFrom?: string;
  /** Serve /metrics on its own listener on this port (no token needed there). Env `METRICS_PORT`. */
  metricsPort?: number;
  /** Serve /metrics on the main port to requests with `Authorization: Bearer <token>`. Env `METRICS_TOKEN`. */
  metricsToken?: string;
  /**
   * Which proxies may say who the client is (X-Forwarded-For). `false` (default): none, the peer
   * address is the client. A number: that many proxy hops in front (e.g. 1 behind one nginx). A
   * list: only these proxy addresses or CIDR ranges are believed. Env `TRUST_PROXY`, e.g. `1` or
   * `10.0.0.2,10.0.1.0/24`.
   */
  trustProxy: false | number | string[];
  /**
   * Secret shared with the host site for verified customers (`SupportWidget.identify`, docs/identity.md):
   * the site signs each customer id with HMAC-SHA256 under it. Unset: identities are refused. Env `IDENTITY_SECRET` (16+ characters).
   */
  identitySecret?: string;
  /** Prefix of every Redis channel and key, so deployments sharing a Redis stay apart. Env `REDIS_PREFIX`, default none. */
  redisPrefix: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function num(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function url(env: Env, key: string, protocols: string[]): string | undefined {
  const raw = env[key];
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${key} must use ${protocols.join(' or ')}`);
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the configuration. Throws ConfigError with a message naming the variable. */
/**
 * Default `NLU_SCOPE_THRESHOLD`: the largest value setting aside at most 1 in 200 held-out in-scope
 * examples of intents/ (5-fold cross-validation); `nice npx tsx scripts/scope-threshold.ts`.
 */
export const DEFAULT_SCOPE_THRESHOLD = 0.08;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    logLevel,
    allowedOrigins: (env.ALLOWED_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    brandName: env.BRAND_NAME || 'PayLater',
    intentsDir: path.resolve(cwd, env.INTENTS_DIR || 'intents'),
    knowledgeDir: path.resolve(cwd, env.KNOWLEDGE_DIR || 'knowledge-base'),
    conversationsDir: path.resolve(cwd, env.CONVERSATIONS_DIR || 'conversations'),
    publicUrl: (env.PUBLIC_URL || '').replace(/\/$/, ''),
    confidenceThreshold: num(env, 'NLU_CONFIDENCE_THRESHOLD', 0.5, 0, 1),
    scopeThreshold: num(env, 'NLU_SCOPE_THRESHOLD', DEFAULT_SCOPE_THRESHOLD, 0, 1),
    nluEncoder: nluEncoder(env, 'NLU_ENCODER'),
    clarifyOptions: int(env, 'CLARIFY_OPTIONS', 3, 1, 5),
    maxMisses: int(env, 'MAX_MISSES', 2, 1, 10),
    maxMessageChars: int(env, 'MAX_MESSAGE_CHARS', 2000, 1, 100000),
    rateLimitFrames: int(env, 'RATE_LIMIT_FRAMES', 20, 1, 10000),
    orderIdPattern: compileOrderIdPattern(anchoredPattern(env, 'ORDER_ID_PATTERN', DEFAULT_ORDER_ID_SOURCE)),
    refundWaitDays: int(env, 'REFUND_WAIT_DAYS', 14, 0, 365),
    caseFollowUpHours: int(env, 'CASE_FOLLOW_UP_HOURS', 24, 1, 24 * 60),
    retentionDays: int(env, 'RETENTION_DAYS', 365, 1, 36500),
    autoAssign: bool(env, 'AUTO_ASSIGN', false),
    agentGraceSeconds: int(env, 'AGENT_GRACE_SECONDS', 60, 0, 86400),
    heartbeatMs: int(env, 'HEARTBEAT_MS', 30_000, 0, 3_600_000),
    clientMaxSockets: int(env, 'CLIENT_MAX_SOCKETS', 50, 0, 1_000_000),
    clientNewConversationsPerMinute: int(env, 'CLIENT_NEW_CONVERSATIONS_PER_MINUTE', 30, 0, 1_000_000),
    clientConnectionsPerMinute: int(env, 'CLIENT_CONNECTIONS_PER_MINUTE', 120, 0, 1_000_000),
    clientEscalationsPerMinute: int(env, 'CLIENT_ESCALATIONS_PER_MINUTE', 6, 0, 1_000_000),
    turnsInFlight: int(env, 'TURNS_IN_FLIGHT', 8, 1, 10_000),
    clientTurnsInFlight: int(env, 'CLIENT_TURNS_IN_FLIGHT', 2, 1, 10_000),
    businessHours: businessHours(env, 'BUSINESS_HOURS'),
    ...mail(env),
    ...metrics(env),
    ...identity(env),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    redisPrefix: redisPrefix(env, 'REDIS_PREFIX'),
  };
}

/** `false`, a hop count, or proxy addresses / CIDR ranges; never "trust whoever says so". */
function trustProxy(env: Env, key: string): false | number | string[] {
  const raw = (env[key] ?? '').trim();
  if (raw === '' || /^(false|0|no|off)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`${key} hop count must be at most 10, got "${raw}"`);
    return hops;
  }
  if (/^(true|yes|on)$/i.test(raw)) {
    throw new ConfigError(`${key}=true would believe any client's X-Forwarded-For; give the hop count or the proxy addresses`);
  }
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new ConfigError(`${key} must be a hop count or comma-separated proxy addresses/CIDR ranges, got "${entry}"`);
    }
  }
  return list;
}

function redisPrefix(env: Env, key: string): string {
  const raw = env[key];
  if (raw === undefined || raw === '') return '';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) throw new ConfigError(`${key} must be 1-64 letters, digits or _.:- characters, got "${raw}"`);
  return raw;
}

/** A regular expression source that compiles and is anchored with ^ and $ (it validates whole ids). */
function anchoredPattern(env: Env, key: string, def: string): string {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  try {
    new RegExp(raw);
  } catch {
    throw new ConfigError(`${key} is not a valid regular expression`);
  }
  if (!raw.startsWith('^') || !raw.endsWith('$')) throw new ConfigError(`${key} must be anchored with ^ and $, got "${raw}"`);
  return raw;
}

function nluEncoder(env: Env, key: string): NluMode {
  const raw = (env[key] || 'default').trim();
  // `none` is the name DESIGN.md gives the default
  const mode = raw === 'none' ? 'default' : raw;
  if (!(NLU_MODES as readonly string[]).includes(mode)) throw new ConfigError(`${key} must be one of ${NLU_MODES.join(', ')} (or none)`);
  return mode as NluMode;
}

function bool(env: Env, key: string, def: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
}

function businessHours(env: Env, key: string): BusinessHours | undefined {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return parseBusinessHours(raw);
  } catch (err) {
    if (err instanceof BusinessHoursError) throw new ConfigError(`${key}: ${err.message}`);
    throw err;
  }
}

function mail(env: Env): Pick<Config, 'smtpUrl' | 'mailFrom'> {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = env.MAIL_FROM?.trim() || undefined;
  if (!smtpUrl) return {};
  if (!mailFrom) throw new ConfigError('MAIL_FROM is required when SMTP_URL is set, e.g. "PayLater Support <support@paylater.example>"');
  if (/[\r\n]/.test(mailFrom) || !/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM must be one line holding an email address');
  return { smtpUrl, mailFrom };
}

function identity(env: Env): Pick<Config, 'identitySecret'> {
  const secret = env.IDENTITY_SECRET?.trim();
  if (!secret) return {};
  if (secret.length < 16) throw new ConfigError('IDENTITY_SECRET must be at least 16 characters');
  return { identitySecret: secret };
}

function metrics(env: Env): Pick<Config, 'metricsPort' | 'metricsToken'> {
  const out: Pick<Config, 'metricsPort' | 'metricsToken'> = {};
  if (env.METRICS_PORT) out.metricsPort = int(env, 'METRICS_PORT', 0, 1, 65535);
  const token = env.METRICS_TOKEN?.trim();
  if (token) {
    if (token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
    out.metricsToken = token;
  }
  return out;
}
