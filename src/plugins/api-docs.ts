/**
 * The HTTP contract as an OpenAPI 3 document (`GET /docs/json`, `/docs/yaml`) and a reference page
 * (`GET /docs`), built by `@fastify/swagger` from the schemas the routes declare (src/protocol/api).
 * Registered before the routes: swagger collects them with an `onRoute` hook. Routes without a
 * schema (pages, static assets, the sockets) are not REST and stay out of the document;
 * test/http/route-schemas.test.ts fails when a REST route has none. See docs/api.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../http/auth/cookies';
import { CSRF_HEADER } from '../protocol/agent';
import { DOCS_THEME_CSS } from './api-docs-theme';

export interface ApiDocsOptions {
  /** `PUBLIC_URL`: named as the server in the document when set. */
  publicUrl: string;
  /** Shown in the title. @example 'PayLater' */
  brandName: string;
}

/** Where the reference page is served. */
export const DOCS_PREFIX = '/docs';

/** package.json's version, found by walking up from here (works from src/ and dist/src/). */
function packageVersion(): string {
  let dir = __dirname;
  for (;;) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return '0.0.0';
      dir = parent;
    }
  }
}

/** One tag per route group, in the order the page lists them. */
const TAGS = [
  { name: 'auth', description: 'Staff log in and out. The session is a cookie; state-changing calls send its CSRF token.' },
  { name: 'conversations', description: 'Transcripts, and the agent actions over REST (they mirror the agent socket).' },
  { name: 'agents', description: 'Who is online and who is waiting.' },
  { name: 'cases', description: 'Support cases and customer ratings (docs/cases.md).' },
  { name: 'training', description: 'The operators’ loop: triage, labels, retrain, model versions, thresholds (docs/training.md).' },
  { name: 'conversation tests', description: 'Run conversations/*.yml against a private copy of the app (docs/conversation-tests.md).' },
  { name: 'insights', description: 'Weekly figures for operators.' },
  { name: 'webhooks', description: 'Endpoints and deliveries (docs/webhooks.md).' },
  { name: 'accounts', description: 'Staff accounts, admins only.' },
  { name: 'nlu', description: 'The intent classifier (DESIGN.md’s NLU contract).' },
  { name: 'help', description: 'The help centre’s search.' },
  { name: 'chat', description: 'The widget’s REST calls.' },
  { name: 'health', description: 'For load balancers and monitoring.' },
  { name: 'metrics', description: 'Prometheus metrics (docs/metrics.md).' },
];

/**
 * Registers the OpenAPI document and the `/docs` page.
 * @example await app.register(apiDocsPlugin, { publicUrl: config.publicUrl, brandName: config.brandName });
 */
export const apiDocsPlugin = fp<ApiDocsOptions>(
  async (app, opts) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: `${opts.brandName} support chatbot API`,
          version: packageVersion(),
          description:
            'REST routes of the support chatbot. Errors always have the body `{code, message, statusCode}` (plus `requestId` on 5xx); ' +
            'the codes are listed in docs/errors.md. The chat itself runs over websockets: `/ws/chat` (docs/protocol.md) and `/ws/agent` (docs/agent-protocol.md).',
        },
        ...(opts.publicUrl ? { servers: [{ url: opts.publicUrl }] } : {}),
        tags: TAGS,
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by `POST /api/auth/login`.' },
            csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: 'The `csrfToken` of the login answer; required on POST, PUT, PATCH and DELETE with a session.' },
            metricsToken: { type: 'http', scheme: 'bearer', description: '`METRICS_TOKEN`, for `GET /metrics` on the main port.' },
          },
        },
      },
      // Only routes that declare a schema are REST; pages, assets and sockets have none.
      transform: ({ schema, url, route }) => ({ schema: schema ? schema : { ...(route.schema ?? {}), hide: true }, url }),
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      // BaseLayout: no top bar (its URL box and logo are for browsing other APIs). No deep-link
      // anchors inside the operation buttons (nested controls) and no syntax colours (low contrast).
      uiConfig: { layout: 'BaseLayout', docExpansion: 'list', deepLinking: false, defaultModelsExpandDepth: 0, tryItOutEnabled: false, syntaxHighlight: false },
      validatorUrl: false,
      theme: { title: `${opts.brandName} API reference`, css: [{ filename: 'accessible.css', content: DOCS_THEME_CSS }] },
    });
  },
  { name: 'api-docs' },
);

