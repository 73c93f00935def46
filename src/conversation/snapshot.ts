import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { ConversationState } from '../protocol/customer';
import type { ConversationEvent, EscalateParams, MachineInput, OpenCaseParams, SayParams } from './events';
import { conversationMachine, type ConversationMachineContext } from './machine';

/**
 * Runs the conversation machine as a pure function over its persisted JSON: no actor, no timers,
 * nothing left running. The service stores `snapshot` with the turn's messages (one transaction)
 * and performs `effects` in order.
 *
 * @example
 * const { snapshot, effects } = startConversation({ brandName: 'Acme Pay', maxMisses: 2 });
 * // later, for each customer message (event built by the service):
 * const next = step(record.snapshot, event);
 * for (const e of next.effects) if (e.type === 'say') messages.push(e.params); else escalation = e.params;
 * await storage.commitTurn({ ..., snapshot: next.snapshot, state: stateOf(next.snapshot), escalation });
 */

/** What the service must do after a transition, in order. */
export type Effect =
  | { type: 'say'; params: SayParams }
  | { type: 'escalate'; params: EscalateParams }
  | { type: 'openCase'; params: OpenCaseParams };

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
type MachineAction = ReturnType<typeof transition<typeof conversationMachine>>[1][number];

function toEffects(actions: MachineAction[]): Effect[] {
  const effects: Effect[] = [];
  for (const a of actions) {
    if (a.type === 'say') effects.push({ type: 'say', params: a.params as SayParams });
    else if (a.type === 'escalate') effects.push({ type: 'escalate', params: a.params as EscalateParams });
    else if (a.type === 'openCase') effects.push({ type: 'openCase', params: a.params as OpenCaseParams });
  }
  return effects;
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
    value: persisted.value as MachineSnapshot['value'],
    context: persisted.context,
    status,
  });
}

/**
 * Starts a conversation: the first snapshot and the greeting.
 * @example startConversation({ brandName: 'Acme Pay', maxMisses: 2 }).effects[0]
 * // { type: 'say', params: { text: "Hi! I'm the Acme Pay assistant. ..." } }
 */
export function startConversation(input: MachineInput): StepResult {
  const [snapshot, actions] = initialTransition(conversationMachine, input);
  return { snapshot: persist(snapshot), effects: toEffects(actions) };
}

/**
 * One event through the machine, from the stored snapshot (as read back from the database).
 * Throws a TypeError when `persisted` is not a conversation snapshot (or names an unknown state).
 */
export function step(persisted: unknown, event: ConversationEvent): StepResult {
  const [snapshot, actions] = transition(conversationMachine, restore(persisted), event);
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
