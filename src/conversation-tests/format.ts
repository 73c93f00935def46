import { CASE_KINDS, type CaseKind } from '../storage/cases';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

/**
 * The conversation-test file format (`conversations/*.yml`, docs/conversation-tests.md): what a
 * customer does, turn by turn, and what must come of it. Pure: text in, a validated spec or
 * errors naming the line and the field out.
 */

/** One thing the customer does. */
export type Turn =
  /** Types a message. */
  | { say: string; line: number }
  /** Clicks a quick reply of the latest bot message that offered some, by value or label. */
  | { choose: string; line: number }
  /** Drops the connection and resumes with the token and the last seq seen, minus `missed`. */
  | { reconnect: { missed: number }; line: number };

export type Agents = 'online' | 'offline';
// The one list of case kinds lives with the cases store.
export { CASE_KINDS, type CaseKind };
export const HANDOFF_REASONS = ['low_confidence', 'asked_for_human', 'frustration', 'urgent_security'] as const;

/** Exactly one outcome per conversation. */
export type Outcome =
  | { kind: 'article'; category: string; id?: string }
  | { kind: 'flow'; caseKind: CaseKind }
  | { kind: 'handoff'; met: boolean; reason?: string }
  | { kind: 'out-of-scope' };

export interface Expectation {
  outcome: Outcome;
  /** At most this many bot messages (after the greeting) up to and including the outcome. */
  maxBotReplies?: number;
  /** The hand-off or case must be urgent. */
  urgent?: boolean;
  /** Strings the escalation summary or case details must contain (e.g. an amount, an order id). */
  collected: string[];
  /** Phrases some bot message must contain (case-insensitive). */
  says: string[];
  /** Phrases no bot message may contain (case-insensitive), e.g. "contact us". */
  neverSays: string[];
}

export interface ConversationSpec {
  /** The file's name, e.g. `refund-typos.yml`. */
  file: string;
  title: string;
  agents: Agents;
  /** What the page tells the widget (`hello.context`). */
  page?: { orderId?: string; url?: string };
  turns: Turn[];
  expect: Expectation;
}

/** One problem in a file, with the 1-based line and the field's path (`turns[2].choose`). */
export interface FormatIssue {
  line: number;
  field: string;
  message: string;
}

export class ConversationFileError extends Error {
  override name = 'ConversationFileError';
  constructor(
    readonly file: string,
    readonly issues: FormatIssue[],
  ) {
    super(issues.map((i) => `${file}:${i.line}: ${i.field ? `${i.field}: ` : ''}${i.message}`).join('\n'));
  }
}

const TOP_FIELDS = ['title', 'agents', 'page', 'turns', 'expect'];
const PAGE_FIELDS = ['orderId', 'url'];
const OUTCOME_FIELDS = ['article', 'flow', 'handoff', 'outOfScope'];
const EXPECT_FIELDS = [...OUTCOME_FIELDS, 'maxBotReplies', 'urgent', 'reason', 'collected', 'says', 'neverSays'];
const ARTICLE_FIELDS = ['category', 'id'];
const CATEGORY = /^[a-z][a-z_-]*$/;
const MAX_TEXT = 4000;

/**
 * Parses and validates one conversation file. Every problem found is reported, not just the first.
 *
 * @param source the YAML text.
 * @param file the file's name, used in error messages and as the default title.
 * @throws ConversationFileError listing each problem with its line and field.
 * @example
 * const spec = parseConversation('turns:\n  - say: where is my refund\nexpect:\n  article: refund\n', 'refund.yml');
 * spec.expect.outcome; // => { kind: 'article', category: 'refund' }
 */
export function parseConversation(source: string, file: string): ConversationSpec {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const issues: FormatIssue[] = [];
  const lineOf = (node: YamlNode | null | undefined): number => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const fail = (node: YamlNode | null | undefined, field: string, message: string): undefined => {
    issues.push({ line: lineOf(node), field, message });
    return undefined;
  };
  for (const e of doc.errors) {
    issues.push({ line: e.linePos?.[0]?.line ?? 1, field: '', message: `not valid YAML: ${e.message.split('\n')[0]}` });
  }
  if (issues.length > 0) throw new ConversationFileError(file, issues);

  const root = doc.contents;
  if (!isMap(root)) {
    throw new ConversationFileError(file, [{ line: lineOf(root), field: '', message: 'the file must be a mapping with "turns" and "expect"' }]);
  }

  /** The node under `key` of a map node, with its key node (for the line of a missing value). */
  const entries = (map: YamlNode, field: string, allowed: string[]): Map<string, YamlNode | null> => {
    const out = new Map<string, YamlNode | null>();
    if (!isMap(map)) return out;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyNode = pair.key as YamlNode;
      if (!allowed.includes(key)) {
        fail(keyNode, field ? `${field}.${key}` : key, `unknown field; allowed: ${allowed.join(', ')}`);
        continue;
      }
      out.set(key, (pair.value as YamlNode | null) ?? keyNode);
    }
    return out;
  };
  const text = (node: YamlNode | null | undefined, field: string, opts: { max?: number } = {}): string | undefined => {
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      return fail(node, field, 'must be a text');
    }
    const value = String(node.value);
    if (value.trim() === '') return fail(node, field, 'must not be empty');
    if (value.length > (opts.max ?? MAX_TEXT)) return fail(node, field, `is longer than ${opts.max ?? MAX_TEXT} characters`);
    return value;
  };
  const list = (node: YamlNode | null | undefined, field: string): string[] => {
    if (node === undefined) return [];
    if (!isSeq(node)) {
      fail(node, field, 'must be a list of texts, e.g. [contact us, email you]');
      return [];
    }
    return node.items.map((item, i) => text(item as YamlNode, `${field}[${i}]`)).filter((v): v is string => v !== undefined);
  };

  const top = entries(root, '', TOP_FIELDS);
  const title = top.has('title') ? text(top.get('title'), 'title', { max: 200 }) : undefined;

  let agents: Agents = 'online';
  if (top.has('agents')) {
    const a = text(top.get('agents'), 'agents');
    if (a !== undefined && a !== 'online' && a !== 'offline') fail(top.get('agents'), 'agents', `must be "online" or "offline", got "${a}"`);
    else if (a) agents = a;
  }

  let page: ConversationSpec['page'];
  if (top.has('page')) {
    const node = top.get('page');
    if (!isMap(node)) fail(node, 'page', 'must be a mapping, e.g. page: { orderId: "48213977" }');
    else {
      const p = entries(node, 'page', PAGE_FIELDS);
      page = {};
      if (p.has('orderId')) page.orderId = text(p.get('orderId'), 'page.orderId', { max: 64 });
      if (p.has('url')) page.url = text(p.get('url'), 'page.url', { max: 2000 });
    }
  }

  const turns = parseTurns(top.get('turns'), top.has('turns'), root, { fail, text, lineOf });
  const expectation = parseExpect(top.get('expect'), top.has('expect'), root, { fail, text, list, entries });

  if (issues.length > 0) throw new ConversationFileError(file, issues);
  return {
    file,
    title: title ?? file.replace(/\.ya?ml$/i, '').replace(/[-_]+/g, ' '),
    agents,
    ...(page ? { page } : {}),
    turns,
    expect: expectation!,
  };
}

interface Tools {
  fail: (node: YamlNode | null | undefined, field: string, message: string) => undefined;
  text: (node: YamlNode | null | undefined, field: string, opts?: { max?: number }) => string | undefined;
  lineOf: (node: YamlNode | null | undefined) => number;
}

function parseTurns(node: YamlNode | null | undefined, present: boolean, root: YamlNode, t: Tools): Turn[] {
  if (!present) {
    t.fail(root, 'turns', 'is required: a list of customer turns (say, choose, reconnect)');
    return [];
  }
  if (!isSeq(node) || node.items.length === 0) {
    t.fail(node, 'turns', 'must be a non-empty list, e.g. turns: [{ say: "where is my refund" }]');
    return [];
  }
  const turns: Turn[] = [];
  node.items.forEach((raw, i) => {
    const item = raw as YamlNode;
    const field = `turns[${i}]`;
    const line = t.lineOf(item);
    if (isScalar(item) && item.value === 'reconnect') {
      turns.push({ reconnect: { missed: 0 }, line });
      return;
    }
    if (!isMap(item) || item.items.length !== 1) {
      t.fail(item, field, 'must be one of: say: <text>, choose: <quick reply>, reconnect (or reconnect: { missed: N })');
      return;
    }
    const pair = item.items[0]!;
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    if (key === 'say' || key === 'choose') {
      const v = t.text(value ?? (pair.key as YamlNode), `${field}.${key}`);
      if (v !== undefined) turns.push(key === 'say' ? { say: v, line } : { choose: v, line });
    } else if (key === 'reconnect') {
      turns.push({ reconnect: { missed: parseMissed(value, `${field}.reconnect`, t) }, line });
    } else {
      t.fail(pair.key as YamlNode, `${field}.${key}`, 'unknown turn; use say, choose or reconnect');
    }
  });
  return turns;
}

function parseMissed(value: YamlNode | null, field: string, t: Tools): number {
  if (value === null || (isScalar(value) && (value.value === true || value.value === null))) return 0;
  if (isMap(value) && value.items.length === 1 && isScalar(value.items[0]!.key) && value.items[0]!.key.value === 'missed') {
    const n = value.items[0]!.value as YamlNode | null;
    if (isScalar(n) && Number.isInteger(n.value) && (n.value as number) >= 0 && (n.value as number) <= 50) return n.value as number;
    t.fail(n ?? value, `${field}.missed`, 'must be a whole number from 0 to 50 (messages the client pretends it never got)');
    return 0;
  }
  t.fail(value, field, 'must be empty, true, or { missed: N }');
  return 0;
}

interface ExpectTools extends Omit<Tools, 'lineOf'> {
  list: (node: YamlNode | null | undefined, field: string) => string[];
  entries: (map: YamlNode, field: string, allowed: string[]) => Map<string, YamlNode | null>;
}

function parseExpect(node: YamlNode | null | undefined, present: boolean, root: YamlNode, t: ExpectTools): Expectation | undefined {
  if (!present) return t.fail(root, 'expect', `is required, with one outcome: ${OUTCOME_FIELDS.join(', ')}`);
  if (!isMap(node)) return t.fail(node, 'expect', `must be a mapping with one outcome: ${OUTCOME_FIELDS.join(', ')}`);
  const e = t.entries(node, 'expect', EXPECT_FIELDS);
  const given = OUTCOME_FIELDS.filter((f) => e.has(f));
  if (given.length !== 1) {
    return t.fail(node, 'expect', given.length === 0
      ? `needs one outcome: ${OUTCOME_FIELDS.join(', ')}`
      : `has ${given.length} outcomes (${given.join(', ')}); a conversation has exactly one`);
  }
  const outcome = parseOutcome(given[0]!, e.get(given[0]!), e, t);
  let maxBotReplies: number | undefined;
  if (e.has('maxBotReplies')) {
    const n = e.get('maxBotReplies');
    if (isScalar(n) && Number.isInteger(n.value) && (n.value as number) >= 1 && (n.value as number) <= 100) maxBotReplies = n.value as number;
    else t.fail(n, 'expect.maxBotReplies', 'must be a whole number from 1 to 100');
  }
  let urgent: boolean | undefined;
  if (e.has('urgent')) {
    const n = e.get('urgent');
    if (isScalar(n) && typeof n.value === 'boolean') urgent = n.value;
    else t.fail(n, 'expect.urgent', 'must be true or false');
    if (outcome && outcome.kind !== 'handoff' && outcome.kind !== 'flow') t.fail(n, 'expect.urgent', 'applies only to a handoff or a flow');
  }
  const collected = t.list(e.get('collected'), 'expect.collected');
  if (collected.length > 0 && outcome && outcome.kind !== 'handoff' && outcome.kind !== 'flow') {
    t.fail(e.get('collected'), 'expect.collected', 'applies only to a handoff or a flow (what the agent or the case gets)');
  }
  if (!outcome) return undefined;
  return {
    outcome,
    ...(maxBotReplies !== undefined ? { maxBotReplies } : {}),
    ...(urgent !== undefined ? { urgent } : {}),
    collected,
    says: t.list(e.get('says'), 'expect.says'),
    neverSays: t.list(e.get('neverSays'), 'expect.neverSays'),
  };
}

function parseOutcome(kind: string, node: YamlNode | null | undefined, e: Map<string, YamlNode | null>, t: ExpectTools): Outcome | undefined {
  const field = `expect.${kind}`;
  const reason = e.get('reason');
  if (e.has('reason') && kind !== 'handoff') t.fail(reason, 'expect.reason', 'applies only to a handoff');
  switch (kind) {
    case 'article': {
      if (isMap(node)) {
        const a = t.entries(node, field, ARTICLE_FIELDS);
        const category = category_(a.get('category'), `${field}.category`, t, a.has('category') ? undefined : node);
        const id = a.has('id') ? t.text(a.get('id'), `${field}.id`, { max: 100 }) : undefined;
        return category ? { kind: 'article', category, ...(id ? { id } : {}) } : undefined;
      }
      const category = category_(node, field, t);
      return category ? { kind: 'article', category } : undefined;
    }
    case 'flow': {
      const v = t.text(node, field);
      if (v === undefined) return undefined;
      if (!(CASE_KINDS as readonly string[]).includes(v)) return t.fail(node, field, `must be the case kind: one of ${CASE_KINDS.join(', ')}; got "${v}"`);
      return { kind: 'flow', caseKind: v as CaseKind };
    }
    case 'handoff': {
      const v = t.text(node, field);
      if (v === undefined) return undefined;
      if (v !== 'met' && v !== 'unmet') return t.fail(node, field, `must be "met" (a person is online) or "unmet" (nobody available); got "${v}"`);
      let r: string | undefined;
      if (e.has('reason')) {
        r = t.text(reason, 'expect.reason');
        if (r !== undefined && !(HANDOFF_REASONS as readonly string[]).includes(r)) {
          t.fail(reason, 'expect.reason', `must be one of ${HANDOFF_REASONS.join(', ')}; got "${r}"`);
          r = undefined;
        }
      }
      return { kind: 'handoff', met: v === 'met', ...(r ? { reason: r } : {}) };
    }
    default: {
      if (!isScalar(node) || node.value !== true) return t.fail(node, field, 'must be true');
      return { kind: 'out-of-scope' };
    }
  }
}

function category_(node: YamlNode | null | undefined, field: string, t: ExpectTools, missingIn?: YamlNode): string | undefined {
  if (missingIn) return t.fail(missingIn, field, 'is required, e.g. category: refund');
  const v = t.text(node, field, { max: 40 });
  if (v === undefined) return undefined;
  if (!CATEGORY.test(v)) return t.fail(node, field, `must be a category name like refund, billing, security, dispute; got "${v}"`);
  return v;
}
