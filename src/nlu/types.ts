/** Shared NLU types. The parse result is a contract (DESIGN.md "NLU parse"). */

/** One intent as declared in intents/<name>.yaml. */
export interface IntentDefinition {
  /** snake_case intent name, equal to the file name. */
  name: string;
  /** `billing` | `refund` | `security` | `dispute` for support topics; other names for the rest. */
  category: string;
  /** Short human label, used for clarification quick replies ("Refund status"). */
  label: string;
  examples: string[];
}

export interface LabelledExample {
  text: string;
  intent: string;
  /** The intent's category when the source says so (JSONL training files may). */
  category?: string;
}

export interface IntentScore {
  name: string;
  category: string;
  confidence: number;
}

export interface Entity {
  /** `order_id` | `case_id` | `amount` | `date` | `email` | `merchant` */
  type: string;
  /** Normalised value (e.g. an ISO date, `{"amount":12.5,"currency":"EUR"}` as a string). */
  value: string;
  /** The text as the customer wrote it. */
  text: string;
  start: number;
  end: number;
}

/** DESIGN.md's NLU contract. */
export interface ParseResult {
  text: string;
  intent: IntentScore;
  ranking: IntentScore[];
  entities: Entity[];
  lowConfidence: boolean;
  /**
   * The text is nothing the model was trained on: its out-of-scope score is below the configured
   * scope threshold (set only when one is; the `out_of_scope` class shows in `intent` instead).
   */
  outOfScope?: boolean;
}
