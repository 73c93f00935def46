/**
 * The operators' transcript list (`Storage.listConversations`): its filter and page types, and
 * what both adapters share: the SQL (dialect differences passed in) and the row mapping. The
 * filtering, counting and paging all happen in the database; only one page of rows comes back.
 */
import type { ConversationSummary } from '../protocol/agent';
import type { ConversationState } from '../protocol/customer';

/** Position in the list order (updatedAt desc, then id desc). */
export interface ConversationListKey {
  updatedAt: number;
  id: string;
}

export interface ConversationListFilter {
  /** updatedAt ≥ from (epoch ms). */
  from?: number;
  /** updatedAt < to (epoch ms). */
  to?: number;
  state?: ConversationState;
  /** true: had at least one escalation (any status); false: never escalated. */
  escalated?: boolean;
  /** Only rated conversations whose rating (the latest, if rated twice) is ≤ this. */
  maxRating?: number;
  /**
   * Case-insensitive substring of any customer, bot or agent message (system lines are not
   * searched). Taken literally: `%` and `_` are not wildcards.
   */
  q?: string;
  /** Rows per page. Default 50. */
  limit?: number;
  /** Start after this row: the previous page's `next`. */
  after?: ConversationListKey;
}

export interface ConversationListPage {
  rows: ConversationSummary[];
  /** The last row's key when more rows follow; absent on the last page. */
  next?: ConversationListKey;
}

export const DEFAULT_CONVERSATION_PAGE = 50;
/** Characters of the first customer message in `preview`. */
export const PREVIEW_CHARS = 140;

/** Where the two SQL dialects differ. */
export interface ListDialect {
  /** The placeholder of the n-th parameter (1-based): `?` or `$n`. */
  placeholder(n: number): string;
  /** SQL that is true when `textSql` contains the parameter `needle`, ignoring case and taking it literally. */
  contains(textSql: string, needle: string): string;
  /** Column giving insertion order, to break created_at ties (`rowid` / `ord`). */
  insertionOrder: string;
  /**
   * Collation clause for ordering ids, so both databases order them bytewise (PostgreSQL's
   * default collation would not). Empty for SQLite, whose default is bytewise already.
   */
  idCollate: string;
}

/**
 * One page's query: the filtered conversations in list order, limit + 1 (to know whether more
 * follow), then per row the counts and latest escalation/rating. The per-row sub-selects run on
 * that page only, never on every matching conversation.
 */
function conversationListQuery(filter: ConversationListFilter, d: ListDialect): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  // Placeholders are handed out in the order they appear in the text (SQLite's `?` are positional).
  const param = (value: unknown): string => d.placeholder(params.push(value));
  const where: string[] = [];
  if (filter.from !== undefined) where.push(`c.updated_at >= ${param(filter.from)}`);
  if (filter.to !== undefined) where.push(`c.updated_at < ${param(filter.to)}`);
  if (filter.state !== undefined) where.push(`c.state = ${param(filter.state)}`);
  if (filter.escalated !== undefined) {
    where.push(`${filter.escalated ? '' : 'NOT '}EXISTS (SELECT 1 FROM escalations e WHERE e.conversation_id = c.id)`);
  }
  if (filter.maxRating !== undefined) where.push(`(${latestRating('c.id', d)}) <= ${param(filter.maxRating)}`);
  if (filter.q !== undefined) {
    const needle = param(filter.q);
    where.push(
      `EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sender <> 'system' AND ${d.contains('m.text', needle)})`,
    );
  }
  if (filter.after) {
    where.push(`(c.updated_at, c.id${d.idCollate}) < (${param(filter.after.updatedAt)}, ${param(filter.after.id)})`);
  }
  const order = (alias: string) => `${alias}.updated_at DESC, ${alias}.id${d.idCollate} DESC`;
  const latestEscalation = (column: string) =>
    `SELECT e.${column} FROM escalations e WHERE e.conversation_id = p.id ORDER BY e.created_at DESC, e.${d.insertionOrder} DESC LIMIT 1`;
  const sql = `
    SELECT p.id, p.state, p.created_at, p.updated_at,
           (SELECT count(*) FROM messages m WHERE m.conversation_id = p.id AND m.sender <> 'system') AS message_count,
           (SELECT substr(m.text, 1, ${PREVIEW_CHARS}) FROM messages m
             WHERE m.conversation_id = p.id AND m.sender = 'customer' ORDER BY m.seq LIMIT 1) AS preview,
           (${latestEscalation('reason')}) AS escalation_reason,
           (${latestEscalation('status')}) AS escalation_status,
           (${latestRating('p.id', d)}) AS rating
      FROM (SELECT c.id, c.state, c.created_at, c.updated_at FROM conversations c
             ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY ${order('c')}
             LIMIT ${param(pageSize(filter) + 1)}) p
     ORDER BY ${order('p')}`;
  return { sql, params };
}

/** The conversation's latest feedback rating (a customer who rated twice changed their mind). */
function latestRating(conversationIdSql: string, d: ListDialect): string {
  return `SELECT f.rating FROM feedback f WHERE f.conversation_id = ${conversationIdSql}
           ORDER BY f.created_at DESC, f.${d.insertionOrder} DESC LIMIT 1`;
}

function pageSize(filter: ConversationListFilter): number {
  return Math.max(1, Math.floor(filter.limit ?? DEFAULT_CONVERSATION_PAGE));
}

/**
 * `Storage.listConversations` for an adapter: builds the page's query in its dialect, runs it
 * with `run` and maps the rows.
 */
export function conversationLister(
  dialect: ListDialect,
  run: (sql: string, params: unknown[]) => Promise<ConversationListRow[]> | ConversationListRow[],
): (filter?: ConversationListFilter) => Promise<ConversationListPage> {
  return async (filter = {}) => {
    const { sql, params } = conversationListQuery(filter, dialect);
    return toConversationPage(await run(sql, params), filter);
  };
}

/** A row of `conversationListQuery` as either driver returns it (PostgreSQL BIGINT/count as strings). */
export interface ConversationListRow {
  id: string;
  state: string;
  created_at: number | string;
  updated_at: number | string;
  message_count: number | string;
  preview: string | null;
  escalation_reason: string | null;
  escalation_status: string | null;
  rating: number | string | null;
}

/** Rows (limit + 1 of them at most) → the page, with `next` when the extra row shows more follow. */
function toConversationPage(rows: ConversationListRow[], filter: ConversationListFilter): ConversationListPage {
  const size = pageSize(filter);
  const summaries = rows.slice(0, size).map(toSummary);
  const last = summaries[summaries.length - 1];
  return rows.length > size && last ? { rows: summaries, next: { updatedAt: last.updatedAt, id: last.id } } : { rows: summaries };
}

function toSummary(r: ConversationListRow): ConversationSummary {
  return {
    id: r.id,
    state: r.state as ConversationState,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    messageCount: Number(r.message_count),
    preview: r.preview ?? '',
    escalation:
      r.escalation_reason !== null && r.escalation_status !== null
        ? {
            reason: r.escalation_reason as NonNullable<ConversationSummary['escalation']>['reason'],
            status: r.escalation_status as NonNullable<ConversationSummary['escalation']>['status'],
          }
        : null,
    rating: r.rating === null ? null : Number(r.rating),
  };
}
