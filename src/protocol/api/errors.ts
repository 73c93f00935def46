/**
 * The error body every REST route answers with (docs/errors.md), declared once: the root handler
 * (src/http/error-handler.ts) sends it, every route's response schema lists it for 4xx and 5xx,
 * and the console reads it. TypeBox: the same object is the JSON schema and, through `Static`, the type.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable code from the catalogue (docs/errors.md).', examples: ['VALIDATION'] }),
    message: Type.String({ description: 'For people; on a validation error it names the field.', examples: ['The request is not valid. (text is required)'] }),
    statusCode: Type.Integer({ description: 'The HTTP status, repeated.', examples: [400] }),
    requestId: Type.Optional(Type.String({ description: 'Only on 5xx: quote it to support, it finds the log line.' })),
  },
  { additionalProperties: false, description: 'Every REST error (docs/errors.md).' },
);
export type ErrorBody = Static<typeof ErrorBody>;

/**
 * The error answers of a route's response schema: any 4xx and any 5xx carry the ErrorBody.
 * @example response: { 200: CaseList, ...errorResponses }
 */
export const errorResponses = {
  '4xx': { ...ErrorBody, description: 'A refused request: the catalogue code says why.' },
  '5xx': { ...ErrorBody, description: 'A server fault: the generic INTERNAL body with the request id.' },
} as const satisfies Record<string, TSchema>;

/** A 204 answer: no body. */
export const NoContent = Type.Null({ description: 'No content.' });
