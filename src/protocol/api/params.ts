/** Path parameters shared by the route groups. */
import { Type } from '@sinclair/typebox';

/** `:id` of a conversation, case, account, model version, endpoint or delivery. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'The id from a list answer.' }) }, { additionalProperties: false });

/** An intent name, as the model and intents/ spell it. */
export const IntentName = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'snake_case intent name', examples: ['refund_status'] });

/** Epoch milliseconds. */
export const EpochMs = Type.Integer({ minimum: 0, description: 'Epoch milliseconds.' });

/**
 * A string from a fixed list, as JSON schema `enum` (not TypeBox's `anyOf` of literals): ajv's
 * error then lists the allowed values (`state must be one of …`), and OpenAPI shows a plain enum.
 * @example const Status = StringEnum(['open', 'resolved']) // Static: 'open' | 'resolved'
 */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
