import { createActor, type ActorScope, type AnyEventObject, type SnapshotFrom } from 'xstate';
import type { ConversationState } from '../protocol/customer';
import type { ConversationEvent, EscalateParams, MachineInput, OpenCaseParams, SayParams, SetCaseEmailParams } from './events';
import { conversationMachine, type ConversationMachineContext } from './machine';

/**
 * Runs the conversation machine as a pure function over its persisted JSON: no actor, no timers,
 * nothing left running. One event is one transition: the service stores `snapshot` with the
 * turn's messages (one transaction) and performs `effects` in order; a `checkAvailability`
 * effect is answered with an AVAILABILITY event, a second transition in the same turn.
 *
 * @example
 * const { snapshot, effects } = startConversation({ brandName: 'Acme Pay', maxMisses: 2 });
 * // later, for each customer message (event built by the service):
 * let next = step(record.snapshot, event);
 * if (next.effects.some((e) => e.type === 'checkAvailability')) next = step(next.snapshot, { type: 'AVAILABILITY', available: true });
 * await storage.commitTurn({ ..., snapshot: next.snapshot, state: stateOf(next.snapshot), escalation });
 */

/** What the service must do after a transition, in order. */
export type Effect =
  | { type: 'say'; params: SayParams }
  | { type: 'escalate'; params: EscalateParams }
  | { type: 'openCase'; params: OpenCaseParams }
  /** Set the email of a case opened earlier in this conversation (written with the turn). */
  | { type: 'setCaseEmail'; params: SetCaseEmailParams }
  /** Ask whether a person can take the chat; answer with an AVAILABILITY event. */
  | { type: 'checkAvailability' };

/** The machine's persisted snapshot: plain JSON (`JSON.parse(JSON.stringify(s))` restores it as is). */
export interface PersistedConversation {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: string | Record<string, unknown>;
  context: ConversationMachineContext;
  [key: string]: unknown;
}

export interface StepResult {
  snapshot: PersistedConversation;
  effects: Effect[];
}

const TOP_LEVEL: readonly ConversationState[] = ['bot', 'queued', 'agent', 'closed'];

type MachineSnapshot = SnapshotFrom<typeof conversationMachine>;
interface ExecutableAction {
  type: string;
  params?: unknown;
}

function toEffects(actions: ExecutableAction[]): Effect[] {
  const effects: Effect[] = [];
  for (const a of actions) {
    if (a.type === 'say') effects.push({ type: 'say', params: a.params as SayParams });
    else if (a.type === 'escalate') effects.push({ type: 'escalate', params: a.params as EscalateParams });
    else if (a.type === 'openCase') effects.push({ type: 'openCase', params: a.params as OpenCaseParams });
    else if (a.type === 'setCaseEmail') effects.push({ type: 'setCaseEmail', params: a.params as SetCaseEmailParams });
    else if (a.type === 'checkAvailability') effects.push({ type: 'checkAvailability' });
  }
  return effects;
}

/**
 * One inert actor scope for every transition. xstate's `transition()` builds a throwaway actor
 * per call (which runs the machine's initial state, context factory included); the machine is
 * pure and synchronous, so one scope serves all calls: each call only swaps in its own collector
 * of executable actions. Created on first use and immutable afterwards apart from that collector.
 */
let scope: ActorScope<MachineSnapshot, AnyEventObject> | undefined;
function collect(run: (scope: ActorScope<MachineSnapshot, AnyEventObject>) => MachineSnapshot): [MachineSnapshot, ExecutableAction[]] {
  if (!scope) {
    const self = createActor(conversationMachine, { input: { brandName: '', maxMisses: 1 } });
    scope = {
      self: self as unknown as ActorScope<MachineSnapshot, AnyEventObject>['self'],
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      system: self.system,
      stopChild: () => {},
      emit: () => {},
      actionExecutor: () => {},
    };
  }
  const actions: ExecutableAction[] = [];
  scope.actionExecutor = (action) => actions.push(action);
  try {
    return [run(scope), actions];
  } finally {
    scope.actionExecutor = () => {};
  }
}

function persist(snapshot: MachineSnapshot): PersistedConversation {
  return conversationMachine.getPersistedSnapshot(snapshot) as unknown as PersistedConversation;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function assertPersisted(persisted: unknown): asserts persisted is PersistedConversation {
  if (!isRecord(persisted) || !isRecord(persisted.context)) {
    throw new TypeError('not a persisted conversation snapshot: expected an object with "value" and "context"');
  }
  const v = persisted.value;
  if (typeof v !== 'string' && !isRecord(v)) {
    throw new TypeError('not a persisted conversation snapshot: "value" must be a state value');
  }
}

/**
 * Rebuilds a live snapshot from its JSON without starting an actor. The machine invokes and
 * spawns nothing, so value + context (+ status) is the whole state.
 */
function restore(persisted: unknown): MachineSnapshot {
  assertPersisted(persisted);
  const status = persisted.status === 'done' || persisted.status === 'error' || persisted.status === 'stopped'
    ? persisted.status
    : 'active';
  return conversationMachine.resolveState({
    value: upgradeValue(persisted) as MachineSnapshot['value'],
    context: persisted.context,
    status,
  });
}

/**
 * Snapshots stored before flows were states say `{ bot: 'flow' }` with the flow in the context;
 * they resume in the state of the slot that flow was waiting for.
 */
function upgradeValue(persisted: PersistedConversation): PersistedConversation['value'] {
  const v = persisted.value;
  const flow = persisted.context.flow;
  if (isRecord(v) && v.bot === 'flow' && flow && flow.awaiting) return { bot: { flow: { [flow.id]: flow.awaiting } } };
  return v;
}

/**
 * Starts a conversation: the first snapshot and the greeting.
 * @example startConversation({ brandName: 'Acme Pay', maxMisses: 2 }).effects[0]
 * // { type: 'say', params: { text: "Hi! I'm the Acme Pay assistant. ..." } }
 */
export function startConversation(input: MachineInput): StepResult {
  const [snapshot, actions] = collect((scope) => conversationMachine.getInitialSnapshot(scope, input));
  return { snapshot: persist(snapshot), effects: toEffects(actions) };
}

/**
 * One event through the machine, from the stored snapshot (as read back from the database).
 * Throws a TypeError when `persisted` is not a conversation snapshot (or names an unknown state).
 */
export function step(persisted: unknown, event: ConversationEvent): StepResult {
  const [snapshot, actions] = collect((scope) => conversationMachine.transition(restore(persisted), event, scope));
  return { snapshot: persist(snapshot), effects: toEffects(actions) };
}

/** The top-level state (the wire protocol's `ConversationState`) of a persisted snapshot. */
export function stateOf(persisted: unknown): ConversationState {
  assertPersisted(persisted);
  const v = persisted.value;
  const top = typeof v === 'string' ? v : Object.keys(v)[0];
  const found = TOP_LEVEL.find((s) => s === top);
  if (!found) throw new TypeError(`not a persisted conversation snapshot: unknown state "${String(top)}"`);
  return found;
}

/** The full state path, e.g. `bot.clarifying` or `queued`, for logs and tests. */
export function statePathOf(persisted: unknown): string {
  assertPersisted(persisted);
  const path: string[] = [];
  let v: unknown = persisted.value;
  while (isRecord(v)) {
    const [key] = Object.keys(v);
    if (key === undefined) break;
    path.push(key);
    v = v[key];
  }
  if (typeof v === 'string') path.push(v);
  return path.join('.');
}
