import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import { errorResponses } from '../../protocol/api/errors';
import { httpError } from '../errors';
import { metricsSecurity } from './openapi-security';

export interface MetricsRouteOptions {
  registry: Registry;
  /** Required bearer token (METRICS_TOKEN). */
  token: string;
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * GET /metrics on the main port, for `Authorization: Bearer <METRICS_TOKEN>` only: Prometheus
 * text format. Any other request gets 401 with a `WWW-Authenticate` header and no figures.
 */
export const metricsRoutes: FastifyPluginAsync<MetricsRouteOptions> = async (app, opts) => {
  const schema = {
    tags: ['metrics'],
    summary: 'Prometheus text format (docs/metrics.md)',
    security: metricsSecurity,
    produces: ['text/plain'],
    // Sent as text with Prometheus' content type: a string payload is never run through the serialiser.
    response: { 200: { type: 'string', description: 'Prometheus exposition format.' }, ...errorResponses },
  };
  app.get('/metrics', { schema }, async (req, reply) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !sameSecret(given, opts.token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw httpError('UNAUTHENTICATED', 'send Authorization: Bearer <METRICS_TOKEN> to read metrics');
    }
    return reply.type(opts.registry.contentType).send(await opts.registry.metrics());
  });
};

/**
 * A listener of its own for /metrics (METRICS_PORT), meant for a private network: no token.
 * Anything but GET /metrics is 404.
 * @example const server = createMetricsListener(registry); server.listen(9464, '0.0.0.0');
 */
export function createMetricsListener(registry: Registry): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: this port serves GET /metrics only.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n'),
    );
  });
}

export interface MetricsSetup {
  registry: Registry;
  /** METRICS_TOKEN: serve GET /metrics on the main port to this bearer token. */
  token?: string;
  /** METRICS_PORT: serve GET /metrics on a listener of its own, started when the app listens. */
  port?: number;
  /** Interface for the METRICS_PORT listener (the app's HOST). */
  host: string;
}

/**
 * Exposes the registry as configured: on the main port behind a token, on a port of its own, both,
 * or (neither set) not at all. The own-port listener opens when the app starts listening and
 * closes with it, so tests that only inject never open a port.
 */
export const metricsPlugin: FastifyPluginAsync<MetricsSetup> = async (app, opts) => {
  if (opts.token) await app.register(metricsRoutes, { registry: opts.registry, token: opts.token });
  const port = opts.port;
  if (port === undefined) return;
  const listener = createMetricsListener(opts.registry);
  app.addHook('onListen', async () => {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, opts.host, () => {
        listener.off('error', reject);
        app.log.info({ port }, 'metrics listening');
        resolve();
      });
    });
  });
  app.addHook('onClose', async () => {
    if (!listener.listening) return;
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });
};
