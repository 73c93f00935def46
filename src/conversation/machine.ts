import { and, assign, setup } from 'xstate';
import type { Entity, IntentScore } from '../nlu/types';
import type { EscalationReason } from '../storage/types';
import type {
  AnswerCandidate,
  ConversationEvent,
  EscalateParams,
  MachineInput,
  SayParams,
  TopicOption,
} from './events';
import { copy } from './machine-copy';
import {
  asksForHuman,
  choiceIs,
  clarificationReplies,
  chosenTopic,
  isMiss,
  isSmalltalk,
  isUrgentSecurity,
  isUrgentSecurityIntent,
  parseChoice,
  topicsToOffer,
} from './machine-policy';

/**
 * The conversation machine: what the bot says and when a person takes over, as a pure function
 * of (snapshot, event). It does no I/O. The service runs it with `transition()` (see snapshot.ts)
 * and performs the `say` / `escalate` actions it returns, in order, in its own transaction; that
 * is why both are declared here with empty implementations.
 *
 * Top-level states are the wire protocol's `ConversationState`: `bot` (`idle`,
 * `awaitingFeedbackOnAnswer`, `clarifying`), `queued`, `agent`, `closed`.
 */

/** An entity the customer gave, kept per type (the latest wins) for the agent. */
export interface CollectedEntity {
  value: string;
  text: string;
}

/** Everything in here is JSON-safe: it is persisted with the conversation. */
export interface ConversationMachineContext {
  brandName: string;
  /** Misses in a row that hand the chat to a person (at least 1). */
  maxMisses: number;
  /** Consecutive misses: low confidence, nothing to answer, or "No, that didn't help". */
  misses: number;
  /** The last understood (or guessed) intent; a topic picked from quick replies has confidence 1. */
  lastIntent: IntentScore | null;
  /** Id of the last article the bot answered with. */
  lastAnswer: string | null;
  /** Entities by type (`order_id`, `amount`, ...), latest wins. */
  entities: Record<string, CollectedEntity>;
  /** The topics offered in the last clarification (without "Talk to a person"). */
  lastTopics: TopicOption[];
}

function mergeEntities(known: Record<string, CollectedEntity>, found: Entity[]): Record<string, CollectedEntity> {
  if (found.length === 0) return known;
  const merged = { ...known };
  for (const e of found) merged[e.type] = { value: e.value, text: e.text };
  return merged;
}

function firstAnswer(event: ConversationEvent): AnswerCandidate | undefined {
  return event.type === 'USER_MESSAGE' || event.type === 'CHOICE' ? event.answers[0] : undefined;
}

/** The answer message: the article's short answer with its link. */
function answerMessage(event: ConversationEvent): SayParams {
  const answer = firstAnswer(event);
  return answer ? { text: answer.summary, article: answer.article } : { text: '' };
}

/** The topic a clarification must not offer again: the one that just failed. */
function failedTopic(context: ConversationMachineContext, event: ConversationEvent): string | undefined {
  if (event.type !== 'CHOICE') return undefined;
  const choice = parseChoice(event.value);
  if (choice.kind === 'no') return context.lastIntent ? `intent:${context.lastIntent.name}` : undefined;
  if (choice.kind === 'topic') return event.value;
  return undefined;
}

function offeredTopics(context: ConversationMachineContext, event: ConversationEvent): TopicOption[] {
  const topics = event.type === 'USER_MESSAGE' || event.type === 'CHOICE' ? event.topics : [];
  return topicsToOffer(topics, failedTopic(context, event));
}

/** The clarification after a miss; its wording says which kind of miss it was. */
function clarification(context: ConversationMachineContext, event: ConversationEvent): SayParams {
  const replies = clarificationReplies(offeredTopics(context, event));
  if (event.type === 'CHOICE') {
    const kind = parseChoice(event.value).kind;
    if (kind === 'no') return copy.didNotHelp(replies);
    if (kind === 'topic') return copy.noAnswerForTopic(replies);
  }
  return copy.notSure(replies);
}

/** What the agent sees about why and where the bot stopped. */
export function escalationSummary(context: ConversationMachineContext): Record<string, unknown> {
  return {
    intent: context.lastIntent?.name ?? null,
    category: context.lastIntent?.category ?? null,
    confidence: context.lastIntent?.confidence ?? null,
    entities: context.entities,
    misses: context.misses,
    lastAnswer: context.lastAnswer,
  };
}

function escalation(reason: EscalationReason, priority: EscalateParams['priority'] = 'normal') {
  return ({ context }: { context: ConversationMachineContext }): EscalateParams => ({
    reason,
    priority,
    summary: escalationSummary(context),
  });
}

const endConversation = {
  target: '#conversation.closed',
  actions: { type: 'say', params: copy.ended() },
} as const;

const backToBot = {
  target: '#conversation.bot.idle',
  actions: [
    'resetMisses',
    { type: 'say', params: ({ context }: { context: ConversationMachineContext }) => copy.backWithBot(context.brandName) },
  ],
} as const;

export const conversationMachine = setup({
  types: {
    context: {} as ConversationMachineContext,
    events: {} as ConversationEvent,
    input: {} as MachineInput,
  },
  actions: {
    /** Performed by the service: append one bot (or system) message. */
    say: (_, _params: SayParams) => {
      // Intentionally empty: read from transition()'s actions and performed by the service.
    },
    /** Performed by the service: open (or join) this conversation's escalation. */
    escalate: (_, _params: EscalateParams) => {
      // Intentionally empty: read from transition()'s actions and performed by the service.
    },
    /** The intent and entities of a message, or the topic a quick reply picked. */
    remember: assign(({ context, event }) => {
      if (event.type === 'USER_MESSAGE') {
        return { lastIntent: event.intent, entities: mergeEntities(context.entities, event.entities) };
      }
      const topic = event.type === 'CHOICE' ? chosenTopic(event) : undefined;
      if (topic === undefined) return {};
      const category = firstAnswer(event)?.article.category ?? (isUrgentSecurityIntent(topic) ? 'security' : 'unknown');
      return { lastIntent: { name: topic, category, confidence: 1 } };
    }),
    collectEntities: assign({
      entities: ({ context, event }) =>
        event.type === 'USER_MESSAGE' ? mergeEntities(context.entities, event.entities) : context.entities,
    }),
    rememberAnswer: assign({
      lastAnswer: ({ context, event }) => firstAnswer(event)?.article.id ?? context.lastAnswer,
    }),
    rememberTopics: assign({ lastTopics: ({ context, event }) => offeredTopics(context, event) }),
    countMiss: assign({ misses: ({ context }) => context.misses + 1 }),
    resetMisses: assign({ misses: 0 }),
  },
  guards: {
    /** "Talk to a person", typed (and understood) or clicked. */
    asksForHuman: ({ event }) =>
      event.type === 'USER_MESSAGE' ? asksForHuman(event) : event.type === 'CHOICE' && choiceIs(event, 'human'),
    isFrustrated: ({ event }) => event.type === 'USER_MESSAGE' && event.frustrated,
    /** A stolen card or a taken-over account, typed or picked as a topic. */
    isUrgentSecurity: ({ event }) => {
      if (event.type === 'USER_MESSAGE') return isUrgentSecurity(event);
      const topic = event.type === 'CHOICE' ? chosenTopic(event) : undefined;
      return topic !== undefined && isUrgentSecurityIntent(topic);
    },
    isMiss: ({ event }) => event.type === 'USER_MESSAGE' && isMiss(event),
    /** Checked before the miss is counted: would this miss reach the limit? */
    missLimitReached: ({ context }) => context.misses + 1 >= context.maxMisses,
    isSmalltalk: ({ event }) => event.type === 'USER_MESSAGE' && isSmalltalk(event.intent),
    choseYes: ({ event }) => event.type === 'CHOICE' && choiceIs(event, 'yes'),
    choseAnsweredTopic: ({ event }) =>
      event.type === 'CHOICE' && choiceIs(event, 'topic') && event.answers.length > 0,
  },
}).createMachine({
  id: 'conversation',
  context: ({ input }) => ({
    brandName: input.brandName,
    maxMisses: Math.max(1, Math.floor(input.maxMisses)),
    misses: 0,
    lastIntent: null,
    lastAnswer: null,
    entities: {},
    lastTopics: [],
  }),
  // Root entry runs once, on the initial transition: coming back to `bot` later does not greet again.
  entry: { type: 'say', params: ({ context }) => copy.greeting(context.brandName) },
  initial: 'bot',
  states: {
    bot: {
      initial: 'idle',
      states: {
        idle: {},
        awaitingFeedbackOnAnswer: {},
        clarifying: {},
      },
      on: {
        // Order matters: the first rule that matches wins (DESIGN.md "Conversation policy").
        USER_MESSAGE: [
          {
            guard: 'asksForHuman',
            target: 'queued',
            actions: [
              'remember',
              { type: 'say', params: copy.connectingToPerson() },
              { type: 'escalate', params: escalation('asked_for_human') },
            ],
          },
          {
            guard: 'isFrustrated',
            target: 'queued',
            actions: [
              'remember',
              { type: 'say', params: copy.frustrationApology() },
              { type: 'escalate', params: escalation('frustration') },
            ],
          },
          {
            guard: 'isUrgentSecurity',
            target: 'queued',
            actions: [
              'remember',
              'rememberAnswer',
              { type: 'say', params: ({ event }) => urgentSteps(event) },
              { type: 'say', params: copy.urgentHandover() },
              { type: 'escalate', params: escalation('urgent_security', 'urgent') },
            ],
          },
          {
            guard: and(['isMiss', 'missLimitReached']),
            target: 'queued',
            actions: [
              'remember',
              'countMiss',
              { type: 'say', params: copy.handingOverAfterMisses() },
              { type: 'escalate', params: escalation('low_confidence') },
            ],
          },
          {
            guard: 'isMiss',
            target: '.clarifying',
            actions: [
              'remember',
              'countMiss',
              'rememberTopics',
              { type: 'say', params: ({ context, event }) => clarification(context, event) },
            ],
          },
          {
            guard: 'isSmalltalk',
            target: '.idle',
            actions: ['remember', 'resetMisses', { type: 'say', params: ({ event }) => copy.smalltalk(event.intent.name) }],
          },
          {
            // Confident, with an answer (isMiss covered "confident but nothing to answer").
            target: '.awaitingFeedbackOnAnswer',
            actions: [
              'remember',
              'resetMisses',
              'rememberAnswer',
              { type: 'say', params: ({ event }) => answerMessage(event) },
              { type: 'say', params: copy.didThisHelp() },
            ],
          },
        ],
        CHOICE: [
          {
            guard: 'choseYes',
            target: '.idle',
            actions: ['resetMisses', { type: 'say', params: copy.gladItHelped() }],
          },
          {
            guard: 'asksForHuman',
            target: 'queued',
            actions: [
              { type: 'say', params: copy.connectingToPerson() },
              { type: 'escalate', params: escalation('asked_for_human') },
            ],
          },
          {
            guard: 'isUrgentSecurity',
            target: 'queued',
            actions: [
              'remember',
              'rememberAnswer',
              { type: 'say', params: ({ event }) => urgentSteps(event) },
              { type: 'say', params: copy.urgentHandover() },
              { type: 'escalate', params: escalation('urgent_security', 'urgent') },
            ],
          },
          {
            guard: 'choseAnsweredTopic',
            target: '.awaitingFeedbackOnAnswer',
            actions: [
              'remember',
              'resetMisses',
              'rememberAnswer',
              { type: 'say', params: ({ event }) => answerMessage(event) },
              { type: 'say', params: copy.didThisHelp() },
            ],
          },
          // Everything else is a miss: "no", a topic without an answer, an unknown value.
          {
            guard: 'missLimitReached',
            target: 'queued',
            actions: [
              'remember',
              'countMiss',
              { type: 'say', params: copy.handingOverAfterMisses() },
              { type: 'escalate', params: escalation('low_confidence') },
            ],
          },
          {
            target: '.clarifying',
            actions: [
              'remember',
              'countMiss',
              'rememberTopics',
              { type: 'say', params: ({ context, event }) => clarification(context, event) },
            ],
          },
        ],
        // An agent may also pick a chat up straight from the bot (e.g. from a transcript view).
        AGENT_JOINED: {
          target: 'agent',
          actions: { type: 'say', params: ({ event }) => copy.agentJoined(event.agentName) },
        },
        END: endConversation,
      },
    },
    queued: {
      on: {
        // Waiting for a person: the bot stays quiet, except to reassure a repeated request.
        USER_MESSAGE: [
          { guard: 'asksForHuman', actions: ['collectEntities', { type: 'say', params: copy.alreadyInLine() }] },
          { actions: 'collectEntities' },
        ],
        CHOICE: { guard: 'asksForHuman', actions: { type: 'say', params: copy.alreadyInLine() } },
        AGENT_JOINED: {
          target: 'agent',
          actions: { type: 'say', params: ({ event }) => copy.agentJoined(event.agentName) },
        },
        RELEASED_TO_BOT: backToBot,
        END: endConversation,
      },
    },
    agent: {
      on: {
        // The agent talks; the bot says nothing, but keeps what the customer gives for later.
        USER_MESSAGE: { actions: 'collectEntities' },
        // A transfer to another agent.
        AGENT_JOINED: { actions: { type: 'say', params: ({ event }) => copy.agentJoined(event.agentName) } },
        RELEASED_TO_BOT: backToBot,
        END: endConversation,
      },
    },
    // Everything is ignored once closed. Not a final state, so a closed snapshot stays `active`
    // and a later feature (reopening) remains a transition away.
    closed: {},
  },
});

/** The urgent steps, with the article's own short answer first when there is one. */
function urgentSteps(event: ConversationEvent): SayParams {
  const answer = firstAnswer(event);
  const steps = copy.urgentSecuritySteps(answer?.summary);
  return answer ? { ...steps, article: answer.article } : steps;
}

export type ConversationMachine = typeof conversationMachine;
