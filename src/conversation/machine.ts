import { and, assign, enqueueActions, setup } from 'xstate';
import type { Entity, IntentScore } from '../nlu/types';
import type { EscalationReason } from '../storage/types';
import type {
  AnswerCandidate,
  ConversationEvent,
  EscalateParams,
  MachineInput,
  OpenCaseParams,
  SayParams,
  TopicOption,
} from './events';
import { flowForIntent } from './flows';
import { type ActiveFlow, type FlowAdvance, answersAwaited, askAgain, beginFlow, continueFlow, labelledSlots } from './flows/engine';
import { securityFlow } from './flows/security';
import { DEFAULT_ORDER_ID_SOURCE, formatDate, formatMoment, isCancel, isNo, isYes, parseEmail } from './flows/slots';
import type { FlowEnv, SlotInput } from './flows/types';
import { copy, flowCopy } from './machine-copy';
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
  /** Flow settings from config. Optional: snapshots from before flows existed lack it. */
  env?: Omit<FlowEnv, 'brandName'>;
  /** The guided flow in progress, if any. */
  flow?: ActiveFlow | null;
  /** Everything the flows collected (slot name → value), kept across cancel, topic change and handoff. */
  slots?: Record<string, string>;
  /** A handoff decided this turn, resolved by `bot.handingOver` (to the queue, or offline). */
  handoff?: PendingHandoff | null;
  /** The case an offline fallback would open. */
  offline?: { kind: OpenCaseParams['kind']; priority: 'normal' | 'urgent' } | null;
}

/** Why and how a person should take over; `offline` when the service said no one is available. */
export interface PendingHandoff {
  reason: EscalationReason;
  priority: 'normal' | 'urgent';
  /** Said when someone is available ("I'm connecting you..."). */
  line: SayParams;
  offline: boolean;
  nextOpening?: number;
}

const DEFAULT_ENV: Omit<FlowEnv, 'brandName'> = { orderIdPattern: DEFAULT_ORDER_ID_SOURCE, refundWaitDays: 14, caseFollowUpHours: 24 };

function envOf(context: ConversationMachineContext): FlowEnv {
  return { ...DEFAULT_ENV, ...context.env, brandName: context.brandName };
}

function slotInput(event: ConversationEvent): SlotInput {
  if (event.type === 'USER_MESSAGE') return { text: event.text, entities: event.entities, now: event.now };
  if (event.type === 'CHOICE') return { text: '', entities: [], choice: event.value, now: event.now };
  return { text: '', entities: [] };
}

/** A confident topic: the understood intent of a message, or a picked topic quick reply. */
function topicOf(event: ConversationEvent): { name: string; confidence: number } | undefined {
  if (event.type === 'USER_MESSAGE') return event.lowConfidence ? undefined : event.intent;
  if (event.type === 'CHOICE') {
    const topic = chosenTopic(event);
    return topic === undefined ? undefined : { name: topic, confidence: 1 };
  }
  return undefined;
}

/** Free-text answers win over a topic change unless the new topic is this certain. */
const FREE_TEXT_SWITCH_CONFIDENCE = 0.95;
/** A wrong answer to a typed slot ("1234" for an order id) is re-asked unless the new topic is this certain. */
const TYPED_SWITCH_CONFIDENCE = 0.8;

/** A topic change is said in words: "1234" or "€12" is a (wrong) answer, never a new topic. */
function soundsLikeATopic(event: ConversationEvent): boolean {
  return event.type === 'USER_MESSAGE' && (event.text.match(/\p{L}{2,}/gu) ?? []).length >= 2;
}

/**
 * What the flows make of this event: start a flow, continue the running one, or switch to
 * another. undefined: flows have nothing to do with it. Pure, so guards and actions may both call it.
 */
export function plannedFlow(context: ConversationMachineContext, event: ConversationEvent): FlowAdvance | undefined {
  if (event.type !== 'USER_MESSAGE' && event.type !== 'CHOICE') return undefined;
  const env = envOf(context);
  const input = slotInput(event);
  const slots = context.slots ?? {};
  const topic = topicOf(event);
  const def = topic ? flowForIntent(topic.name) : undefined;
  const start = () => ({ intent: topic!.name, ...(firstAnswer(event) ? { answer: firstAnswer(event)! } : {}) });
  if (context.flow) {
    if (def && def.id !== context.flow.id) {
      const awaited = answersAwaited(context.flow, input, env);
      const switches =
        event.type === 'CHOICE' ||
        (soundsLikeATopic(event) &&
          (awaited.freeText ? topic!.confidence >= FREE_TEXT_SWITCH_CONFIDENCE : !awaited.accepts && topic!.confidence >= TYPED_SWITCH_CONFIDENCE));
      if (switches) return beginFlow(def, start(), input, env, slots);
    }
    return continueFlow(context.flow, input, env, slots);
  }
  return def ? beginFlow(def, start(), input, env, slots) : undefined;
}

type FlowKind = 'ask' | 'done' | 'case' | 'handoff';

function kindOf(advance: FlowAdvance | undefined): FlowKind | undefined {
  if (!advance) return undefined;
  return advance.kind === 'ask' ? 'ask' : advance.outcome.kind;
}

function caseIdOf(event: ConversationEvent): string {
  return (event.type === 'USER_MESSAGE' || event.type === 'CHOICE') && event.caseId ? event.caseId : 'CS-PENDING';
}

function emailIn(event: ConversationEvent): string | undefined {
  if (event.type !== 'USER_MESSAGE') return undefined;
  const r = parseEmail(slotInput(event));
  return r.ok ? r.value : undefined;
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
    flow: context.flow ? { id: context.flow.id, awaiting: context.flow.awaiting } : null,
    slots: labelledSlots(context.slots ?? {}),
  };
}

/** Params of the `noteHandoff` action. */
interface HandoffParams {
  reason: EscalationReason;
  priority: PendingHandoff['priority'];
  line: SayParams;
}

function pendingHandoff(reason: EscalationReason, priority: PendingHandoff['priority'], line: SayParams) {
  return { type: 'noteHandoff', params: { reason, priority, line } as HandoffParams } as const;
}

function handoffFrom(event: ConversationEvent, params: HandoffParams): PendingHandoff {
  const agents = event.type === 'USER_MESSAGE' || event.type === 'CHOICE' ? event.agents : undefined;
  return {
    ...params,
    offline: agents?.available === false,
    ...(agents?.nextOpening !== undefined ? { nextOpening: agents.nextOpening } : {}),
  };
}

/**
 * Emits a declared action from inside enqueueActions. setup() cannot type sibling actions there
 * (they are being declared), so the shape is checked here instead.
 */
function emit(enqueue: (action: never) => void, action: { type: 'say'; params: SayParams } | { type: 'openCase'; params: OpenCaseParams }): void {
  enqueue(action as never);
}

const HANDING_OVER = '#conversation.bot.handingOver';

/** The escalation a pending handoff opens, with everything collected so far. */
function escalationFromContext({ context }: { context: ConversationMachineContext }): EscalateParams {
  return {
    reason: context.handoff?.reason ?? 'asked_for_human',
    priority: context.handoff?.priority ?? 'normal',
    summary: escalationSummary(context),
  };
}

/** The details a case carries: the collected slots and what the bot knew. */
function caseDetails(context: ConversationMachineContext): Record<string, unknown> {
  return escalationSummary(context);
}

const endConversation = {
  target: '#conversation.closed',
  actions: { type: 'say', params: copy.ended() },
} as const;

const backToBot = {
  target: '#conversation.bot.idle',
  actions: [
    'resetMisses',
    'clearFlow',
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
    /** Performed by the service: store a support case, in the same turn as the message announcing it. */
    openCase: (_, _params: OpenCaseParams) => {
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
    clearFlow: assign({ flow: null }),
    /** A person should take over; `bot.handingOver` decides between the queue and the offline offer. */
    noteHandoff: assign({ handoff: ({ event }, params: HandoffParams) => handoffFrom(event, params) }),
    sayUrgentSteps: enqueueActions(({ context, event, enqueue }) => {
      emit(enqueue, { type: 'say', params: urgentSteps(context, event) });
    }),
    /** Says what the flow says, opens its case, then records where it stands (in that order). */
    runFlow: enqueueActions(({ context, event, enqueue }) => {
      const advance = plannedFlow(context, event);
      if (!advance) return;
      for (const params of advance.say) emit(enqueue, { type: 'say', params });
      if (advance.kind === 'ask') {
        enqueue.assign({ flow: advance.flow, slots: advance.slots });
        return;
      }
      const outcome = advance.outcome;
      if (outcome.kind === 'case') {
        const id = caseIdOf(event);
        for (const params of outcome.say(id)) emit(enqueue, { type: 'say', params });
        const finished = { ...context, flow: { id: advance.flowId, start: advance.start, awaiting: '' }, slots: advance.slots };
        emit(enqueue, { type: 'openCase', params: { id, kind: outcome.caseKind, priority: outcome.priority, details: caseDetails(finished) } });
        // The case carries the slots now; a later flow starts afresh.
        enqueue.assign({ flow: null, slots: {} });
      } else if (outcome.kind === 'done') {
        for (const params of outcome.say) emit(enqueue, { type: 'say', params });
        enqueue.assign({ flow: null, slots: {} });
      } else {
        for (const params of outcome.say) emit(enqueue, { type: 'say', params });
        // Still "in" the flow for the agent's summary: which one, and everything it collected.
        enqueue.assign({ flow: { id: advance.flowId, start: advance.start, awaiting: '' }, slots: advance.slots });
      }
    }),
    noteFlowHandoff: enqueueActions(({ context, event, enqueue }) => {
      const advance = plannedFlow(context, event);
      if (advance?.kind !== 'finish' || advance.outcome.kind !== 'handoff') return;
      const { reason, priority } = advance.outcome;
      enqueue.assign({ handoff: handoffFrom(event, { reason, priority, line: flowCopy.passingOn() }) });
    }),
    sayCaseStatus: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'USER_MESSAGE' || !event.caseStatus) return;
      const s = event.caseStatus;
      emit(enqueue, {
        type: 'say',
        params: s.found ? flowCopy.caseStatus(s.caseId, s.kind, s.status, formatDate(s.followUpBy)) : flowCopy.caseNotFound(s.caseId),
      });
      if (context.flow) {
        const again = askAgain(context.flow, envOf(context), context.slots ?? {});
        if (again) emit(enqueue, { type: 'say', params: again });
      }
    }),
    /** No one can take the chat: say so, keep what to put in a case. */
    startOffline: assign({
      offline: ({ context }) => {
        const flowKind = context.flow?.id;
        const kind: OpenCaseParams['kind'] =
          flowKind === 'refund' || flowKind === 'dispute' || flowKind === 'security' || flowKind === 'billing' ? flowKind : 'offline';
        return { kind, priority: context.handoff?.priority ?? 'normal' };
      },
      handoff: null,
    }),
    openOfflineCase: enqueueActions(({ context, event, enqueue }) => {
      const email = emailIn(event);
      if (!email) return;
      const id = caseIdOf(event);
      emit(enqueue, { type: 'say', params: flowCopy.offlineCaseOpened(id, email, envOf(context).caseFollowUpHours) });
      emit(enqueue, {
        type: 'openCase',
        params: {
          id,
          kind: context.offline?.kind ?? 'offline',
          priority: context.offline?.priority ?? 'normal',
          details: caseDetails(context),
          email,
        },
      });
      enqueue.assign({ offline: null, flow: null, slots: {} });
    }),
    clearOffline: assign({ offline: null, flow: null }),
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
    /** What the flows would do with this event. */
    flowIs: ({ context, event }, params: { kind: FlowKind }) => kindOf(plannedFlow(context, event)) === params.kind,
    isCancel: ({ event }) =>
      (event.type === 'USER_MESSAGE' && isCancel({ text: event.text })) || (event.type === 'CHOICE' && isCancel({ choice: event.value })),
    asksCaseStatus: ({ event }) => event.type === 'USER_MESSAGE' && event.caseStatus !== undefined,
    noAgentAvailable: ({ context }) => context.handoff?.offline === true,
    saysYes: ({ event }) =>
      (event.type === 'USER_MESSAGE' || event.type === 'CHOICE') && isYes(slotInput(event)),
    saysNo: ({ event }) =>
      (event.type === 'USER_MESSAGE' || event.type === 'CHOICE') && (isNo(slotInput(event)) || isCancel(slotInput(event))),
    hasEmail: ({ event }) => emailIn(event) !== undefined,
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
    env: {
      orderIdPattern: input.orderIdPattern ?? DEFAULT_ENV.orderIdPattern,
      refundWaitDays: input.refundWaitDays ?? DEFAULT_ENV.refundWaitDays,
      caseFollowUpHours: input.caseFollowUpHours ?? DEFAULT_ENV.caseFollowUpHours,
    },
    flow: null,
    slots: {},
    handoff: null,
    offline: null,
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
        /** A guided flow is asking for its slots (flows/). Interruptions come first. */
        flow: {
          on: {
            USER_MESSAGE: [
              ...interruptions(),
              { guard: 'isCancel', target: 'idle', actions: [{ type: 'say', params: flowCopy.cancelled() }, 'clearFlow'] },
              { guard: 'asksCaseStatus', actions: 'sayCaseStatus' },
              ...flowSteps(),
            ],
            CHOICE: [
              { guard: 'isCancel', target: 'idle', actions: [{ type: 'say', params: flowCopy.cancelled() }, 'clearFlow'] },
              ...choiceHandoffs(),
              ...flowSteps(),
            ],
          },
        },
        /** Transient: a person should take over; to the queue, or, with no one there, the offline offer. */
        handingOver: {
          always: [
            {
              guard: 'noAgentAvailable',
              target: 'offline',
              actions: [
                {
                  type: 'say',
                  params: ({ context }) =>
                    flowCopy.noAgents(
                      envOf(context).caseFollowUpHours,
                      context.handoff?.nextOpening !== undefined ? formatMoment(context.handoff.nextOpening) : undefined,
                      context.handoff?.reason === 'frustration',
                    ),
                },
                'startOffline',
              ],
            },
            {
              target: '#conversation.queued',
              actions: [
                { type: 'say', params: ({ context }) => context.handoff?.line ?? copy.connectingToPerson() },
                { type: 'escalate', params: escalationFromContext },
                assign({ handoff: null }),
              ],
            },
          ],
        },
        /** No agent available: offer to leave a case, collect an email, open it. */
        offline: {
          initial: 'offer',
          states: {
            offer: {
              on: {
                USER_MESSAGE: [
                  { guard: 'hasEmail', target: '#conversation.bot.idle', actions: 'openOfflineCase' },
                  { guard: 'saysNo', target: '#conversation.bot.idle', actions: [{ type: 'say', params: flowCopy.offlineDeclined() }, 'clearOffline'] },
                  { guard: 'saysYes', target: 'email', actions: { type: 'say', params: flowCopy.askEmail() } },
                ],
                CHOICE: [
                  { guard: 'saysYes', target: 'email', actions: { type: 'say', params: flowCopy.askEmail() } },
                  { guard: 'saysNo', target: '#conversation.bot.idle', actions: [{ type: 'say', params: flowCopy.offlineDeclined() }, 'clearOffline'] },
                ],
              },
            },
            email: {
              on: {
                USER_MESSAGE: [
                  { guard: 'isCancel', target: '#conversation.bot.idle', actions: [{ type: 'say', params: flowCopy.offlineDeclined() }, 'clearOffline'] },
                  { guard: 'hasEmail', target: '#conversation.bot.idle', actions: 'openOfflineCase' },
                  { actions: { type: 'say', params: flowCopy.badEmail() } },
                ],
                CHOICE: [
                  { guard: 'saysNo', target: '#conversation.bot.idle', actions: [{ type: 'say', params: flowCopy.offlineDeclined() }, 'clearOffline'] },
                ],
              },
            },
          },
        },
      },
      on: {
        // Order matters: the first rule that matches wins (DESIGN.md "Conversation policy").
        USER_MESSAGE: [
          ...interruptions(),
          { guard: 'asksCaseStatus', target: '.idle', actions: 'sayCaseStatus' },
          ...flowSteps(),
          {
            guard: and(['isMiss', 'missLimitReached']),
            target: HANDING_OVER,
            actions: ['remember', 'countMiss', pendingHandoff('low_confidence', 'normal', copy.handingOverAfterMisses())],
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
          ...choiceHandoffs(),
          ...flowSteps(),
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
            target: HANDING_OVER,
            actions: ['remember', 'countMiss', pendingHandoff('low_confidence', 'normal', copy.handingOverAfterMisses())],
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
        AGENT_LEFT: { target: 'queued', actions: { type: 'say', params: () => copy.agentLeft() } },
        END: endConversation,
      },
    },
    // Everything is ignored once closed. Not a final state, so a closed snapshot stays `active`
    // and a later feature (reopening) remains a transition away.
    closed: {},
  },
});

/** An account-security emergency: the first steps to take now, then straight to a person, urgently. */
function urgentSecurityHandoff() {
  return {
    guard: 'isUrgentSecurity',
    target: HANDING_OVER,
    actions: ['remember', 'rememberAnswer', 'sayUrgentSteps', pendingHandoff('urgent_security', 'urgent', copy.urgentHandover())],
  } as const;
}

/** Rules that win over anything a flow asks: a person, frustration, an emergency. */
function interruptions() {
  return [
    {
      guard: 'asksForHuman',
      target: HANDING_OVER,
      actions: ['remember', pendingHandoff('asked_for_human', 'normal', copy.connectingToPerson())],
    },
    {
      guard: 'isFrustrated',
      target: HANDING_OVER,
      actions: ['remember', pendingHandoff('frustration', 'normal', copy.frustrationApology())],
    },
    urgentSecurityHandoff(),
  ] as const;
}

function choiceHandoffs() {
  return [
    {
      guard: 'asksForHuman',
      target: HANDING_OVER,
      actions: pendingHandoff('asked_for_human', 'normal', copy.connectingToPerson()),
    },
    urgentSecurityHandoff(),
  ] as const;
}

/** A flow starts, continues, switches or finishes: where the conversation goes next. */
function flowSteps() {
  return [
    { guard: { type: 'flowIs', params: { kind: 'ask' } }, target: '#conversation.bot.flow', actions: ['remember', 'resetMisses', 'runFlow'] },
    { guard: { type: 'flowIs', params: { kind: 'done' } }, target: '#conversation.bot.idle', actions: ['remember', 'resetMisses', 'runFlow'] },
    { guard: { type: 'flowIs', params: { kind: 'case' } }, target: '#conversation.bot.idle', actions: ['remember', 'resetMisses', 'runFlow'] },
    { guard: { type: 'flowIs', params: { kind: 'handoff' } }, target: HANDING_OVER, actions: ['remember', 'noteFlowHandoff', 'runFlow'] },
  ] as const;
}

/** The urgent steps (the security flow's intro), with the article's own short answer first when there is one. */
function urgentSteps(context: ConversationMachineContext, event: ConversationEvent): SayParams {
  const topic = topicOf(event);
  const answer = firstAnswer(event);
  const [steps] = securityFlow.intro(envOf(context), { intent: topic?.name ?? 'account_takeover', ...(answer ? { answer } : {}) });
  return steps ?? copy.urgentSecuritySteps(answer?.summary);
}

export type ConversationMachine = typeof conversationMachine;
