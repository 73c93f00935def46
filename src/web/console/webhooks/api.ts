/** The Webhooks section's REST calls (docs/webhooks.md). */
import type {
  DeliveryStatus,
  WebhookDeliveryView,
  WebhookEndpointCreated,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookEventType,
} from '../../../protocol/webhooks';
import { createRest, type RestOptions } from '../rest';

/** @example const api = createWebhooksApi({ csrfToken: ctx.csrfToken }); const { endpoints } = await api.endpoints(); */
export function createWebhooksApi(opts: RestOptions) {
  const { call } = createRest(opts);
  const id = (s: string) => encodeURIComponent(s);
  return {
    endpoints: () => call<WebhookEndpointList>('GET', '/api/webhooks/endpoints'),
    create: (input: { url: string; events: WebhookEventType[]; description: string }) =>
      call<WebhookEndpointCreated>('POST', '/api/webhooks/endpoints', input),
    setEnabled: (endpointId: string, enabled: boolean) =>
      call<{ endpoint: WebhookEndpointView }>('PATCH', `/api/webhooks/endpoints/${id(endpointId)}`, { enabled }),
    rotateSecret: (endpointId: string) => call<WebhookEndpointCreated>('POST', `/api/webhooks/endpoints/${id(endpointId)}/rotate-secret`),
    remove: (endpointId: string) => call<void>('DELETE', `/api/webhooks/endpoints/${id(endpointId)}`),
    deliveries: (filter: { status?: DeliveryStatus; endpointId?: string }) => {
      const q = new URLSearchParams({ limit: '100' });
      if (filter.status) q.set('status', filter.status);
      if (filter.endpointId) q.set('endpointId', filter.endpointId);
      return call<{ deliveries: WebhookDeliveryView[] }>('GET', `/api/webhooks/deliveries?${q}`);
    },
    resend: (deliveryId: string) => call<{ delivery: WebhookDeliveryView }>('POST', `/api/webhooks/deliveries/${id(deliveryId)}/resend`),
  };
}

export type WebhooksApi = ReturnType<typeof createWebhooksApi>;
