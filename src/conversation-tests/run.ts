import type { ConversationResult, TranscriptLine } from '../protocol/conversation-tests';
import type { ServerFrame, ServerMessageFrame } from '../protocol/customer';
import type { CaseRecord } from '../storage/cases';
import type { EscalationRecord, Storage } from '../storage/types';
import { CustomerClient } from './customer-client';
import type { Agents, ConversationSpec, Turn } from './format';

/** The running app the conversations talk to (see target.ts). */
export interface RunTarget {
  /** `ws://host:port/ws/chat`. */
  wsUrl: string;
  storage: Pick<Storage, 'messagesAfter' | 'listEscalations'> & { cases: Pick<Storage['cases'], 'listCases'> };
  /** Puts the desk's agent online or offline and resolves once the app knows. */
  setAgents(agents: Agents): Promise<void>;
}

export interface RunOptions {
  /** Longest wait for an ack or a reply, ms. Default 10 000. */
  timeoutMs?: number;
  /** A turn is over when no frame arrived for this long after its replies were stored, ms. Default 40. */
  quietMs?: number;
}

/** What storage said after a turn: the outcome may have been reached then. */
interface Checkpoint {
  maxSeq: number;
  escalations: EscalationRecord[];
  cases: CaseRecord[];
}

class TurnError extends Error {}

export type { ConversationResult, TranscriptLine };

/**
 * Plays one conversation against a running app, as a customer would over the socket, and judges
 * it against its `expect` block (docs/conversation-tests.md).
 *
 * @example
 * const target = await startRunTarget({ build: buildApp, config, model });
 * const result = await runConversation(spec, target); // result.passed, result.transcript
 */
export async function runConversation(spec: ConversationSpec, target: RunTarget, opts: RunOptions = {}): Promise<ConversationResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const quietMs = opts.quietMs ?? 40;
  const started = Date.now();
  const transcript: TranscriptLine[] = [];
  const ledger = new Map<number, ServerMessageFrame>();
  const failures: string[] = [];
  const checkpoints: Array<{ afterTurn: number } & Checkpoint> = [];
  const statuses: string[] = [];
  let client: CustomerClient | undefined;
  let conversationId = '';
  let token = '';
  let firstCustomerSeq = Infinity;

  /** Reads one client's new frames into the transcript; checks seq order and resent messages. */
  const absorb = (c: CustomerClient, from: number): number => {
    for (const f of c.frames.slice(from)) {
      absorbFrame(f);
      if (f.type !== 'message') continue;
      if (f.seq !== nextSeq) failures.push(`message seq ${f.seq} arrived where ${nextSeq} was due (gap or reorder)`);
      nextSeq = f.seq + 1;
    }
    return c.frames.length;
  };
  const absorbFrame = (f: ServerFrame) => {
    if (f.type === 'message') {
      const before = ledger.get(f.seq);
      if (before) {
        if (before.id !== f.id || before.text !== f.text) failures.push(`after the reconnect, seq ${f.seq} came back different`);
        return;
      }
      ledger.set(f.seq, f);
      if (f.from === 'customer') firstCustomerSeq = Math.min(firstCustomerSeq, f.seq);
      transcript.push({
        kind: f.from,
        text: f.text,
        seq: f.seq,
        ...(f.article ? { article: f.article } : {}),
        ...(f.quickReplies?.length ? { quickReplies: f.quickReplies } : {}),
      });
    } else if (f.type === 'status') {
      statuses.push(f.state);
      const extra = f.queuePosition !== undefined ? ` (position ${f.queuePosition})` : '';
      transcript.push({ kind: 'status', text: `${f.state}${extra}${f.agent ? ` with ${f.agent.name}` : ''}` });
    } else if (f.type === 'error') {
      failures.push(`the server sent an error: ${f.code} ${f.message}`);
      transcript.push({ kind: 'error', text: `${f.code}: ${f.message}` });
    }
  };

  let read = 0;
  let nextSeq = 1;
  /** The lastSeq the current socket resumed after (0 for the first): only later messages come on it. */
  let resumedAfter = 0;
  /** Waits until every message storage holds has reached the socket, and the line is quiet. */
  const settle = async (): Promise<Checkpoint> => {
    const stored = await target.storage.messagesAfter(conversationId, 0);
    const maxSeq = stored.length ? stored[stored.length - 1]!.seq : 0;
    if (maxSeq > resumedAfter) {
      await client!.waitFor((f) => f.type === 'message' && f.seq >= maxSeq, timeoutMs, `message seq ${maxSeq} on the socket`);
    }
    await client!.quiet(quietMs, timeoutMs);
    read = absorb(client!, read);
    const [escalations, cases] = await Promise.all([
      target.storage.listEscalations({ conversationId }),
      target.storage.cases.listCases({ conversationId }),
    ]);
    return { maxSeq: Math.max(maxSeq, ...ledger.keys()), escalations, cases };
  };

  const open = async (hello: { token?: string; lastSeq?: number }) => {
    client = await CustomerClient.connect(target.wsUrl);
    read = 0;
    const context = spec.page ? { ...(spec.page.orderId ? { orderId: spec.page.orderId } : {}), ...(spec.page.url ? { pageUrl: spec.page.url } : {}) } : undefined;
    client.send({ type: 'hello', ...hello, ...(context && !hello.token ? { context } : {}) });
    const session = await client.waitFor((f) => f.type === 'session' || f.type === 'error', timeoutMs, 'session frame');
    if (session.type !== 'session') throw new TurnError(`hello was refused: ${JSON.stringify(session)}`);
    conversationId = session.conversationId;
    token = session.token;
  };

  try {
    await target.setAgents(spec.agents);
    await open({});
    checkpoints.push({ afterTurn: -1, ...(await settle()) });
    for (const [i, turn] of spec.turns.entries()) {
      await playTurn(turn, i);
      checkpoints.push({ afterTurn: i, ...(await settle()) });
    }
  } catch (err) {
    failures.push(err instanceof TurnError ? err.message : `the run stopped: ${(err as Error).message}`);
  } finally {
    await client?.close();
  }

  async function playTurn(turn: Turn, i: number) {
    const id = `convtest-${i + 1}`;
    const c = client!;
    if ('say' in turn) {
      c.send({ type: 'message', id, text: turn.say });
    } else if ('choose' in turn) {
      const offered = [...ledger.values()].reverse().find((m) => m.from !== 'customer' && m.quickReplies?.length)?.quickReplies ?? [];
      const wanted = turn.choose.trim().toLowerCase();
      const pick = offered.find((q) => q.value.toLowerCase() === wanted) ?? offered.find((q) => q.label.trim().toLowerCase() === wanted);
      if (!pick) {
        const list = offered.length ? offered.map((q) => `"${q.label}" (${q.value})`).join(', ') : 'none';
        throw new TurnError(`turn ${i + 1} (line ${turn.line}): no quick reply "${turn.choose}" was offered; offered: ${list}`);
      }
      c.send({ type: 'choice', id, value: pick.value });
    } else {
      const seen = Math.max(0, ...ledger.keys());
      const lastSeq = Math.max(0, seen - turn.reconnect.missed);
      await c.close();
      transcript.push({ kind: 'note', text: `reconnected, resuming after seq ${lastSeq}` });
      // Resent messages are compared with the ones already seen; new ones continue the sequence.
      nextSeq = lastSeq + 1;
      resumedAfter = lastSeq;
      await open({ token, lastSeq });
      return;
    }
    const ack = await c.waitFor((f) => (f.type === 'ack' && f.id === id) || (f.type === 'error' && 'id' in f && f.id === id), timeoutMs, `ack of turn ${i + 1}`).catch(() => undefined);
    if (!ack) throw new TurnError(`turn ${i + 1} (line ${turn.line}) was never acknowledged`);
    if (ack.type === 'error') throw new TurnError(`turn ${i + 1} (line ${turn.line}) was refused: ${ack.code} ${ack.message}`);
  }

  const judged = judge(spec, { transcript, ledger, checkpoints, statuses, firstCustomerSeq });
  return {
    file: spec.file,
    title: spec.title,
    passed: failures.length === 0 && judged.failures.length === 0,
    failures: [...failures, ...judged.failures],
    expected: describeExpected(spec),
    got: judged.got,
    ...(judged.botReplies !== undefined ? { botReplies: judged.botReplies } : {}),
    transcript,
    ms: Date.now() - started,
  };
}

interface Observed {
  transcript: TranscriptLine[];
  ledger: Map<number, ServerMessageFrame>;
  checkpoints: Array<{ afterTurn: number } & Checkpoint>;
  statuses: string[];
  firstCustomerSeq: number;
}

const BOT_SENDERS = new Set(['bot', 'system']);

/** The expected outcome in words, for the table. */
export function describeExpected(spec: ConversationSpec): string {
  const o = spec.expect.outcome;
  const base =
    o.kind === 'article' ? `article in ${o.category}${o.id ? ` (${o.id})` : ''}`
    : o.kind === 'flow' ? `${o.caseKind} case`
    : o.kind === 'handoff' ? `hand-off ${o.met ? 'met' : 'unmet'}${o.reason ? ` (${o.reason})` : ''}`
    : 'not answered as a topic';
  const urgent = spec.expect.urgent ? ', urgent' : '';
  return `${base}${urgent}${spec.expect.maxBotReplies ? `, ≤${spec.expect.maxBotReplies} replies` : ''}`;
}

function judge(spec: ConversationSpec, seen: Observed): { failures: string[]; got: string; botReplies?: number } {
  const failures: string[] = [];
  const messages = [...seen.ledger.values()].sort((a, b) => a.seq - b.seq);
  const botReplies = messages.filter((m) => m.from === 'bot' && m.seq > seen.firstCustomerSeq);
  const repliesUpTo = (seq: number) => botReplies.filter((m) => m.seq <= seq).length;
  const last = seen.checkpoints[seen.checkpoints.length - 1];
  const escalations = last?.escalations ?? [];
  const cases = last?.cases ?? [];
  const articles = botReplies.filter((m) => m.article);
  const e = spec.expect;
  const o = e.outcome;

  // Always: the same answer is never sent twice in a row.
  for (let i = 1; i < articles.length; i++) {
    if (articles[i]!.article!.id === articles[i - 1]!.article!.id) {
      failures.push(`the same answer (${articles[i]!.article!.id}) was sent twice in a row`);
      break;
    }
  }

  const got = describeGot(articles, cases, escalations, seen.statuses, spec.agents);
  let reachedAt: number | undefined;
  const firstCheckpoint = <T>(pick: (c: Checkpoint) => T | undefined): { at: Checkpoint; value: T } | undefined => {
    for (const c of seen.checkpoints) {
      const value = pick(c);
      if (value !== undefined) return { at: c, value };
    }
    return undefined;
  };

  if (o.kind === 'article') {
    const hit = articles.find((m) => m.article!.category === o.category && (o.id === undefined || m.article!.id === o.id));
    if (hit) reachedAt = hit.seq;
    else failures.push(`no answer from ${o.id ? `the article ${o.id} in ` : ''}the ${o.category} category`);
  } else if (o.kind === 'flow') {
    const found = firstCheckpoint((c) => c.cases.find((k) => k.kind === o.caseKind));
    if (found) {
      reachedAt = found.at.maxSeq;
      checkPriority(found.value.priority, 'case');
      checkCollected(found.value.details, 'the case');
    } else failures.push(`no ${o.caseKind} case was opened`);
  } else if (o.kind === 'handoff') {
    const found = firstCheckpoint((c) => c.escalations[0]);
    if (spec.agents === 'offline' && o.met) failures.push('a met hand-off needs "agents: online"');
    if (spec.agents === 'online' && !o.met) failures.push('an unmet hand-off needs "agents: offline"');
    if (found) {
      reachedAt = found.at.maxSeq;
      if (o.reason && found.value.reason !== o.reason) failures.push(`the hand-off's reason was ${found.value.reason}, not ${o.reason}`);
      checkPriority(found.value.priority, 'hand-off');
      checkCollected(found.value.summary, 'the hand-off');
      if (o.met && !seen.statuses.some((s) => s === 'queued' || s === 'agent')) failures.push('the customer was never told they are in line for a person (no queued status)');
    } else {
      failures.push(`no hand-off was recorded${o.met ? '' : ' (with nobody available it must still be recorded)'}`);
    }
  } else {
    if (articles.length > 0) failures.push(`it was answered as a topic with ${articles.map((m) => m.article!.id).join(', ')}`);
    if (cases.length > 0) failures.push(`a ${cases[0]!.kind} case was opened`);
    if (escalations.length > 0) failures.push(`it was handed to a person (${escalations[0]!.reason})`);
    reachedAt = messages.length ? messages[messages.length - 1]!.seq : 0;
  }

  const count = reachedAt !== undefined ? repliesUpTo(reachedAt) : undefined;
  if (count !== undefined && e.maxBotReplies !== undefined && count > e.maxBotReplies) {
    failures.push(`took ${count} bot replies; at most ${e.maxBotReplies} allowed`);
  }
  const botTexts = messages.filter((m) => BOT_SENDERS.has(m.from)).map((m) => m.text.toLowerCase());
  for (const phrase of e.says) {
    if (!botTexts.some((t) => t.includes(phrase.toLowerCase()))) failures.push(`the bot never said "${phrase}"`);
  }
  for (const phrase of e.neverSays) {
    const bad = messages.find((m) => BOT_SENDERS.has(m.from) && m.text.toLowerCase().includes(phrase.toLowerCase()));
    if (bad) failures.push(`the bot said "${phrase}" (seq ${bad.seq})`);
  }
  return { failures, got, ...(count !== undefined ? { botReplies: count } : {}) };

  function checkPriority(priority: string, what: string) {
    if (e.urgent === true && priority !== 'urgent') failures.push(`the ${what} was ${priority}, not urgent`);
    if (e.urgent === false && priority === 'urgent') failures.push(`the ${what} was urgent`);
  }
  function checkCollected(details: unknown, what: string) {
    const json = JSON.stringify(details ?? {}).toLowerCase();
    for (const s of e.collected) if (!json.includes(s.toLowerCase())) failures.push(`${what} does not carry "${s}"`);
  }
}

function describeGot(articles: ServerMessageFrame[], cases: CaseRecord[], escalations: EscalationRecord[], statuses: string[], agents: Agents): string {
  const parts: string[] = [];
  if (articles.length) parts.push(`articles ${articles.map((m) => `${m.article!.id} (${m.article!.category})`).join(', ')}`);
  for (const c of cases) parts.push(`${c.kind} case${c.priority === 'urgent' ? ', urgent' : ''}`);
  for (const x of escalations) parts.push(`hand-off ${agents === 'online' ? 'met' : 'unmet'} (${x.reason}${x.priority === 'urgent' ? ', urgent' : ''})`);
  if (parts.length === 0) parts.push(statuses.length ? `status ${statuses.join(' → ')}` : 'no article, case or hand-off');
  return parts.join('; ');
}
