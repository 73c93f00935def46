import type { Entity } from '../../nlu/types';
import type { CaseKind } from '../../storage/cases';
import type { EscalationReason } from '../../storage/types';
import type { AnswerCandidate, SayParams } from '../events';

/**
 * A guided flow: what an experienced agent would ask for one support topic, declared as data.
 * The machine turns every registered flow into states `bot.flow.<id>.<slot>` (flow-states.ts),
 * so a new flow is a new file here plus its knowledge-base articles, registered once in
 * flows/index.ts.
 */

/** Settings a flow may read; from config, carried in the machine's context. */
export interface FlowEnv {
  brandName: string;
  /** Anchored order id pattern source (config `ORDER_ID_PATTERN`). */
  orderIdPattern: string;
  /** Days a merchant has to register a return before we open a case (config `REFUND_WAIT_DAYS`). */
  refundWaitDays: number;
  /** Hours until a case gets a reply (config `CASE_FOLLOW_UP_HOURS`). */
  caseFollowUpHours: number;
  /** Customer email is sent (config `SMTP_URL`); without it the copy promises no email. */
  emailEnabled?: boolean;
}

/** What the customer just said, as a slot parser sees it. */
export interface SlotInput {
  text: string;
  entities: Entity[];
  /** The quick-reply value when the answer was a click. */
  choice?: string;
  /** Epoch ms of the message (dates in the future are refused). Absent in old events: no check. */
  now?: number;
}

export type SlotResult = { ok: true; value: string } | { ok: false; reprompt: SayParams };

export interface SlotSpec {
  /** Key in the collected slots, shared between flows (`orderId` asked once serves every flow). */
  name: string;
  /** How an agent reads it in the escalation summary / case details. */
  label: string;
  ask: (env: FlowEnv, slots: Readonly<Record<string, string>>) => SayParams;
  parse: (input: SlotInput, env: FlowEnv) => SlotResult;
  /**
   * Takes the value from the message that started the flow (an order id or date in it), when it
   * is unambiguously there. Default: the slot is always asked.
   */
  prefill?: (input: SlotInput, env: FlowEnv) => string | undefined;
  /** Asked only when this holds for what was collected so far. Default: always. */
  when?: (slots: Readonly<Record<string, string>>, start: FlowStart) => boolean;
  /** Free text: any answer fits, so a topic change must be very confident to win over it. */
  freeText?: boolean;
  /**
   * A value the conversation already holds for this slot (an entity of this type from the page
   * or an earlier turn, `ConversationMachineContext.entities`) is offered as a question with
   * Yes/No instead of asking from scratch: Yes takes it, No asks the slot's own question.
   * @example { entity: 'order_id', question: (id) => `Is this about order ${id}?` }
   */
  suggest?: { entity: string; question: (value: string) => string };
  /**
   * The question asks whether the answer just given helped ("Did that sort it out?"): a No to it
   * is a No to an answer, a miss (the policy's two strikes), and "no, <something else>" leaves the
   * flow and the rest is understood as a new message. Default false.
   */
  answerFeedback?: boolean;
}

/** How a flow ends once every slot it needs is collected. */
export type FlowOutcome =
  /** Said and done: back to the bot. */
  | { kind: 'done'; say: SayParams[] }
  /** A case is opened with the collected slots; `say` gets its id. */
  | { kind: 'case'; caseKind: CaseKind; priority: 'normal' | 'urgent'; say: (caseId: string) => SayParams[] }
  /** A person takes over, seeing the collected slots. */
  | { kind: 'handoff'; reason: EscalationReason; priority: 'normal' | 'urgent'; say: SayParams[] };

export interface FlowStart {
  /** The intent that started the flow and the best knowledge-base answer for it, if any. */
  intent: string;
  answer?: AnswerCandidate;
}

export interface FlowDefinition {
  /** Names the states `bot.flow.<id>.*`; when it is also a CaseKind, a hand-off with no one there files a case of that kind. */
  id: string;
  /** Intents that start this flow (an intent belongs to at most one flow). */
  intents: readonly string[];
  /**
   * The kind of case a hand-off with no one there files (and conversation tests accept). Default:
   * the flow's id when it is a case kind, else `offline`.
   */
  caseKind?: CaseKind;
  /**
   * An emergency: the flow starts before any other rule (save a request for a person, which hands
   * over at once anyway; strong frustration comes after it, so an angry victim still gets the urgent path) and
   * interrupts any other flow, whatever its slot is waiting for. Default false.
   */
  interrupts?: boolean;
  /** Said once when the flow starts, before the first question. */
  intro: (env: FlowEnv, start: FlowStart) => SayParams[];
  slots: readonly SlotSpec[];
  /** `now`: epoch ms of the last message (absent in old events). */
  finish: (slots: Readonly<Record<string, string>>, env: FlowEnv, start: FlowStart, now?: number) => FlowOutcome;
}
