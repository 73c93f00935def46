/** `POST /api/nlu/parse` (DESIGN.md's NLU contract). */
import { Type } from '@sinclair/typebox';

export const IntentScore = Type.Object({ name: Type.String(), category: Type.String(), confidence: Type.Number({ minimum: 0, maximum: 1 }) });

export const Entity = Type.Object({
  type: Type.String({ description: 'order_id | case_id | amount | date | email | merchant' }),
  value: Type.String({ description: 'Normalised value.' }),
  text: Type.String({ description: 'As the customer wrote it.' }),
  start: Type.Integer(),
  end: Type.Integer(),
});

/** The body's `maxLength` is MAX_MESSAGE_CHARS: the route sets it from config. */
export function parseBody(maxChars: number) {
  return Type.Object({ text: Type.String({ minLength: 1, maxLength: maxChars, examples: ['where is my refund?'] }) }, { additionalProperties: false });
}

export const ParseResult = Type.Object({
  text: Type.String(),
  intent: IntentScore,
  ranking: Type.Array(IntentScore),
  entities: Type.Array(Entity),
  lowConfidence: Type.Boolean(),
  outOfScope: Type.Optional(Type.Boolean()),
});
