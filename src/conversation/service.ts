import type { Logger } from 'pino';
import type { Bus } from '../bus/types';
import { channels } from '../bus/types';
import { followUpAt, newCaseSeed } from '../cases/ids';
import type { IntentScore, ParseResult } from '../nlu/types';
import type { ChoiceFrame, ConversationState, MessageFrame, StatusFrame } from '../protocol/customer';
import { CaseIdTakenError } from '../storage/cases';
import { VersionConflictError } from '../storage/errors';
import type { MessageMeta } from '../storage/meta';
import type { ConversationContext, ConversationRecord, MessageRecord, NewEscalation, NewMessage, Storage, TurnCommit } from '../storage/types';
import { MIN_TOPIC_CONFIDENCE, answersForIntent, answersForText, topicsFrom } from './answers';
import { ConversationClosedError } from './errors';
import { type AlsoTopic, type ClauseParse, splitClauses, topicsOfClauses } from './clauses';
import { flowForIntent } from './flows';
import { splitLeadingNo } from './machine-policy';
import { CATEGORY_PREFIX, intentsOfTopic, topicLabel } from './topics';
import { DEFAULT_ORDER_ID_SOURCE } from '../protocol/order-id';
import { OUT_OF_SCOPE } from '../nlu/parser';
import type { AvailabilityEvent, CaseStatusLookup, ConversationEvent, CustomerEvent, MachineInput, OpenCaseParams } from './events';
import type { AgentAvailability, CaseDesk, KnowledgeLookup, Redactor, Understanding } from './ports';
import { createSerialQueue } from './serial-queue';
import { type Effect, type PersistedConversation, type StepResult, startConversation, stateOf, statePathOf, step } from './snapshot';
import { MessageIdTakenError, hashToken, newConversationId, newServerMessageId, newToken } from './token';

/** The part of the storage the conversation service reads and writes. */
export type ConversationStorage = Pick<
  Storage,
  'createConversation' | 'getConversation' | 'getConversationByTokenHash' | 'commitTurn' | 'messagesAfter' | 'findMessage'
>;

export interface ConversationServiceDeps {
  storage: ConversationStorage;
  bus: Bus;
  knowledge: KnowledgeLookup;
  nlu: Understanding;
  redact: Redactor;
  logger: Logger;
  settings: MachineInput & {
    /** Topics offered when unsure (config `CLARIFY_OPTIONS`). */
    clarifyOptions: number;
  };
  /**
   * Case status lookups and feedback. (Cases the bot opens are written by `storage.commitTurn`
   * with the turn.) Without it, case ids in messages are not looked up and feedback is refused.
   */
  cases?: CaseDesk;
  /** Whether a person can take a chat now (the hand-off part). Default: always available. */
  availability?: AgentAvailability;
  /** Epoch ms. Default `Date.now`. */
  clock?: () => number;
  /** Randomness for the case id a turn may open (`caseIdFromSeed`). Default `newCaseSeed` (crypto). */
  newSeed?: () => number;
}

export interface OpenResult {
  conversation: ConversationRecord;
  token: string;
  /** True when a new conversation was started (no token, or an unknown one). */
  created: boolean;
}

export interface Ack {
  id: string;
  seq: number;
}

/** Told to the caller right after the commit, before anything is published. */
export type OnCommitted = (ack: Ack) => void;

/** What the transport knows about the client that the turn must respect. */
export interface TurnLimits {
  /**
   * Asked when the turn would hand the chat to an available person; false records the hand-off as
   * one nobody could take (the client address started too many). Default: always allowed.
   */
  mayEscalate?: () => boolean | Promise<boolean>;
}

/**
 * Version conflicts only happen when several nodes write one conversation at once. Each retry
 * waits a little longer, with jitter, so writers stop colliding instead of starving one another.
 */
const MAX_CONFLICT_RETRIES = 30;
const conflictBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * (attempt + 1))));

/** The rest after a leading No, unsure alone, is read in the topic just answered when its best intent there has this much. */
const REST_IN_TOPIC_MIN = 0.2;

/** A drawn case id is taken about once in a billion; a few redraws are plenty. */
const MAX_CASE_ID_RETRIES = 5;
/** How far back a click looks for the label it showed and the last typed message's ranking. */
const RECENT_MESSAGES = 20;

const CARD_WARNING =
  "For your safety I've hidden what looked like a card number. Please never share card numbers, CVV codes or passwords in chat.";

/**
 * Off-topic: a message of two words or more that the model puts in its `out_of_scope` class.
 * Not off-topic, but unsure (a miss): a lone word ("ugh", "hmm", "asdfgh"), and text the model
 * knows almost nothing of (`outOfScope`: its out-of-scope score is below `NLU_SCOPE_THRESHOLD`),
 * such as a keyboard mash: too little to tell it is about something else.
 */
function isOffTopic(parse: ParseResult, text: string): boolean {
  if ((text.match(/\p{L}{2,}/gu) ?? []).length < 2) return false;
  return parse.intent.name === OUT_OF_SCOPE && parse.outOfScope !== true;
}

/**
 * The only writer of conversations. Each client frame is processed in arrival order per
 * conversation: understand → machine step → one storage transaction → ack → publish.
 */
export function createConversationService(deps: ConversationServiceDeps) {
  const { storage, bus, knowledge, nlu, redact, logger, settings, cases, availability } = deps;
  const clock = deps.clock ?? Date.now;
  const newSeed = deps.newSeed ?? newCaseSeed;
  const queue = createSerialQueue();
  const followUpHours = settings.caseFollowUpHours ?? 24;
  const machineInput: MachineInput = {
    brandName: settings.brandName,
    maxMisses: settings.maxMisses,
    ...(settings.orderIdPattern !== undefined ? { orderIdPattern: settings.orderIdPattern } : {}),
    ...(settings.refundWaitDays !== undefined ? { refundWaitDays: settings.refundWaitDays } : {}),
    ...(settings.caseFollowUpHours !== undefined ? { caseFollowUpHours: settings.caseFollowUpHours } : {}),
    ...(settings.emailEnabled ? { emailEnabled: true } : {}),
  };

  /** The case the machine opened, as the turn's commit stores it. */
  function caseToStore(opened: OpenCaseParams, sourceMessageId: string): NonNullable<TurnCommit['case']> {
    return {
      id: opened.id,
      sourceMessageId,
      kind: opened.kind,
      priority: opened.priority,
      details: opened.details,
      followUpBy: followUpAt(clock(), followUpHours),
      ...(opened.email ? { email: opened.email } : {}),
    };
  }

  /** Whether conversation `otherId` belongs to the verified customer of `conv`. */
  async function sameVerifiedCustomer(conv: ConversationRecord, otherId: string): Promise<boolean> {
    const me = conv.context.customer;
    if (!me?.verified) return false;
    const other = (await storage.getConversation(otherId))?.context.customer;
    return other?.verified === true && other.id === me.id;
  }

  /** The status of a case id in the message, only when this conversation (or its verified customer) owns the case. */
  async function caseStatusFor(conv: ConversationRecord, caseId: string | undefined): Promise<CaseStatusLookup | undefined> {
    if (!caseId || !cases) return undefined;
    const found = await cases.get(caseId);
    // Owner = the conversation (i.e. the resume token) the case was opened in, or the same verified
    // customer in any of their conversations. Anyone else gets the answer for an id that does not exist.
    if (!found || !(found.conversationId === conv.id || (await sameVerifiedCustomer(conv, found.conversationId)))) return { caseId, found: false };
    return { caseId, found: true, status: found.status, kind: found.kind, followUpBy: found.followUpBy };
  }

  async function publishAll(conversationId: string, messages: MessageRecord[], state?: ConversationState) {
    const channel = channels.conversation(conversationId);
    for (const message of messages) await bus.publish(channel, { type: 'message', message });
    if (state) await bus.publish(channel, { type: 'status', state });
  }

  /** What a turn's effects write: messages, and at most one escalation and one case. */
  function effectsToWrites(effects: Effect[], replyTo?: string) {
    const messages: NewMessage[] = [];
    let escalation: NewEscalation | undefined;
    let opened: OpenCaseParams | undefined;
    let caseEmail: TurnCommit['caseEmail'];
    for (const effect of effects) {
      if (effect.type === 'say') {
        const p = effect.params;
        const m: NewMessage = { id: newServerMessageId(), from: p.from ?? 'bot', text: p.text };
        if (p.quickReplies?.length) m.quickReplies = p.quickReplies;
        if (p.article) m.article = p.article;
        if (replyTo) m.replyTo = replyTo;
        messages.push(m);
      } else if (effect.type === 'escalate') {
        escalation = {
          reason: effect.params.reason,
          priority: effect.params.priority,
          summary: effect.params.summary,
          ...(effect.params.unmet ? { status: 'unmet' as const } : {}),
        };
      } else if (effect.type === 'openCase') {
        opened = effect.params;
      } else if (effect.type === 'setCaseEmail') {
        caseEmail = { caseId: effect.params.caseId, email: effect.params.email };
      }
    }
    return { messages, escalation, opened, caseEmail };
  }

  const orderIdShape = new RegExp(settings.orderIdPattern ?? DEFAULT_ORDER_ID_SOURCE, 'i');
  /** The page's order id when it looks like one (anything else a page sends is ignored). */
  function pageOrderId(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    const id = value.trim();
    return id.length <= 64 && orderIdShape.test(id) ? id.toUpperCase() : undefined;
  }

  /** Starts a conversation, or resumes the one the token belongs to. */
  async function open(input: { token?: string; context?: ConversationContext }): Promise<OpenResult> {
    if (input.token) {
      const found = await storage.getConversationByTokenHash(hashToken(input.token));
      // A verified customer's conversation is resumed only by that customer: on a shared device,
      // whoever logs in next (or nobody) starts afresh instead of reading it.
      const owner = found?.context.customer?.id;
      if (found && (owner === undefined || owner === input.context?.customer?.id)) {
        return { conversation: found, token: input.token, created: false };
      }
    }
    const token = newToken();
    const orderId = pageOrderId(input.context?.orderId);
    const { snapshot, effects } = startConversation(orderId ? { ...machineInput, orderId } : machineInput);
    const created = await storage.createConversation({
      id: newConversationId(),
      tokenHash: hashToken(token),
      state: stateOf(snapshot),
      snapshot,
      context: input.context ?? {},
    });
    const { messages } = effectsToWrites(effects);
    const result = await storage.commitTurn({ conversationId: created.id, expectedVersion: created.version, messages });
    await publishAll(created.id, result.messages);
    const conversation = (await storage.getConversation(created.id)) ?? created;
    logger.info({ conversationId: created.id }, 'conversation started');
    return { conversation, token, created: true };
  }

  /**
   * A click needs the label it showed (stored as the customer's text) and the ranking of the last
   * typed message (for topics to offer if it leads to a clarification): one read of the recent
   * messages gives both.
   */
  async function recentForChoice(conv: ConversationRecord, value: string): Promise<{ label: string; ranking: IntentScore[] }> {
    const recent = await storage.messagesAfter(conv.id, Math.max(0, conv.lastSeq - RECENT_MESSAGES));
    let label: string | undefined;
    let ranking: IntentScore[] | undefined;
    for (let i = recent.length - 1; i >= 0 && (label === undefined || ranking === undefined); i--) {
      const m = recent[i];
      if (label === undefined) label = m?.quickReplies?.find((q) => q.value === value)?.label;
      if (ranking === undefined && m?.from === 'customer' && m.meta?.nlu) ranking = m.meta.nlu.ranking;
    }
    return { label: label ?? value, ranking: ranking ?? [] };
  }

  /** A support topic's usual questions, for a `category:<name>` click; undefined for any other value. */
  function topicMenu(value: string) {
    return intentsOfTopic(value)?.map((name) => ({ label: nlu.labelOf(name), value: `intent:${name}` }));
  }

  /**
   * What a typed message is about, clause by clause (clauses.ts): the parse to answer (the first
   * confident clause when the clauses hold two topics, or when the whole is unsure but a clause is
   * clear; else the whole message, entities always from the whole), the text to search answers
   * with, and a second confident topic to offer after the answer.
   */
  async function understandClauses(text: string): Promise<{ parse: ParseResult; understood: string; also?: { value: string; label: string } }> {
    await nlu.prepare?.(text);
    const whole = nlu.parse(text);
    const pieces = splitClauses(text);
    if (pieces.length < 2) return { parse: whole, understood: text };
    const parsed: Array<ClauseParse & { parse: ParseResult }> = [];
    for (const piece of pieces) {
      await nlu.prepare?.(piece);
      const p = nlu.parse(piece);
      parsed.push({ text: piece, intent: p.intent, lowConfidence: p.lowConfidence, ranking: p.ranking, ...(p.outOfScope ? { outOfScope: true } : {}), parse: p });
    }
    const firstArticle = (intent: string) => knowledge.byIntent(intent)[0]?.id;
    const sameAnswer = (a: string, b: string) => firstArticle(a) !== undefined && firstArticle(a) === firstArticle(b);
    const urgent = (intent: string) => flowForIntent(intent)?.interrupts === true;
    const { first, also } = topicsOfClauses(whole, parsed, { sameAnswer, urgent });
    const chosen = first ? parsed.find((p) => p.text === first.text) : undefined;
    return {
      parse: chosen ? { ...chosen.parse, entities: whole.entities } : whole,
      understood: chosen ? chosen.text : text,
      ...(also ? { also: alsoOffer(also) } : {}),
    };
  }

  /**
   * The rest of a message that began with a No ("no, the merchant already confirmed it"), as a
   * turn of its own. Alone it is often unsure, because it goes on with the topic just answered:
   * then its best intent within that topic's category is taken when the model gives it at least
   * REST_IN_TOPIC_MIN ("the merchant already confirmed it": open_dispute 0.49, refund_missing
   * 0.35; after a refund answer, refund_missing), and the answer is the next best for it (never
   * the one just given). Otherwise, or out of scope, it stays unsure (a second miss: a person).
   */
  function understandRest(conv: ConversationRecord, rest: string, alone: Awaited<ReturnType<typeof understandClauses>>) {
    if (!alone.parse.lowConfidence || alone.parse.outOfScope || alone.parse.intent.name === OUT_OF_SCOPE) return alone;
    // Only a No to an answer, with words enough to say something ("no, not really" is just a No).
    if ((rest.match(/\p{L}{2,}/gu) ?? []).length < 3 || statePathOf(conv.snapshot as PersistedConversation) !== 'bot.awaitingFeedbackOnAnswer') return alone;
    const topic = (conv.snapshot as { context?: { lastIntent?: IntentScore | null } } | null)?.context?.lastIntent?.category;
    const inTopic = topic ? alone.parse.ranking.find((r) => r.category === topic) : undefined;
    if (!inTopic || inTopic.confidence < REST_IN_TOPIC_MIN) return alone;
    return { parse: { ...alone.parse, intent: inTopic, lowConfidence: false }, understood: rest };
  }

  /** A second topic as its quick reply: the intent (its label), or the support category (its topic label). */
  function alsoOffer(also: AlsoTopic): { value: string; label: string } {
    if (also.kind === 'intent') return { value: `intent:${also.intent.name}`, label: nlu.labelOf(also.intent.name) };
    const value = `${CATEGORY_PREFIX}${also.category}`;
    return { value, label: topicLabel(value) ?? also.category };
  }

  /** The machine event and the customer's stored message for a frame. */
  async function buildTurn(conv: ConversationRecord, frame: MessageFrame | ChoiceFrame) {
    if (frame.type === 'message') {
      const { text, masked } = redact(frame.text);
      // "no, the merchant already confirmed it": a No, then a turn of its own, understood alone.
      const leadingNo = splitLeadingNo(text);
      const read = await understandClauses(leadingNo?.rest || text);
      const { parse, understood, also } = leadingNo?.rest ? understandRest(conv, leadingNo.rest, read) : read;
      const event: CustomerEvent = {
        type: 'USER_MESSAGE',
        messageId: frame.id,
        text,
        intent: parse.intent,
        ranking: parse.ranking,
        entities: parse.entities,
        lowConfidence: parse.lowConfidence,
        frustrated: nlu.isFrustrated(text),
        answers: answersForText(knowledge, understood, parse.intent),
        topics: topicsFrom(parse.ranking, nlu, settings.clarifyOptions, MIN_TOPIC_CONFIDENCE),
        now: clock(),
        seed: newSeed(),
        ...(isOffTopic(parse, understood) ? { offTopic: true } : {}),
        ...(leadingNo ? { leadingNo } : {}),
        ...(also ? { alsoTopic: also } : {}),
      };
      const caseStatus = await caseStatusFor(conv, parse.entities.find((e) => e.type === 'case_id')?.value);
      if (caseStatus) event.caseStatus = caseStatus;
      const meta: MessageMeta = {
        nlu: { intent: parse.intent, ranking: parse.ranking.slice(0, 5), entities: parse.entities, lowConfidence: parse.lowConfidence },
      };
      const customer: NewMessage = { id: frame.id, from: 'customer', text, meta };
      return { event, customer, masked };
    }
    const intent = frame.value.startsWith('intent:') ? frame.value.slice('intent:'.length) : undefined;
    const { label, ranking } = await recentForChoice(conv, frame.value);
    const event: CustomerEvent = {
      type: 'CHOICE',
      messageId: frame.id,
      value: frame.value,
      answers: intent ? answersForIntent(knowledge, intent) : [],
      topics: topicMenu(frame.value) ?? topicsFrom(ranking, nlu, settings.clarifyOptions),
      now: clock(),
      seed: newSeed(),
    };
    const customer: NewMessage = { id: frame.id, from: 'customer', text: label, meta: { choice: frame.value } };
    return { event, customer, masked: false };
  }

  /**
   * Re-reads the conversation and runs `attempt` against it, again when another node wrote first
   * (a version conflict) or when the case id the bot announced was taken (the id's unique key is
   * the safety net: the whole turn, message included, was rolled back, so it is simply redone).
   */
  async function commitWithRetry<T>(conversationId: string, attempt: (conv: ConversationRecord) => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      const conv = await storage.getConversation(conversationId);
      if (!conv) throw new Error(`conversation ${conversationId} not found`);
      try {
        return await attempt(conv);
      } catch (err) {
        if (err instanceof VersionConflictError && i < MAX_CONFLICT_RETRIES) {
          await conflictBackoff(i);
          continue;
        }
        if (err instanceof CaseIdTakenError && i < MAX_CASE_ID_RETRIES) {
          logger.warn({ conversationId, caseId: err.caseId }, 'case id taken; turn redone with a new one');
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * The machine's answer to one customer event: one transition, plus the AVAILABILITY answer when
   * the machine asked for it (a second transition in the same turn). All effects, in order.
   */
  async function decide(conv: ConversationRecord, event: CustomerEvent, turn?: TurnLimits): Promise<StepResult> {
    const first = step(conv.snapshot, event);
    if (!first.effects.some((e) => e.type === 'checkAvailability')) return first;
    const check = availability ? await availability.check() : { available: true };
    // Someone could take it, but this client has started too many hand-offs: recorded as unmet.
    const limited = check.available && turn?.mayEscalate !== undefined && !(await turn.mayEscalate());
    if (limited) logger.warn({ conversationId: conv.id }, 'hand-off limit of the client address reached; recorded as unmet');
    const answer: AvailabilityEvent = {
      type: 'AVAILABILITY',
      available: check.available && !limited,
      ...(check.nextOpening !== undefined ? { nextOpening: check.nextOpening } : {}),
      // A case opened with nobody there takes its id from this turn's seed, like any case.
      seed: event.seed,
    };
    const second = step(first.snapshot, answer);
    return { snapshot: second.snapshot, effects: [...first.effects, ...second.effects] };
  }

  /**
   * Processes a customer message or quick-reply click. A repeated id is acknowledged again with
   * its stored seq and not processed twice. `onCommitted` runs after the commit, before publishing.
   */
  function handleCustomer(conversationId: string, frame: MessageFrame | ChoiceFrame, onCommitted?: OnCommitted, turn?: TurnLimits): Promise<Ack> {
    return queue.run(conversationId, async () => {
      return commitWithRetry(conversationId, async (conv): Promise<Ack> => {
        const existing = await storage.findMessage(conv.id, frame.id);
        // A customer's ids are theirs: one the bot or an agent used is not a repeat of this frame.
        if (existing && existing.from !== 'customer') throw new MessageIdTakenError(frame.id);
        if (existing) {
          onCommitted?.({ id: frame.id, seq: existing.seq });
          return { id: frame.id, seq: existing.seq };
        }
        if (conv.state === 'closed') throw new ConversationClosedError(conv.id);
        const { event, customer, masked } = await buildTurn(conv, frame);
        const next = await decide(conv, event, turn);
        const writes = effectsToWrites(next.effects, frame.id);
        if (masked) writes.messages.unshift({ id: newServerMessageId(), from: 'system', text: CARD_WARNING, replyTo: frame.id });
        const state = stateOf(next.snapshot);
        const result = await storage.commitTurn({
          conversationId: conv.id,
          expectedVersion: conv.version,
          messages: [customer, ...writes.messages],
          snapshot: next.snapshot,
          state,
          // The agent sees who the site vouched for (a verified customer) beside what the bot collected.
          escalation: writes.escalation && conv.context.customer?.verified ? { ...writes.escalation, summary: { ...writes.escalation.summary, customer: conv.context.customer } } : writes.escalation,
          ...(writes.opened ? { case: caseToStore(writes.opened, frame.id) } : {}),
          ...(writes.caseEmail ? { caseEmail: writes.caseEmail } : {}),
        });
        if (result.case) logger.info({ conversationId: conv.id, caseId: result.case.id, kind: result.case.kind }, 'case opened');
        if (writes.caseEmail && !result.caseEmailSet) logger.warn({ conversationId: conv.id, caseId: writes.caseEmail.caseId }, 'case email not set: no such case in this conversation');
        const stored = result.messages[0];
        if (!stored) throw new Error('commit returned no messages');
        const done = { id: frame.id, seq: stored.seq };
        onCommitted?.(done);
        await publishAll(conv.id, result.messages, state !== conv.state ? state : undefined);
        // An unmet hand-off (nobody was there) is a record, not a queue entry.
        if (result.escalation && writes.escalation && writes.escalation.status !== 'unmet') {
          logger.info({ conversationId: conv.id, reason: result.escalation.reason }, 'conversation escalated');
          // The hand-off part keeps the queue; it learns of new entries here, on every node.
          await bus.publish(channels.queue, { type: 'escalated', conversationId: conv.id, escalation: result.escalation });
        }
        return done;
      });
    });
  }

  /**
   * Runs an event that does not come from the customer's socket (an agent joined, released the
   * chat, closed it) through the machine, writing `extra` messages in the same transaction.
   * Returns the stored messages. `status` extras (agent name, queue position) ride on the status
   * event published when the state changes.
   */
  function applyEvent(
    conversationId: string,
    event: Extract<ConversationEvent, { type: 'AGENT_JOINED' | 'AGENT_LEFT' | 'RELEASED_TO_BOT' | 'END' }> | undefined,
    opts: { extra?: NewMessage[]; status?: Record<string, unknown>; skipIfClosed?: boolean } = {},
  ): Promise<MessageRecord[]> {
    return queue.run(conversationId, async () => {
      let stored: MessageRecord[] = [];
      await commitWithRetry(conversationId, async (conv) => {
        if (opts.skipIfClosed !== false && conv.state === 'closed') return;
        const next = event ? step(conv.snapshot, event) : { snapshot: conv.snapshot, effects: [] };
        const { messages } = effectsToWrites(next.effects);
        const state = stateOf(next.snapshot);
        const result = await storage.commitTurn({
          conversationId: conv.id,
          expectedVersion: conv.version,
          messages: [...(opts.extra ?? []), ...messages],
          snapshot: next.snapshot,
          state,
        });
        stored = result.messages;
        const channel = channels.conversation(conv.id);
        for (const message of result.messages) await bus.publish(channel, { type: 'message', message });
        if (state !== conv.state || opts.status) await bus.publish(channel, { type: 'status', state, ...opts.status });
      });
      return stored;
    });
  }

  /**
   * The customer's rating (1–5) and optional comment at the end of a chat: stored (comment
   * masked like any customer text) and thanked with a system message, even after the chat closed.
   */
  async function recordFeedback(conversationId: string, input: { rating: number; comment?: string }): Promise<void> {
    if (!cases) throw new Error('feedback needs the cases part');
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new RangeError('rating must be an integer from 1 to 5');
    const comment = input.comment?.trim() ? redact(input.comment.trim()).text : undefined;
    await cases.addFeedback({ conversationId, rating: input.rating, ...(comment ? { comment } : {}) });
    await applyEvent(conversationId, undefined, {
      extra: [{ id: newServerMessageId(), from: 'system', text: 'Thank you for your feedback!' }],
      skipIfClosed: false,
    });
    logger.info({ conversationId, rating: input.rating }, 'feedback stored');
  }

  /** Customer ended the chat. */
  async function end(conversationId: string): Promise<void> {
    await applyEvent(conversationId, { type: 'END' });
  }

  /** An agent's message to the customer; masked like customer text, stored and delivered in order. */
  async function postAgentMessage(
    conversationId: string,
    input: { id?: string; text: string; agentId: string; agentName: string },
  ): Promise<MessageRecord> {
    const { text } = redact(input.text);
    const [stored] = await applyEvent(conversationId, undefined, {
      extra: [{ id: input.id ?? newServerMessageId(), from: 'agent', text, meta: { agentId: input.agentId, agentName: input.agentName } }],
    });
    if (!stored) throw new Error(`conversation ${conversationId} is closed`);
    return stored;
  }

  /** Publishes a status update (queue position, wait estimate) without changing anything stored. */
  async function publishStatus(conversationId: string, status: Omit<StatusFrame, 'type'>): Promise<void> {
    await bus.publish(channels.conversation(conversationId), { type: 'status', ...status });
  }

  async function typing(conversationId: string, from: 'customer' | 'agent' | 'bot'): Promise<void> {
    await bus.publish(channels.conversation(conversationId), { type: 'typing', from });
  }

  return {
    open,
    handleCustomer,
    end,
    typing,
    applyEvent,
    postAgentMessage,
    publishStatus,
    recordFeedback,
    /** An agent took the chat: the bot falls silent and the customer sees the agent's name. */
    /** The agent dropped past the grace period: back to the queue (the hand-off part keeps the place). */
    agentLeft: (conversationId: string) => applyEvent(conversationId, { type: 'AGENT_LEFT' }),
    agentJoined: (conversationId: string, agentName: string) =>
      applyEvent(conversationId, { type: 'AGENT_JOINED', agentName }, { status: { agent: { name: agentName } } }),
    /** The agent hands the chat back to the bot. */
    releaseToBot: (conversationId: string) => applyEvent(conversationId, { type: 'RELEASED_TO_BOT' }),
    get pending() {
      return queue.size;
    },
    /** Resolves when every accepted customer turn has finished (shutdown waits for this before closing storage). */
    idle: () => queue.idle(),
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
