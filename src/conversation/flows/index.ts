import { billingFlow } from './billing';
import { disputeFlow } from './dispute';
import { fraudFlow } from './fraud';
import { refundFlow } from './refund';
import { securityFlow } from './security';
import type { FlowDefinition } from './types';

/**
 * Every guided flow, in one list. Adding a flow: write flows/<topic>.ts (a FlowDefinition) and its
 * knowledge-base articles, and add it here. An intent starts at most one flow (a test checks).
 */
export const FLOWS: readonly FlowDefinition[] = [refundFlow, disputeFlow, securityFlow, fraudFlow, billingFlow];

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((f) => f.id === id);
}

export function flowForIntent(intent: string): FlowDefinition | undefined {
  return FLOWS.find((f) => f.intents.includes(intent));
}

export type { FlowDefinition, FlowEnv, FlowOutcome, SlotSpec } from './types';
