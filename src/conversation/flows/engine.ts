import type { SayParams } from '../events';
import { FLOWS, flowById } from './index';
import type { FlowDefinition, FlowEnv, FlowStart, SlotInput, SlotSpec } from './types';

/**
 * Pure helpers over FlowDefinitions. The conversation machine turns each flow into real states,
 * `bot.flow.<id>.<slot>` (flow-states.ts), and calls these from its guards and actions.
 */

/** The running flow, persisted in the machine's context (and shown to agents in the summary). */
export interface ActiveFlow {
  id: string;
  start: FlowStart;
  /** The slot the last question asked for; '' once the flow finished (a hand-off keeps it for the summary). */
  awaiting: string;
  /** The value the last question offered for the awaited slot ("Is this about order …?"), if it offered one. */
  suggested?: string | null;
  /** Slots whose offered value the customer said No to: asked plainly from then on. */
  declined?: string[];
  /** Refused answers to the awaited slot so far (the re-ask alternates its words). */
  reprompts?: number;
}

export function slotOf(flowId: string, slotName: string): SlotSpec | undefined {
  return flowById(flowId)?.slots.find((s) => s.name === slotName);
}

/**
 * The slots a flow starts with: what earlier flows collected, plus what the message that started
 * it already says (an order id or a date in it).
 */
export function prefilledSlots(def: FlowDefinition, input: SlotInput, env: FlowEnv, known: Readonly<Record<string, string>>): Record<string, string> {
  const slots = { ...known };
  for (const slot of def.slots) {
    if (slots[slot.name] !== undefined || !slot.prefill) continue;
    const value = slot.prefill(input, env);
    if (value !== undefined) slots[slot.name] = value;
  }
  return slots;
}

/** Whether `slot` is still to be asked: not collected, and its `when` holds. */
export function needsSlot(slot: SlotSpec, slots: Readonly<Record<string, string>>, start: FlowStart): boolean {
  return slots[slot.name] === undefined && (!slot.when || slot.when(slots, start));
}

/** The question for the awaited slot, asked again (after a side question such as a case status). */
export function askAgain(flow: ActiveFlow, env: FlowEnv, slots: Readonly<Record<string, string>>): SayParams | undefined {
  const slot = slotOf(flow.id, flow.awaiting);
  if (!slot) return undefined;
  if (flow.suggested && slot.suggest) return suggestionQuestion(slot.suggest.question(flow.suggested));
  return slot.ask(env, slots);
}

/** Quick-reply value of "This isn't what I need", offered under every slot question. */
export const NOT_WHAT_I_NEED = 'not_needed';
const WAY_OUT = { label: "This isn't what I need", value: NOT_WHAT_I_NEED };

/**
 * Every question a flow asks offers a way out besides Cancel: "This isn't what I need" (a miss,
 * not a dead end). Added here, so no flow can forget it.
 */
export function withWayOut(say: SayParams): SayParams {
  const replies = say.quickReplies ?? [];
  if (replies.some((r) => r.value === NOT_WHAT_I_NEED)) return say;
  const cancelAt = replies.findIndex((r) => r.value === 'cancel');
  const next = cancelAt < 0 ? [...replies, WAY_OUT] : [...replies.slice(0, cancelAt), WAY_OUT, ...replies.slice(cancelAt)];
  return { ...say, quickReplies: next };
}

/** "Is this about order 48213977?" with Yes / No (and the way out). */
export function suggestionQuestion(text: string): SayParams {
  return withWayOut({ text, quickReplies: [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }] });
}

/** The value to offer for `slot` instead of asking: an entity the conversation holds, unless declined. */
export function suggestionFor(slot: SlotSpec, flow: ActiveFlow, entities: Readonly<Record<string, { value: string }>>): string | undefined {
  if (!slot.suggest || flow.declined?.includes(slot.name)) return undefined;
  return entities[slot.suggest.entity]?.value;
}

/** Slot name → label, for the agent's view of what was collected. */
export function labelledSlots(slots: Readonly<Record<string, string>>): Record<string, { label: string; value: string }> {
  const out: Record<string, { label: string; value: string }> = {};
  for (const [name, value] of Object.entries(slots)) {
    let label = name;
    for (const def of FLOWS) {
      const found = def.slots.find((s) => s.name === name);
      if (found) {
        label = found.label;
        break;
      }
    }
    out[name] = { label, value };
  }
  return out;
}
