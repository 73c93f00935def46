import type { SayParams } from '../events';
import { FLOWS, flowById } from './index';
import type { FlowDefinition, FlowEnv, FlowOutcome, FlowStart, SlotInput } from './types';

/**
 * Runs any FlowDefinition as pure functions over JSON state, so the conversation machine keeps
 * one `bot.flow` state for all flows and a snapshot restores mid-flow after a restart.
 */

/** The running flow, persisted in the machine's context. */
export interface ActiveFlow {
  id: string;
  start: FlowStart;
  /** The slot the last question asked for. */
  awaiting: string;
}

export type FlowAdvance =
  | { kind: 'ask'; flow: ActiveFlow; slots: Record<string, string>; say: SayParams[] }
  | { kind: 'finish'; flowId: string; start: FlowStart; slots: Record<string, string>; say: SayParams[]; outcome: FlowOutcome };

/** The next question, or the outcome once nothing is left to ask. */
function next(def: FlowDefinition, start: FlowStart, slots: Record<string, string>, env: FlowEnv, say: SayParams[], now?: number): FlowAdvance {
  for (const slot of def.slots) {
    if (slots[slot.name] !== undefined) continue;
    if (slot.when && !slot.when(slots, start)) continue;
    return { kind: 'ask', flow: { id: def.id, start, awaiting: slot.name }, slots, say: [...say, slot.ask(env, slots)] };
  }
  return { kind: 'finish', flowId: def.id, start, slots, say, outcome: def.finish(slots, env, start, now) };
}

/**
 * Starts `def`: its intro, then the first slot not already known (from earlier flows, or found
 * in the message that started it).
 */
export function beginFlow(
  def: FlowDefinition,
  start: FlowStart,
  input: SlotInput,
  env: FlowEnv,
  known: Readonly<Record<string, string>>,
): FlowAdvance {
  const slots = { ...known };
  for (const slot of def.slots) {
    if (slots[slot.name] !== undefined || !slot.prefill) continue;
    const value = slot.prefill(input, env);
    if (value !== undefined) slots[slot.name] = value;
  }
  return next(def, start, slots, env, def.intro(env, start), input.now);
}

/** Takes the customer's answer to the awaited slot: the next step, or the same question again, politely. */
export function continueFlow(flow: ActiveFlow, input: SlotInput, env: FlowEnv, known: Readonly<Record<string, string>>): FlowAdvance | undefined {
  const def = flowById(flow.id);
  const slot = def?.slots.find((s) => s.name === flow.awaiting);
  if (!def || !slot) return undefined;
  const parsed = slot.parse(input, env);
  if (!parsed.ok) return { kind: 'ask', flow, slots: { ...known }, say: [parsed.reprompt] };
  return next(def, flow.start, { ...known, [slot.name]: parsed.value }, env, [], input.now);
}

/** Whether the awaited slot would accept this answer (a topic change must not steal a valid answer). */
export function answersAwaited(flow: ActiveFlow, input: SlotInput, env: FlowEnv): { accepts: boolean; freeText: boolean } {
  const slot = flowById(flow.id)?.slots.find((s) => s.name === flow.awaiting);
  if (!slot) return { accepts: false, freeText: false };
  return { accepts: slot.parse(input, env).ok, freeText: slot.freeText === true };
}

/** The question for the awaited slot, asked again (after a side question such as a case status). */
export function askAgain(flow: ActiveFlow, env: FlowEnv, slots: Readonly<Record<string, string>>): SayParams | undefined {
  return flowById(flow.id)?.slots.find((s) => s.name === flow.awaiting)?.ask(env, slots);
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
