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
  return slotOf(flow.id, flow.awaiting)?.ask(env, slots);
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
