/**
 * Issue 15, "the HTTP contract declared once": every REST route of the real app declares its
 * schemas (src/protocol/api), so fastify validates what comes in and serialises what goes out,
 * and the OpenAPI document at /docs/json shows it. Routes are collected with an `onRoute` hook
 * on the app as buildApp registers them, so a route added tomorrow is checked without being listed.
 */
import { rmSync } from 'node:fs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../../src/app';
import type { Config } from '../../src/config';
import { cachedModel, testConfig } from '../helpers/app';

jest.setTimeout(120_000);

/**
 * Routes that are not REST and so carry no schema, each with its reason. Anything else without a
 * schema fails the test.
 */
const NOT_REST: Record<string, string> = {
  // Pages and static assets: HTML, JS, CSS and icons, served as files (src/http/web, src/http/help).
  'GET /': 'demo shop page',
  'GET /orders.html': 'demo shop page',
  'GET /widget.js': 'widget bundle',
  'GET /favicon.svg': 'icon',
  'GET /favicon.ico': 'icon',
  'GET /console': 'console page',
  'GET /console/': 'redirect to /console',
  'GET /console.js': 'console bundle',
  'GET /console.css': 'console styles',
  'GET /help': 'help centre page',
  'GET /help/:id': 'help centre article page',
};
/** Websocket upgrades speak their own frames (src/protocol/customer.ts, agent.ts), checked by their decoders. */
const isSocket = (r: RouteOptions) => Boolean((r as { websocket?: boolean }).websocket);
/** The reference page and the document themselves (@fastify/swagger-ui's routes). */
const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/');
/** POSTs that take no body: the path says everything. */
const NO_BODY = new Set([
  'POST /api/auth/logout',
  'POST /api/conversations/:id/claim',
  'POST /api/conversations/:id/release',
  'POST /api/conversation-tests/run',
  'POST /api/accounts/:id/reset-password',
  'POST /api/training/runs',
  'POST /api/training/models/:id/activate',
  'POST /api/training/models/rollback',
  'POST /api/webhooks/endpoints/:id/rotate-secret',
  'POST /api/webhooks/deliveries/:id/resend',
]);

interface Route {
  key: string;
  url: string;
  method: string;
  route: RouteOptions;
}

/** The app as main.ts builds it, every route it registers passed to `seen` as it comes. */
async function appSeeing(config: Config, seen: Route[]): Promise<FastifyInstance> {
  return buildApp(config, {
    model: await cachedModel(config.intentsDir),
    onRoute: (route) => {
      for (const method of [route.method].flat()) seen.push({ key: `${method} ${route.url}`, url: route.url, method, route });
    },
  });
}

/** What a REST route lacks: params for a path with `:params`, a body for a write, a 2xx answer. */
function missingSchemas(routes: Route[]): string[] {
  const wrong: string[] = [];
  for (const { key, url, method, route } of routes) {
    if (method === 'HEAD' || isSocket(route) || isDocs(url) || key in NOT_REST) continue;
    const schema = route.schema as { params?: unknown; body?: unknown; response?: Record<string, unknown> } | undefined;
    if (!schema) {
      wrong.push(`${key}: no schema`);
      continue;
    }
    if (url.includes(':') && !schema.params) wrong.push(`${key}: no params schema`);
    if (['POST', 'PUT', 'PATCH'].includes(method) && !NO_BODY.has(key) && !schema.body) wrong.push(`${key}: no body schema`);
    if (!Object.keys(schema.response ?? {}).some((status) => /^2(\d\d|xx)$/.test(status))) wrong.push(`${key}: no 2xx response schema`);
    if (!schema.response?.['4xx'] || !schema.response['5xx']) wrong.push(`${key}: no error body for 4xx/5xx`);
  }
  return wrong;
}

describe('every REST route declares its schemas', () => {
  let app: FastifyInstance;
  const routes: Route[] = [];
  // Every optional route group switched on: METRICS_TOKEN serves /metrics, SMTP the transcript route.
  const config = testConfig({ metricsToken: 'm'.repeat(32), smtpUrl: 'smtp://127.0.0.1:9', mailFrom: 'Support <support@example.org>' });

  beforeAll(async () => {
    app = await appSeeing(config, routes);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(config.dataDir, { recursive: true, force: true });
  });

  it('sees the whole app, sockets and pages included', () => {
    const keys = routes.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['GET /ws/chat', 'GET /ws/agent', 'GET /help', 'POST /api/chat/transcript', 'GET /metrics', 'GET /docs/json']));
    expect(routes.filter((r) => r.method !== 'HEAD' && !isSocket(r.route) && !isDocs(r.url) && !(r.key in NOT_REST)).length).toBeGreaterThan(55);
  });

  it('finds no REST route without params, body, 2xx and error schemas', () => {
    expect(missingSchemas(routes)).toEqual([]);
  });

  it('every entry of the exclusion lists is still a route of the app (no stale excuses)', () => {
    const keys = new Set(routes.map((r) => r.key));
    expect([...Object.keys(NOT_REST), ...NO_BODY].filter((k) => !keys.has(k))).toEqual([]);
  });

  it('reports a route added without a schema, and one with a body but no body schema', async () => {
    const extra: Route[] = [];
    const probeConfig = testConfig();
    const probe = await appSeeing(probeConfig, extra);
    try {
      probe.get('/api/forgotten/:id', async () => ({ ok: true }));
      probe.post('/api/half-declared', { schema: { response: { 200: { type: 'object' } } } }, async () => ({ ok: true }));
      expect(missingSchemas(extra)).toEqual(['GET /api/forgotten/:id: no schema', 'POST /api/half-declared: no body schema', 'POST /api/half-declared: no error body for 4xx/5xx']);
    } finally {
      await probe.close();
      rmSync(probeConfig.dataDir, { recursive: true, force: true });
    }
  });
});
