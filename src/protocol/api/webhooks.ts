/** `/api/webhooks/*`: operators' endpoints and deliveries (docs/webhooks.md; types in ../webhooks.ts). */
import { StringEnum } from './params';
import { Type } from '@sinclair/typebox';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from '../webhooks';

export const WebhookEventType = StringEnum(WEBHOOK_EVENTS);
export const DeliveryStatus = StringEnum(DELIVERY_STATUSES);

export const EndpointView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(WebhookEventType),
  enabled: Type.Boolean(),
  description: Type.String(),
  secretHint: Type.String({ description: '`…` and the secret’s last four characters.' }),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
});
export const EndpointList = Type.Object({ endpoints: Type.Array(EndpointView), events: Type.Array(WebhookEventType) });
/** The only answers with the full secret: create and rotate. */
export const EndpointCreated = Type.Object({ endpoint: EndpointView, secret: Type.String({ description: 'The HMAC key (`whsec_…`), shown once.' }) });
export const EndpointAnswer = Type.Object({ endpoint: EndpointView });

// The service checks url and events itself (its messages say what to fix), so these stay loose.
const eventsHelp = `Event types: ${WEBHOOK_EVENTS.join(', ')}.`;
export const NewEndpointBody = Type.Object(
  {
    url: Type.String({ maxLength: 2000, examples: ['https://hooks.example.com/support'] }),
    events: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50, description: eventsHelp, examples: [['case.created', 'conversation.escalated']] }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const EndpointPatchBody = Type.Object(
  {
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    events: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50, description: eventsHelp })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DeliveryView = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  eventId: Type.String(),
  eventType: WebhookEventType,
  body: Type.String({ description: 'The exact JSON body sent (signed as is).' }),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Type.Integer(),
  claimedBy: Type.Optional(Type.String()),
  leaseUntil: Type.Optional(Type.Integer()),
  lastStatusCode: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  deliveredAt: Type.Optional(Type.Integer()),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
});
export const DeliveryQuery = Type.Object(
  {
    endpointId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(DeliveryStatus),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);
export const DeliveryList = Type.Object({ deliveries: Type.Array(DeliveryView) });
export const DeliveryAnswer = Type.Object({ delivery: DeliveryView });
