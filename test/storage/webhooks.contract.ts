import type { Storage } from '../../src/storage/types';
import type { WebhookEventInput } from '../../src/storage/webhooks';

/** A second connection to the same database: another node, or the same node after a restart. */
export type OpenSame = (storage: Storage) => Promise<Storage>;

const T0 = 1_700_000_000_000;

function event(id: string, overrides: Partial<WebhookEventInput> = {}): WebhookEventInput {
  return { id, type: 'case.created', body: JSON.stringify({ id, type: 'case.created' }), at: T0, ...overrides };
}

/** Webhook endpoints and deliveries, the same on every adapter. */
export function webhooksContract(
  name: string,
  open: (clock?: { now: () => number }) => Promise<Storage>,
  close: (s: Storage) => Promise<void>,
  openSame: OpenSame,
): void {
  describe(`webhooks store contract: ${name}`, () => {
    let storage: Storage;
    const extra: Storage[] = [];
    let clock = T0;
    beforeEach(async () => {
      clock = T0;
      storage = await open({ now: () => clock });
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await close(storage);
    });
    const another = async () => {
      const s = await openSame(storage);
      extra.push(s);
      return s;
    };

    test('endpoints: created with their secret, listed oldest first, updated, deleted with their deliveries', async () => {
      const a = await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/hook', secret: 'whsec_a', events: ['case.created'] });
      expect(a).toMatchObject({ id: 'we_a', url: 'https://a.example/hook', secret: 'whsec_a', events: ['case.created'], enabled: true, description: '' });
      clock += 1;
      await storage.webhooks.createEndpoint({ id: 'we_b', url: 'http://b.example/', secret: 'whsec_b', events: ['case.updated', 'feedback.received'], enabled: false, description: 'CRM' });
      expect((await storage.webhooks.listEndpoints()).map((e) => e.id)).toEqual(['we_a', 'we_b']);
      clock += 1;
      const updated = await storage.webhooks.updateEndpoint('we_b', { enabled: true, events: ['case.created'] });
      expect(updated).toMatchObject({ id: 'we_b', enabled: true, events: ['case.created'], description: 'CRM', secret: 'whsec_b', updatedAt: T0 + 2 });
      expect(await storage.webhooks.getEndpoint('we_b')).toEqual(updated);
      expect(await storage.webhooks.updateEndpoint('we_nope', { enabled: false })).toBeUndefined();

      await storage.webhooks.enqueue(event('evt_1'));
      expect(await storage.webhooks.listDeliveries({ endpointId: 'we_b' })).toHaveLength(1);
      expect(await storage.webhooks.deleteEndpoint('we_b')).toBe(true);
      expect(await storage.webhooks.deleteEndpoint('we_b')).toBe(false);
      expect(await storage.webhooks.getEndpoint('we_b')).toBeUndefined();
      expect((await storage.webhooks.listDeliveries()).map((d) => d.endpointId)).toEqual(['we_a']);
    });

    test('enqueue: one pending delivery per enabled subscribed endpoint, once per event id', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created', 'case.updated'] });
      await storage.webhooks.createEndpoint({ id: 'we_b', url: 'https://b.example/', secret: 's', events: ['case.updated'] });
      await storage.webhooks.createEndpoint({ id: 'we_c', url: 'https://c.example/', secret: 's', events: ['case.created'], enabled: false });
      const made = await storage.webhooks.enqueue(event('evt_1'));
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({ endpointId: 'we_a', eventId: 'evt_1', eventType: 'case.created', status: 'pending', attempts: 0, nextAttemptAt: T0 });
      expect(made[0]?.body).toBe(JSON.stringify({ id: 'evt_1', type: 'case.created' }));
      // The same event again (another node saw it too, a retried write): nothing new.
      expect(await storage.webhooks.enqueue(event('evt_1'))).toEqual([]);
      const other = await another();
      expect(await other.webhooks.enqueue(event('evt_1'))).toEqual([]);
      const both = await storage.webhooks.enqueue(event('evt_2', { type: 'case.updated' }));
      expect(both.map((d) => d.endpointId).sort()).toEqual(['we_a', 'we_b']);
      expect(await storage.webhooks.listDeliveries()).toHaveLength(3);
    });

    test('claimDue takes only due rows, each once, and counts the attempt', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created'] });
      await storage.webhooks.enqueue(event('evt_now'));
      await storage.webhooks.enqueue(event('evt_later', { at: T0 + 60_000 }));
      const first = await storage.webhooks.claimDue({ node: 'n1', now: T0, leaseMs: 120_000, limit: 10 });
      expect(first.map((d) => d.eventId)).toEqual(['evt_now']);
      expect(first[0]).toMatchObject({ status: 'delivering', attempts: 1, claimedBy: 'n1', leaseUntil: T0 + 120_000 });
      expect(await storage.webhooks.claimDue({ node: 'n2', now: T0 + 1000, leaseMs: 30_000, limit: 10 })).toEqual([]);
      const later = await storage.webhooks.claimDue({ node: 'n2', now: T0 + 60_000, leaseMs: 30_000, limit: 10 });
      expect(later.map((d) => d.eventId)).toEqual(['evt_later']);
    });

    test('two nodes claiming at the same moment never get the same delivery', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created'] });
      for (let i = 0; i < 40; i++) await storage.webhooks.enqueue(event(`evt_${i}`));
      const other = await another();
      const claims: Array<Promise<{ node: string; ids: string[] }>> = [];
      for (let round = 0; round < 10; round++) {
        for (const [node, s] of [['n1', storage], ['n2', other]] as const) {
          claims.push(s.webhooks.claimDue({ node, now: T0, leaseMs: 60_000, limit: 3 }).then((ds) => ({ node, ids: ds.map((d) => d.eventId) })));
        }
      }
      const results = await Promise.all(claims);
      const all = results.flatMap((r) => r.ids);
      expect(all).toHaveLength(40);
      expect(new Set(all).size).toBe(40);
      const stored = await storage.webhooks.listDeliveries({ limit: 100 });
      expect(stored.every((d) => d.status === 'delivering' && d.attempts === 1)).toBe(true);
    });

    test('outcomes: delivered, retried later, given up; only the claim holder may record', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created'] });
      for (const id of ['evt_ok', 'evt_retry', 'evt_fail']) await storage.webhooks.enqueue(event(id));
      const claimed = await storage.webhooks.claimDue({ node: 'n1', now: T0, leaseMs: 30_000, limit: 10 });
      const byEvent = new Map(claimed.map((d) => [d.eventId, d.id]));
      expect(await storage.webhooks.recordAttempt(byEvent.get('evt_ok')!, 'n2', { ok: true, statusCode: 200 }, T0 + 5)).toBeUndefined();
      const ok = await storage.webhooks.recordAttempt(byEvent.get('evt_ok')!, 'n1', { ok: true, statusCode: 204 }, T0 + 5);
      expect(ok).toMatchObject({ status: 'delivered', lastStatusCode: 204, deliveredAt: T0 + 5, attempts: 1 });
      expect(ok?.claimedBy).toBeUndefined();
      expect(ok?.lastError).toBeUndefined();
      const retry = await storage.webhooks.recordAttempt(byEvent.get('evt_retry')!, 'n1', { ok: false, statusCode: 503, error: 'HTTP 503', retryAt: T0 + 10_000 }, T0 + 5);
      expect(retry).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 10_000, lastStatusCode: 503, lastError: 'HTTP 503' });
      const failed = await storage.webhooks.recordAttempt(byEvent.get('evt_fail')!, 'n1', { ok: false, error: 'connect ECONNREFUSED' }, T0 + 5);
      expect(failed).toMatchObject({ status: 'failed', lastError: 'connect ECONNREFUSED' });
      expect(failed?.lastStatusCode).toBeUndefined();
      // A recorded outcome is final for that claim.
      expect(await storage.webhooks.recordAttempt(byEvent.get('evt_ok')!, 'n1', { ok: false, error: 'late' }, T0 + 6)).toBeUndefined();
      expect((await storage.webhooks.listDeliveries({ status: 'failed' })).map((d) => d.eventId)).toEqual(['evt_fail']);
      const again = await storage.webhooks.claimDue({ node: 'n1', now: T0 + 10_000, leaseMs: 30_000, limit: 10 });
      expect(again.map((d) => [d.eventId, d.attempts])).toEqual([['evt_retry', 2]]);
    });

    test('a claim whose lease ran out (its node died) is taken over; the old holder cannot record', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created'] });
      await storage.webhooks.enqueue(event('evt_1'));
      const [mine] = await storage.webhooks.claimDue({ node: 'dead', now: T0, leaseMs: 1000, limit: 1 });
      const other = await another();
      expect(await other.webhooks.claimDue({ node: 'n2', now: T0 + 1000, leaseMs: 1000, limit: 1 })).toEqual([]);
      const [taken] = await other.webhooks.claimDue({ node: 'n2', now: T0 + 1001, leaseMs: 1000, limit: 1 });
      expect(taken).toMatchObject({ id: mine?.id, claimedBy: 'n2', attempts: 2 });
      expect(await storage.webhooks.recordAttempt(mine!.id, 'dead', { ok: true, statusCode: 200 }, T0 + 1002)).toBeUndefined();
      expect(await other.webhooks.recordAttempt(mine!.id, 'n2', { ok: true, statusCode: 200 }, T0 + 1002)).toMatchObject({ status: 'delivered' });
    });

    test('resend queues a finished delivery again now; one being sent is left alone', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created'] });
      await storage.webhooks.enqueue(event('evt_1'));
      const [d] = await storage.webhooks.claimDue({ node: 'n1', now: T0, leaseMs: 1000, limit: 1 });
      expect(await storage.webhooks.resend(d!.id, T0 + 1)).toBeUndefined();
      await storage.webhooks.recordAttempt(d!.id, 'n1', { ok: false, error: 'HTTP 500', statusCode: 500 }, T0 + 2);
      const again = await storage.webhooks.resend(d!.id, T0 + 3);
      expect(again).toMatchObject({ status: 'pending', nextAttemptAt: T0 + 3, attempts: 1, lastError: 'HTTP 500' });
      expect(await storage.webhooks.resend('nope', T0)).toBeUndefined();
    });

    test('deliveries survive a restart and are listed newest first, filtered', async () => {
      await storage.webhooks.createEndpoint({ id: 'we_a', url: 'https://a.example/', secret: 's', events: ['case.created', 'feedback.received'] });
      await storage.webhooks.enqueue(event('evt_1'));
      clock += 10;
      await storage.webhooks.enqueue(event('evt_2', { type: 'feedback.received' }));
      const reopened = await another();
      const list = await reopened.webhooks.listDeliveries();
      expect(list.map((d) => d.eventId)).toEqual(['evt_2', 'evt_1']);
      expect(list.every((d) => d.status === 'pending')).toBe(true);
      expect((await reopened.webhooks.listDeliveries({ limit: 1 })).map((d) => d.eventId)).toEqual(['evt_2']);
      expect(await reopened.webhooks.getDelivery(list[1]!.id)).toEqual(list[1]);
      expect(await reopened.webhooks.getDelivery('nope')).toBeUndefined();
    });
  });
}
