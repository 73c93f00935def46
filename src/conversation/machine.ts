import { and, assign, enqueueActions, raise, setup } from 'xstate';
import { caseIdFromSeed } from '../cases/ids';
import { isCaseKind } from '../storage/cases';
import type { EscalationReason } from '../storage/types';
import type { ConversationEvent, EscalateParams, MachineInput, OpenCaseParams, SayParams, SetCaseEmailParams } from './events';
import { FLOWS, flowById, flowForIntent } from './flows';
import { askAgain, needsSlot, prefilledSlots, slotOf, suggestionFor, suggestionQuestion, withWayOut } from './flows/engine';
import { formatDate, formatMoment, isCancel, isNo, isYes, parseEmail } from './flows/slots';
import {
  type ConversationMachineContext,
  DEFAULT_ENV,
  type PendingHandoff,
  type PlannedOutcome,
  envOf,
  escalationSummary,
  firstAnswer,
  isCustomerEvent,
  mergeEntities,
  slotInput,
  topicOf,
} from './machine-context';
import { CHOICE_NO_EMAIL, copy, flowCopy } from './machine-copy';
import { intentsOfTopic, supportTopicReplies, topicLabel } from './topics';
import {
  asksForHuman,
  choiceIs,
  chosenTopic,
  clarification,
  clarificationReplies,
  freshAnswer,
  isMiss,
  isSmalltalk,
  isUnsureEmergency,
  isUrgentSecurityIntent,
  offeredTopics,
  wantsOutOfFlow,
} from './machine-policy';

/**
 * The conversation machine: what the bot says and when a person takes over, as a pure function
 * of (snapshot, event). It does no I/O: the service runs it with `transition()` (snapshot.ts) and
 * performs the effects it returns, in order, in one storage transaction. Effects are its declared
 * actions with empty implementations: `say`, `escalate`, `openCase`, and `checkAvailability`, which
 * the service answers with an AVAILABILITY event in the same turn.
 *
 * Top-level states are the wire protocol's `ConversationState`: `bot`, `queued`, `agent`,
 * `closed`. Inside `bot`, each sub-state owns its transitions:
 * - `idle`, `awaitingFeedbackOnAnswer`, `clarifying`: free text is understood the same way
 *   (`understand()`); quick replies mean what that state offered (`yes` only after an answer).
 * - `flow.<id>.<slot>`: one state per slot of every FlowDefinition (flows/), generated below;
 *   `flow.<id>.route` picks the next slot, `flow.<id>.finish` acts on the outcome planned once.
 * - `handingOver`: waits for AVAILABILITY; then `queued`, or `offline` (offer a case).
 * - `offline.offer`, `offline.email`: the case offered when no one can take the chat.
 */

export type { CollectedEntity, ConversationMachineContext, PendingHandoff } from './machine-context';
import type { CollectedEntity } from './machine-context';
export { escalationSummary } from './machine-context';

const HANDING_OVER = '#conversation.bot.handingOver';
const IDLE = '#conversation.bot.idle';
const flowTarget = (id: string) => `#conversation.bot.flow.${id}`;

/** Free-text answers win over a topic change unless the new topic is this certain. */
const FREE_TEXT_SWITCH_CONFIDENCE = 0.95;
/** A wrong answer to a typed slot ("1234" for an order id) is re-asked unless the new topic is this certain. */
const TYPED_SWITCH_CONFIDENCE = 0.8;

/** A topic change is said in words: "1234" or "€12" is a (wrong) answer, never a new topic. */
function soundsLikeATopic(event: ConversationEvent): boolean {
  return event.type === 'USER_MESSAGE' && (event.text.match(/\p{L}{2,}/gu) ?? []).length >= 2;
}

/** Params of the `noteHandoff` action. */
interface HandoffParams {
  reason: EscalationReason;
  priority: PendingHandoff['priority'];
  line: SayParams;
}
/*
 * Params of the generated flow states' guards and actions. The enqueueActions among them take
 * `unknown` and read these shapes: setup() cannot type a parameterised enqueueActions next to
 * the actions it enqueues.
 */
interface FlowParams {
  flow: string;
}
interface SlotParams {
  flow: string;
  slot: string;
}

function pendingHandoff(reason: EscalationReason, priority: PendingHandoff['priority'], line: SayParams) {
  return { type: 'noteHandoff', params: { reason, priority, line } as HandoffParams } as const;
}

/**
 * Emits a declared action from inside enqueueActions. setup() cannot type sibling actions there
 * (they are being declared), so the shape is checked here instead.
 */
function emit(
  enqueue: (action: never) => void,
  action: { type: 'say'; params: SayParams } | { type: 'openCase'; params: OpenCaseParams } | { type: 'escalate'; params: EscalateParams },
): void {
  enqueue(action as never);
}

/** The escalation a pending handoff opens, with everything collected so far. */
function escalationFromContext({ context }: { context: ConversationMachineContext }): EscalateParams {
  return {
    reason: context.handoff?.reason ?? 'asked_for_human',
    priority: context.handoff?.priority ?? 'normal',
    summary: escalationSummary(context),
  };
}

function seedOf(event: ConversationEvent): number {
  return isCustomerEvent(event) ? event.seed : 0;
}

/** The flow a confident topic of this event starts, if any. */
function flowStartedBy(event: ConversationEvent) {
  const topic = topicOf(event);
  return topic ? flowForIntent(topic.name) : undefined;
}

/** Whether the event moves a running flow to flow `to` (not a valid answer that merely mentions it). */
function switchesFlow(context: ConversationMachineContext, event: ConversationEvent, to: string): boolean {
  const running = context.flow;
  const topic = topicOf(event);
  if (!running || running.id === to || !topic || flowForIntent(topic.name)?.id !== to) return false;
  if (event.type === 'CHOICE') return true;
  if (!soundsLikeATopic(event)) return false;
  const slot = slotOf(running.id, running.awaiting);
  if (slot?.freeText) return topic.confidence >= FREE_TEXT_SWITCH_CONFIDENCE;
  const accepts = slot ? slot.parse(slotInput(event), envOf(context)).ok : false;
  return !accepts && topic.confidence >= TYPED_SWITCH_CONFIDENCE;
}

/**
 * A typed message that is simply the answer the running flow waits for ("80 euros" for the
 * amount), not a new topic, even when the model reads a topic into it: no flow, not even an
 * emergency, takes it away from the slot.
 */
function answersAwaitedSlot(context: ConversationMachineContext, event: ConversationEvent): boolean {
  const running = context.flow;
  if (!running?.awaiting || event.type !== 'USER_MESSAGE') return false;
  const slot = slotOf(running.id, running.awaiting);
  if (!slot) return false;
  if (!soundsLikeATopic(event)) return true;
  return !slot.freeText && slot.parse(slotInput(event), envOf(context)).ok;
}

/** The outcome of a finished flow, with its sentences and case (id drawn from the event's seed). */
function planOutcome(context: ConversationMachineContext, event: ConversationEvent, flowId: string): PlannedOutcome | null {
  const def = flowById(flowId);
  const flow = context.flow;
  if (!def || !flow) return null;
  const env = envOf(context);
  const slots = context.slots ?? {};
  const outcome = def.finish(slots, env, flow.start, isCustomerEvent(event) ? event.now : undefined);
  if (outcome.kind !== 'case') return outcome;
  const id = caseIdFromSeed(seedOf(event));
  const finished = { ...context, flow: { ...flow, awaiting: '' } };
  return {
    kind: 'case',
    say: outcome.say(id),
    case: { id, kind: outcome.caseKind, priority: outcome.priority, details: escalationSummary(finished) },
  };
}

const endConversation = {
  target: '#conversation.closed',
  actions: { type: 'say', params: copy.ended() },
} as const;

const backToBot = {
  target: IDLE,
  actions: [
    'resetMisses',
    'clearFlow',
    { type: 'say', params: ({ context }: { context: ConversationMachineContext }) => copy.backWithBot(context.brandName) },
  ],
} as const;

const machineSetup = setup({
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
    /** Performed by the service: store a support case, in the same commit as the message announcing it. */
    openCase: (_, _params: OpenCaseParams) => {
      // Intentionally empty: read from transition()'s actions and performed by the service.
    },
    /** Performed by the service: set the email of a case opened earlier in the chat, in the same commit. */
    setCaseEmail: (_, _params: SetCaseEmailParams) => {
      // Intentionally empty: read from transition()'s actions and performed by the service.
    },
    /** Performed by the service: ask the hand-off part whether a person can take the chat, answer with AVAILABILITY. */
    checkAvailability: (_, _params: undefined) => {
      // Intentionally empty: read from transition()'s actions and performed by the service.
    },
    /** The intent and entities of a message, or the topic a quick reply picked. */
    remember: assign(({ context, event }) => {
      if (event.type === 'USER_MESSAGE') {
        // The small-talk run goes on only while small talk goes on (replySmalltalk counts it).
        const smalltalkRun = isSmalltalk(event.intent) && !event.lowConfidence ? (context.smalltalkRun ?? 0) : 0;
        return {
          lastIntent: event.intent,
          entities: mergeEntities(context.entities, event.entities),
          offTopicRun: 0,
          smalltalkRun,
          // A second topic of this message waits to be offered once the first is answered.
          ...(event.alsoTopic && event.alsoTopic.value !== `intent:${event.intent.name}` ? { alsoTopic: event.alsoTopic } : {}),
        };
      }
      const topic = event.type === 'CHOICE' ? chosenTopic(event) : undefined;
      if (topic === undefined) return { offTopicRun: 0, smalltalkRun: 0 };
      const category = firstAnswer(event)?.article.category ?? (isUrgentSecurityIntent(topic) ? 'security' : 'unknown');
      return { lastIntent: { name: topic, category, confidence: 1 }, offTopicRun: 0, smalltalkRun: 0 };
    }),
    collectEntities: assign({
      entities: ({ context, event }) =>
        event.type === 'USER_MESSAGE' ? mergeEntities(context.entities, event.entities) : context.entities,
    }),
    rememberAnswer: assign({
      lastAnswer: ({ context, event }) => freshAnswer(context, event)?.article.id ?? context.lastAnswer,
    }),
    /** Off-topic: its own reply, not a miss; the words change each time, and from the third a person comes first. */
    replyOffTopic: enqueueActions(({ context, event, enqueue }) => {
      const run = (context.offTopicRun ?? 0) + 1;
      emit(enqueue, { type: 'say', params: copy.offTopic(run, context.brandName, supportTopicReplies()) });
      enqueue.assign({
        offTopicRun: run,
        entities: event.type === 'USER_MESSAGE' ? mergeEntities(context.entities, event.entities) : context.entities,
        lastTopics: supportTopicReplies(),
      });
    }),
    /** Small talk: a short reply; from the second in a row, the topics instead of the same line again. */
    replySmalltalk: enqueueActions(({ context, event, enqueue }) => {
      const run = (context.smalltalkRun ?? 0) + 1;
      emit(enqueue, { type: 'say', params: copy.smalltalk(event.type === 'USER_MESSAGE' ? event.intent.name : '', run, supportTopicReplies()) });
      enqueue.assign({ smalltalkRun: run });
    }),
    /** A support topic picked from the off-topic reply: its usual questions (the service prepared them). */
    offerTopicMenu: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'CHOICE') return;
      emit(enqueue, { type: 'say', params: copy.topicMenu(topicLabel(event.value) ?? 'Sure', clarificationReplies(event.topics)) });
      enqueue.assign({ lastTopics: event.topics, offTopicRun: 0 });
    }),
    /**
     * "This isn't what I need" in a flow: a miss. The flow stops (what it collected is kept) and
     * the customer is asked in their own words, with topics and a person.
     */
    leaveFlow: enqueueActions(({ context, enqueue }) => {
      // The words "not what I need" say nothing of the topic: the four support topics, not guesses.
      const topics = supportTopicReplies();
      emit(enqueue, { type: 'say', params: copy.notWhatYouNeed(clarificationReplies(topics)) });
      enqueue.assign({ flow: null, lastTopics: topics, misses: context.misses + 1 });
    }),
    /** A leading No to an answer: counted, and the rest of the message handled as a turn of its own. */
    restAfterNo: raise(({ event }) => {
      if (event.type !== 'USER_MESSAGE') return event;
      const { leadingNo: _no, ...rest } = event;
      return { ...rest, text: event.leadingNo?.rest ?? event.text };
    }),
    rememberTopics: assign({ lastTopics: ({ context, event }) => offeredTopics(context, event) }),
    countMiss: assign({ misses: ({ context }) => context.misses + 1 }),
    /** The second topic was offered (or its chance is gone): not offered again. */
    clearAlso: assign({ alsoTopic: null }),
    resetMisses: assign({ misses: 0 }),
    clearFlow: assign({ flow: null }),
    /** A person should take over; `bot.handingOver` asks whether anyone is there. */
    noteHandoff: assign({ handoff: (_, raw: unknown) => raw as HandoffParams }),
    /** Entry of `bot.flow.<id>`: the flow's intro, and the slots it starts with. */
    startFlow: enqueueActions(({ context, event, enqueue }, raw: unknown) => {
      const def = flowById((raw as FlowParams).flow);
      const topic = topicOf(event);
      if (!def || !topic) return;
      const answer = firstAnswer(event);
      const start = { intent: topic.name, ...(answer ? { answer } : {}) };
      const env = envOf(context);
      for (const say of def.intro(env, start)) emit(enqueue, { type: 'say', params: say });
      // A second topic of the message is named now and offered when the flow is done.
      // (An emergency flow ends with a person: the bot does not promise to come back to it.)
      if (context.alsoTopic) emit(enqueue, { type: 'say', params: def.interrupts ? copy.alsoAfterEmergency(context.alsoTopic) : copy.alsoAfterFlow(context.alsoTopic) });
      enqueue.assign({
        flow: { id: def.id, start, awaiting: '' },
        slots: prefilledSlots(def, slotInput(event), env, context.slots ?? {}),
        outcome: null,
      });
    }),
    /** Asks for a slot: the state `bot.flow.<id>.<slot>` is entered through this. */
    askSlot: enqueueActions(({ context, enqueue }, raw: unknown) => {
      const params = raw as SlotParams;
      const slot = slotOf(params.flow, params.slot);
      if (!slot || !context.flow) return;
      // A value the conversation already holds (the page's order id, one said earlier) is offered, not asked for.
      const suggested = suggestionFor(slot, context.flow, context.entities);
      const say = suggested && slot.suggest ? suggestionQuestion(slot.suggest.question(suggested)) : withWayOut(slot.ask(envOf(context), context.slots ?? {}));
      emit(enqueue, { type: 'say', params: say });
      enqueue.assign({ flow: { ...context.flow, awaiting: slot.name, suggested: suggested ?? null, reprompts: 0 } });
    }),
    /** Yes to "Is this about order …?": the offered value is the slot's. */
    takeSuggestion: assign(({ context }, raw: unknown) => {
      const params = raw as SlotParams;
      const value = context.flow?.suggested;
      if (!value || !context.flow) return {};
      return { slots: { ...context.slots, [params.slot]: value }, flow: { ...context.flow, suggested: null } };
    }),
    /** No to it: the slot's own question, and no offer for this slot again. */
    declineSuggestion: enqueueActions(({ context, enqueue }, raw: unknown) => {
      const params = raw as SlotParams;
      const slot = slotOf(params.flow, params.slot);
      if (!slot || !context.flow) return;
      emit(enqueue, { type: 'say', params: withWayOut(slot.ask(envOf(context), context.slots ?? {})) });
      enqueue.assign({ flow: { ...context.flow, suggested: null, declined: [...(context.flow.declined ?? []), slot.name] } });
    }),
    storeSlot: assign({
      slots: ({ context, event }, raw: unknown) => {
        const params = raw as SlotParams;
        const parsed = slotOf(params.flow, params.slot)?.parse(slotInput(event), envOf(context));
        return parsed?.ok ? { ...context.slots, [params.slot]: parsed.value } : (context.slots ?? {});
      },
      flow: ({ context }) => (context.flow ? { ...context.flow, suggested: null } : null),
    }),
    /**
     * A refused answer: the parser's re-ask, and the next time the question itself in other words,
     * alternating, so the same sentence never comes twice in a row.
     */
    reprompt: enqueueActions(({ context, event, enqueue }, raw: unknown) => {
      const params = raw as SlotParams;
      const slot = slotOf(params.flow, params.slot);
      const parsed = slot?.parse(slotInput(event), envOf(context));
      if (!slot || !parsed || parsed.ok || !context.flow) return;
      const times = context.flow.reprompts ?? 0;
      const ask = slot.ask(envOf(context), context.slots ?? {});
      const say = times % 2 === 0 ? parsed.reprompt : { ...ask, text: `Sorry, I still can't use that. ${ask.text}` };
      emit(enqueue, { type: 'say', params: withWayOut(say) });
      enqueue.assign({ flow: { ...context.flow, reprompts: times + 1 } });
    }),
    planOutcome: assign({ outcome: ({ context, event }, raw: unknown) => planOutcome(context, event, (raw as FlowParams).flow) }),
    /** Says the planned outcome, opens its case, and records where the conversation stands. */
    finishFlow: enqueueActions(({ context, enqueue }) => {
      const outcome = context.outcome;
      if (!outcome) return;
      for (const say of outcome.say) emit(enqueue, { type: 'say', params: say });
      if (outcome.kind === 'handoff') {
        // The person sees the whole message; a second topic is theirs now.
        enqueue.assign({ alsoTopic: null });
        const line = outcome.reason === 'urgent_security' ? copy.urgentHandover() : flowCopy.passingOn();
        // Still "in" the flow for the agent's summary: which one, and everything it collected.
        enqueue.assign({
          handoff: { reason: outcome.reason, priority: outcome.priority, line },
          flow: context.flow ? { ...context.flow, awaiting: '' } : null,
          outcome: null,
        });
        return;
      }
      if (outcome.kind === 'case') emit(enqueue, { type: 'openCase', params: outcome.case });
      if (context.alsoTopic) emit(enqueue, { type: 'say', params: copy.alsoNow(context.alsoTopic) });
      // The case (if any) carries the slots now; a later flow starts afresh.
      enqueue.assign({ flow: null, slots: {}, outcome: null, alsoTopic: null });
    }),
    sayCaseStatus: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'USER_MESSAGE' || !event.caseStatus) return;
      const s = event.caseStatus;
      emit(enqueue, {
        type: 'say',
        params: s.found ? flowCopy.caseStatus(s.caseId, s.kind, s.status, formatDate(s.followUpBy), envOf(context).emailEnabled === true) : flowCopy.caseNotFound(s.caseId, envOf(context).emailEnabled === true),
      });
      if (context.flow) {
        const again = askAgain(context.flow, envOf(context), context.slots ?? {});
        if (again) emit(enqueue, { type: 'say', params: again });
      }
    }),
    /**
     * Nobody can take the chat: the hand-off is recorded all the same (an escalation marked unmet,
     * with its reason and urgency), and the case is opened at once from what was collected (the
     * flow's own kind when it has one), so a customer who leaves now still has one. Without an
     * email in the conversation, the next turn asks for one to add to that case.
     */
    startOffline: enqueueActions(({ context, event, enqueue }) => {
      const flowId = context.flow?.id;
      const kind = flowById(flowId ?? '')?.caseKind ?? (isCaseKind(flowId) ? flowId : 'offline');
      const priority = context.handoff?.priority ?? 'normal';
      const env = envOf(context);
      const email = context.entities.email?.value;
      const open = context.offlineCaseId;
      if (open) {
        // A case from an earlier hand-off nobody could take is still the one the team picks up: no second case.
        const again = (context.offlineAgain ?? 0) + 1;
        emit(enqueue, { type: 'say', params: flowCopy.stillNobody(open, env.caseFollowUpHours, again) });
        emit(enqueue, { type: 'escalate', params: { ...escalationFromContext({ context }), unmet: true } });
        enqueue.assign({ offline: null, handoff: null, offlineAgain: again, alsoTopic: null });
        return;
      }
      const id = caseIdFromSeed(event.type === 'AVAILABILITY' ? (event.seed ?? 0) : seedOf(event));
      emit(enqueue, {
        type: 'say',
        params: flowCopy.nobodyThere(env.caseFollowUpHours, {
          ...(event.type === 'AVAILABILITY' && event.nextOpening !== undefined ? { nextOpening: formatMoment(event.nextOpening) } : {}),
          frustrated: context.handoff?.reason === 'frustration',
          caseId: id,
          ...(email !== undefined ? { email } : {}),
          emailEnabled: env.emailEnabled === true,
        }),
      });
      emit(enqueue, { type: 'escalate', params: { ...escalationFromContext({ context }), unmet: true } });
      emit(enqueue, { type: 'openCase', params: { id, kind, priority, details: escalationSummary(context), ...(email !== undefined ? { email } : {}) } });
      // The case carries the slots now; a later flow starts afresh.
      enqueue.assign({ offline: email === undefined ? { kind, priority, caseId: id } : null, offlineCaseId: id, handoff: null, flow: null, slots: {}, alsoTopic: null });
    }),
    /** The email for the case opened at the hand-off: added to it (with a mailer, its confirmation goes out then). */
    addCaseEmail: enqueueActions(({ context, event, enqueue }) => {
      const caseId = context.offline?.caseId;
      const typed = event.type === 'USER_MESSAGE' ? parseEmail(slotInput(event)) : undefined;
      if (!caseId || !typed?.ok) return;
      const env = envOf(context);
      emit(enqueue, { type: 'say', params: flowCopy.caseEmailAdded(caseId, typed.value, env.caseFollowUpHours, env.emailEnabled === true) });
      enqueue({ type: 'setCaseEmail', params: { caseId, email: typed.value } } as never);
      enqueue.assign({ offline: null });
    }),
    /** No email for the case opened at the hand-off (Skip, no, or not an email twice): its status is asked for here. */
    keepCaseWithoutEmail: enqueueActions(({ context, enqueue }) => {
      const caseId = context.offline?.caseId;
      if (!caseId) return;
      emit(enqueue, { type: 'say', params: flowCopy.caseWithoutEmail(caseId) });
      enqueue.assign({ offline: null });
    }),
    /** Opens the case of a hand-off nobody could take: with the email given now or earlier, or without one. */
    openOfflineCase: enqueueActions(({ context, event, enqueue }) => {
      const typed = event.type === 'USER_MESSAGE' ? parseEmail(slotInput(event)) : undefined;
      const email = typed?.ok ? typed.value : context.entities.email?.value;
      const id = caseIdFromSeed(seedOf(event));
      const env = envOf(context);
      emit(enqueue, {
        type: 'say',
        params: email ? flowCopy.offlineCaseOpened(id, email, env.caseFollowUpHours, env.emailEnabled === true) : flowCopy.offlineCaseNoEmail(id, env.caseFollowUpHours),
      });
      emit(enqueue, {
        type: 'openCase',
        params: {
          id,
          kind: context.offline?.kind ?? 'offline',
          priority: context.offline?.priority ?? 'normal',
          details: escalationSummary(context),
          ...(email ? { email } : {}),
        },
      });
      enqueue.assign({ offline: null, flow: null, slots: {} });
    }),
    /** Not an email the first time: asked once more (Skip offered); the second time the case is opened without one. */
    retryEmail: enqueueActions(({ context, enqueue }) => {
      emit(enqueue, { type: 'say', params: flowCopy.badEmail() });
      enqueue.assign({ offline: context.offline ? { ...context.offline, retried: true } : null });
    }),
    clearOffline: assign({ offline: null, flow: null }),
  },
  guards: {
    /** "Talk to a person", typed (and understood) or clicked. */
    asksForHuman: ({ event }) =>
      event.type === 'USER_MESSAGE' ? asksForHuman(event) : event.type === 'CHOICE' && choiceIs(event, 'human'),
    isFrustrated: ({ event }) => event.type === 'USER_MESSAGE' && event.frustrated,
    isMiss: ({ context, event }) => event.type === 'USER_MESSAGE' && isMiss(context, event),
    isOffTopic: ({ event }) => event.type === 'USER_MESSAGE' && event.offTopic === true,
    /** The message began with a No (after an answer, that No is a miss). */
    saidNoFirst: ({ event }) => event.type === 'USER_MESSAGE' && event.leadingNo !== undefined,
    /** …and said more after it, to be understood as a turn of its own. */
    saidMoreAfterNo: ({ event }) => event.type === 'USER_MESSAGE' && (event.leadingNo?.rest ?? '') !== '',
    choseCategory: ({ event }) => event.type === 'CHOICE' && intentsOfTopic(event.value) !== undefined,
    wantsOutOfFlow: ({ event }) => wantsOutOfFlow(event),
    /** A No to a slot that asks whether the answer helped (`answerFeedback`): a No to an answer. */
    noToAnswerSlot: ({ context, event }, params: SlotParams) => {
      const slot = slotOf(params.flow, params.slot);
      if (!slot?.answerFeedback) return false;
      const parsed = slot.parse(slotInput(event), envOf(context));
      return parsed.ok && parsed.value === 'no';
    },
    /** A Yes to the value the slot question offered ("Is this about order …?"). */
    takesSuggestion: ({ context, event }) => Boolean(context.flow?.suggested) && isCustomerEvent(event) && isYes(slotInput(event)),
    /** A No to it (and not an answer in its own right, like another order id). */
    declinesSuggestion: ({ context, event }, params: SlotParams) =>
      Boolean(context.flow?.suggested) &&
      isCustomerEvent(event) &&
      isNo(slotInput(event)) &&
      slotOf(params.flow, params.slot)?.parse(slotInput(event), envOf(context)).ok !== true,
    noEmail: ({ event }) => event.type === 'CHOICE' && (event.value === CHOICE_NO_EMAIL || event.value === 'no' || event.value === 'cancel'),
    /** "skip", "no", "I'd rather not", "I don't have one" typed to the email question. */
    declinesEmail: ({ event }) =>
      event.type === 'USER_MESSAGE' &&
      (isNo(slotInput(event)) || isCancel(slotInput(event)) || /^\s*(?:skip|no email|none|(?:i'?d )?rather not|i don'?t have (?:one|an? email))\b/i.test(event.text)),
    emailKnown: ({ context }) => context.entities.email !== undefined,
    /** The case of the hand-off was opened at the hand-off (the email only goes on it). */
    caseOpened: ({ context }) => context.offline?.caseId !== undefined,
    /** A hand-off nobody could take already opened a case in this conversation. */
    offlineCaseOpen: ({ context }) => Boolean(context.offlineCaseId),
    retriedEmail: ({ context }) => context.offline?.retried === true,
    /** Checked before the miss is counted: would this miss reach the limit? */
    missLimitReached: ({ context }) => context.misses + 1 >= context.maxMisses,
    isSmalltalk: ({ event }) => event.type === 'USER_MESSAGE' && isSmalltalk(event.intent),
    choseYes: ({ event }) => event.type === 'CHOICE' && choiceIs(event, 'yes'),
    choseYesOrNo: ({ event }) => event.type === 'CHOICE' && (choiceIs(event, 'yes') || choiceIs(event, 'no')),
    choseAnsweredTopic: ({ event }) => event.type === 'CHOICE' && choiceIs(event, 'topic') && event.answers.length > 0,
    /** A confident topic (typed or picked) that starts this flow. */
    startsFlow: ({ context, event }, params: FlowParams) =>
      flowStartedBy(event)?.id === params.flow && !answersAwaitedSlot(context, event) && !(event.type === 'USER_MESSAGE' && isUnsureEmergency(event)),
    /** A confident topic that moves the running flow to flow `flow`. */
    switchesFlow: ({ context, event }, params: FlowParams) => switchesFlow(context, event, params.flow),
    needsSlot: ({ context }, params: SlotParams) => {
      const slot = slotOf(params.flow, params.slot);
      return slot !== undefined && context.flow !== null && context.flow !== undefined && needsSlot(slot, context.slots ?? {}, context.flow.start);
    },
    slotAccepts: ({ context, event }, params: SlotParams) =>
      slotOf(params.flow, params.slot)?.parse(slotInput(event), envOf(context)).ok === true,
    outcomeIsHandoff: ({ context }) => context.outcome?.kind === 'handoff',
    isCancel: ({ event }) =>
      (event.type === 'USER_MESSAGE' && isCancel({ text: event.text })) || (event.type === 'CHOICE' && isCancel({ choice: event.value })),
    asksCaseStatus: ({ event }) => event.type === 'USER_MESSAGE' && event.caseStatus !== undefined,
    nobodyAvailable: ({ event }) => event.type === 'AVAILABILITY' && !event.available,
    saysYes: ({ event }) => isCustomerEvent(event) && isYes(slotInput(event)),
    saysNo: ({ event }) => isCustomerEvent(event) && (isNo(slotInput(event)) || isCancel(slotInput(event)) || (event.type === 'CHOICE' && event.value === CHOICE_NO_EMAIL)),
    hasEmail: ({ event }) => event.type === 'USER_MESSAGE' && parseEmail(slotInput(event)).ok,
  },
});

/** Rules that win over anything else a state does: a person, an emergency flow, frustration. */
function interruptions(except?: string) {
  return [
    {
      guard: 'asksForHuman',
      target: HANDING_OVER,
      actions: ['remember', pendingHandoff('asked_for_human', 'normal', copy.connectingToPerson())],
    },
    // An emergency wins over anger: a furious "I did not buy this!!!" still gets the protective
    // steps and an urgent hand-off, not a normal one for frustration.
    ...emergencyStarts(except),
    {
      guard: 'isFrustrated',
      target: HANDING_OVER,
      actions: ['remember', pendingHandoff('frustration', 'normal', copy.frustrationApology())],
    },
  ] as const;
}

/** Starts flow `id` when the event's confident topic is one of its intents. */
function startFlowRule<const A extends readonly string[]>(id: string, actions: A) {
  return { guard: { type: 'startsFlow', params: { flow: id } }, target: flowTarget(id), actions } as const;
}

/** Flows marked `interrupts` (security): started before anything else, from anywhere in the bot. */
function emergencyStarts(except?: string) {
  return FLOWS.filter((f) => f.interrupts && f.id !== except).map((f) => startFlowRule(f.id, ['remember', 'rememberAnswer']));
}

/** Any flow a confident topic starts (the state's entry runs the intro). */
function flowStarts() {
  return FLOWS.map((f) => startFlowRule(f.id, ['remember']));
}

/** A miss: clarify with topics, or after too many, a person. */
function missRules() {
  return [
    {
      guard: 'missLimitReached',
      target: HANDING_OVER,
      actions: ['remember', 'countMiss', pendingHandoff('low_confidence', 'normal', copy.handingOverAfterMisses())],
    },
    {
      target: '#conversation.bot.clarifying',
      actions: [
        'remember',
        'countMiss',
        'rememberTopics',
        { type: 'say', params: ({ context, event }: { context: ConversationMachineContext; event: ConversationEvent }) => clarification(context, event) },
      ],
    },
  ] as const;
}

/** An answer from the knowledge base (never the article just given), then "Did this answer your question?". */
const answerActions = [
  'remember',
  {
    type: 'say',
    params: ({ context, event }: { context: ConversationMachineContext; event: ConversationEvent }) => {
      const answer = freshAnswer(context, event);
      return { text: answer?.summary ?? '', ...(answer ? { article: answer.article } : {}) };
    },
  },
  'rememberAnswer',
  // A second topic the same message raised is offered here, beside Yes / No: never dropped.
  {
    type: 'say',
    params: ({ context }: { context: ConversationMachineContext }) => (context.alsoTopic ? copy.didThisHelpAlso(context.alsoTopic) : copy.didThisHelp()),
  },
  'clearAlso',
] as const;

/** What free text means outside a flow. Order matters: the first rule that matches wins. */
function understand() {
  return [
    ...interruptions(),
    { guard: 'asksCaseStatus', target: IDLE, actions: 'sayCaseStatus' },
    ...flowStarts(),
    // Off-topic is not a miss: its own reply (what the bot can help with, the four topics, a person).
    { guard: 'isOffTopic', target: IDLE, actions: 'replyOffTopic' },
    { guard: and(['isMiss', 'missLimitReached']), target: HANDING_OVER, actions: missRules()[0].actions },
    { guard: 'isMiss', ...missRules()[1] },
    {
      guard: 'isSmalltalk',
      target: IDLE,
      actions: ['replySmalltalk', 'remember'],
    },
    // Confident, with an answer (isMiss covered "confident but nothing to answer").
    { target: '#conversation.bot.awaitingFeedbackOnAnswer', actions: answerActions },
  ] as const;
}

/** What a quick-reply click means outside a flow, once the state's own replies (yes/no) are handled. */
function choose() {
  return [
    { guard: 'asksForHuman', target: HANDING_OVER, actions: pendingHandoff('asked_for_human', 'normal', copy.connectingToPerson()) },
    ...emergencyStarts(),
    ...flowStarts(),
    { guard: 'choseCategory', target: '#conversation.bot.clarifying', actions: 'offerTopicMenu' },
    { guard: 'choseAnsweredTopic', target: '#conversation.bot.awaitingFeedbackOnAnswer', actions: answerActions },
    // Everything else is a miss: "no", a topic without an answer, an unknown value.
    ...missRules(),
  ] as const;
}

const gladItHelped = { guard: 'choseYes', target: IDLE, actions: [{ type: 'say', params: copy.gladItHelped() }] } as const;

/**
 * A typed reply to "Did this answer your question?" that begins with a No: the No is a miss
 * (the second one in the conversation hands over), and whatever follows it is understood as a
 * turn of its own, raised as a new message without the No.
 */
function noThenRest() {
  return [
    ...interruptions(),
    { guard: and(['saidNoFirst', 'missLimitReached']), target: HANDING_OVER, actions: missRules()[0].actions },
    { guard: and(['saidNoFirst', 'saidMoreAfterNo']), target: IDLE, actions: ['countMiss', 'restAfterNo'] },
    {
      guard: 'saidNoFirst',
      target: '#conversation.bot.clarifying',
      actions: ['remember', 'countMiss', 'rememberTopics', { type: 'say', params: ({ context, event }: { context: ConversationMachineContext; event: ConversationEvent }) => copy.didNotHelp(clarificationReplies(offeredTopics(context, event).filter((t) => t.value !== `intent:${context.lastIntent?.name}`))) }],
    },
    ...understand(),
  ] as const;
}

/** One slot of one flow: the customer's answer, or anything that comes before it. */
function slotState(flowId: string, slot: string) {
  const params = { flow: flowId, slot };
  const cancel = { guard: 'isCancel', target: IDLE, actions: [{ type: 'say', params: flowCopy.cancelled() }, 'clearFlow'] } as const;
  const switches = FLOWS.filter((f) => f.id !== flowId).map(
    (f) => ({ guard: { type: 'switchesFlow', params: { flow: f.id } }, target: flowTarget(f.id), actions: ['remember'] }) as const,
  );
  const suggestion = [
    { guard: 'takesSuggestion', target: 'route', actions: ['remember', { type: 'takeSuggestion', params }] },
    { guard: { type: 'declinesSuggestion', params }, actions: ['remember', { type: 'declineSuggestion', params }] },
  ] as const;
  // "This isn't what I need" and a refused answer are misses: the second in the conversation hands over.
  const wayOut = [
    { guard: and(['wantsOutOfFlow', 'missLimitReached']), target: HANDING_OVER, actions: missRules()[0].actions },
    { guard: 'wantsOutOfFlow', target: '#conversation.bot.clarifying', actions: ['remember', 'leaveFlow'] },
  ] as const;
  // "Did that sort it out?" No: a No to an answer. With more after the No, the flow stops and the rest is a new message.
  const noToAnswer = [
    { guard: and([{ type: 'noToAnswerSlot', params }, 'missLimitReached']), target: HANDING_OVER, actions: [{ type: 'storeSlot', params }, ...missRules()[0].actions] },
    { guard: and([{ type: 'noToAnswerSlot', params }, 'saidMoreAfterNo']), target: IDLE, actions: ['countMiss', 'clearFlow', 'restAfterNo'] },
    { guard: { type: 'noToAnswerSlot', params }, target: 'route', actions: ['remember', 'countMiss', { type: 'storeSlot', params }] },
  ] as const;
  const answer = [
    ...noToAnswer,
    { guard: { type: 'slotAccepts', params }, target: 'route', actions: ['remember', { type: 'storeSlot', params }] },
    { guard: 'missLimitReached', target: HANDING_OVER, actions: missRules()[0].actions },
    { actions: ['remember', 'countMiss', { type: 'reprompt', params }] },
  ] as const;
  return {
    on: {
      USER_MESSAGE: [...interruptions(flowId), cancel, ...wayOut, { guard: 'asksCaseStatus', actions: 'sayCaseStatus' }, ...suggestion, ...switches, ...answer],
      CHOICE: [
        cancel,
        ...wayOut,
        { guard: 'asksForHuman', target: HANDING_OVER, actions: pendingHandoff('asked_for_human', 'normal', copy.connectingToPerson()) },
        ...emergencyStarts(flowId),
        ...suggestion,
        ...switches,
        ...answer,
      ],
    },
  } as const;
}

/** `bot.flow.<id>`: entered through `startFlow`; `route` asks the next slot still needed, else `finish`. */
function flowStates() {
  return Object.fromEntries(
    FLOWS.map((def) => {
      const states = Object.fromEntries(def.slots.map((slot) => [slot.name, slotState(def.id, slot.name)]));
      const route = {
        always: [
          ...def.slots.map(
            (slot) =>
              ({
                guard: { type: 'needsSlot', params: { flow: def.id, slot: slot.name } },
                target: slot.name,
                actions: { type: 'askSlot', params: { flow: def.id, slot: slot.name } },
              }) as const,
          ),
          { target: 'finish', actions: { type: 'planOutcome', params: { flow: def.id } } } as const,
        ],
      };
      const finish = {
        always: [
          { guard: 'outcomeIsHandoff', target: HANDING_OVER, actions: 'finishFlow' },
          { target: IDLE, actions: 'finishFlow' },
        ],
      } as const;
      return [def.id, { entry: { type: 'startFlow', params: { flow: def.id } }, initial: 'route', states: { ...states, route, finish } }] as const;
    }),
  );
}

export const conversationMachine = machineSetup.createMachine({
  id: 'conversation',
  context: ({ input }) => ({
    brandName: input.brandName,
    maxMisses: Math.max(1, Math.floor(input.maxMisses)),
    misses: 0,
    lastIntent: null,
    lastAnswer: null,
    // The page's order id (hello context), offered when a flow needs one: "Is this about order …?".
    entities: (input.orderId ? { order_id: { value: input.orderId, text: input.orderId } } : {}) as Record<string, CollectedEntity>,
    lastTopics: [],
    offTopicRun: 0,
    env: {
      orderIdPattern: input.orderIdPattern ?? DEFAULT_ENV.orderIdPattern,
      refundWaitDays: input.refundWaitDays ?? DEFAULT_ENV.refundWaitDays,
      caseFollowUpHours: input.caseFollowUpHours ?? DEFAULT_ENV.caseFollowUpHours,
      emailEnabled: input.emailEnabled === true,
    },
    flow: null,
    slots: {},
    handoff: null,
    offline: null,
    outcome: null,
  }),
  // Root entry runs once, on the initial transition: coming back to `bot` later does not greet again.
  entry: { type: 'say', params: ({ context }) => copy.greeting(context.brandName) },
  initial: 'bot',
  states: {
    bot: {
      initial: 'idle',
      states: {
        idle: {
          on: { USER_MESSAGE: understand(), CHOICE: [gladItHelped, ...choose()] },
        },
        /** An answer was given with "Did this answer your question?": Yes / No belong here. */
        awaitingFeedbackOnAnswer: {
          on: { USER_MESSAGE: noThenRest(), CHOICE: [gladItHelped, ...choose()] },
        },
        /** Topics were offered after a miss. A Yes/No clicked now answers nothing: the topics again. */
        clarifying: {
          on: {
            USER_MESSAGE: understand(),
            CHOICE: [
              { guard: 'choseYesOrNo', actions: { type: 'say', params: ({ context }) => copy.pickATopic(clarificationReplies(context.lastTopics)) } },
              ...choose(),
            ],
          },
        },
        /** A guided flow: `bot.flow.<id>.<slot>` waits for that slot's answer (flows/). */
        // Always entered at a given flow (xstate needs an initial child all the same).
        flow: { initial: FLOWS[0]!.id, states: flowStates() },
        /** A person should take over: the service answers `checkAvailability` with AVAILABILITY in the same turn. */
        handingOver: {
          entry: 'checkAvailability',
          on: {
            AVAILABILITY: [
              // Nobody there: recorded as an unmet hand-off, and the case opened at once; without an email, one is asked for it.
              { guard: and(['nobodyAvailable', 'offlineCaseOpen']), target: IDLE, actions: 'startOffline' },
              { guard: and(['nobodyAvailable', 'emailKnown']), target: IDLE, actions: 'startOffline' },
              { guard: 'nobodyAvailable', target: 'offline.email', actions: 'startOffline' },
              {
                target: '#conversation.queued',
                actions: [
                  { type: 'say', params: ({ context }) => context.handoff?.line ?? copy.connectingToPerson() },
                  { type: 'escalate', params: escalationFromContext },
                  // The person sees the whole conversation: a second topic still waiting is theirs now.
                  assign({ handoff: null, alsoTopic: null }),
                ],
              },
            ],
          },
        },
        /** No agent available: the email for the case opened at the hand-off (`offer` only resumes snapshots stored before the case opened unasked). */
        offline: {
          initial: 'offer',
          states: {
            offer: {
              on: {
                USER_MESSAGE: [
                  { guard: 'hasEmail', target: IDLE, actions: 'openOfflineCase' },
                  { guard: 'saysNo', target: IDLE, actions: [{ type: 'say', params: flowCopy.offlineDeclined() }, 'clearOffline'] },
                  { guard: 'saysYes', target: 'email', actions: { type: 'say', params: flowCopy.askEmail() } },
                ],
                CHOICE: [
                  { guard: 'saysYes', target: 'email', actions: { type: 'say', params: flowCopy.askEmail() } },
                  { guard: 'saysNo', target: IDLE, actions: [{ type: 'say', params: flowCopy.offlineDeclined() }, 'clearOffline'] },
                ],
              },
            },
            /**
             * Which email should the team reply to? The case is already open: an email is added to
             * it; Skip / no leaves it without one; anything else is asked once more. (Snapshots
             * stored before cases opened at the hand-off open the case here instead.)
             */
            email: {
              on: {
                USER_MESSAGE: [
                  { guard: and(['caseOpened', 'hasEmail']), target: IDLE, actions: 'addCaseEmail' },
                  { guard: and(['caseOpened', 'declinesEmail']), target: IDLE, actions: 'keepCaseWithoutEmail' },
                  { guard: and(['caseOpened', 'retriedEmail']), target: IDLE, actions: 'keepCaseWithoutEmail' },
                  { guard: 'hasEmail', target: IDLE, actions: 'openOfflineCase' },
                  { guard: 'declinesEmail', target: IDLE, actions: 'openOfflineCase' },
                  { guard: 'retriedEmail', target: IDLE, actions: 'openOfflineCase' },
                  { actions: 'retryEmail' },
                ],
                // Any other click (an old button) gets the question again: nothing goes unanswered.
                CHOICE: [
                  { guard: and(['caseOpened', 'noEmail']), target: IDLE, actions: 'keepCaseWithoutEmail' },
                  { guard: 'noEmail', target: IDLE, actions: 'openOfflineCase' },
                  { actions: { type: 'say', params: flowCopy.askEmail() } },
                ],
              },
            },
          },
        },
      },
      on: {
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

export type ConversationMachine = typeof conversationMachine;
