import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type onRouteHookHandler, type preHandlerAsyncHookHandler } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Bus } from './bus/types';
import type { Config } from './config';
import type { AgentAvailability } from './conversation/ports';
import { accountRoutes } from './http/api/accounts';
import { agentRoutes } from './http/api/agents';
import { caseRoutes } from './http/api/cases';
import { conversationListRoutes } from './http/api/conversation-list';
import { conversationTestRoutes } from './http/api/conversation-tests';
import { conversationRoutes } from './http/api/conversations';
import { erasureRoutes } from './http/api/erasure';
import { healthRoutes } from './http/api/health';
import { insightsRoutes } from './http/api/insights';
import { metricsPlugin } from './http/api/metrics';
import { nluRoutes } from './http/api/nlu';
import { queueRoutes } from './http/api/queue';
import { trainingRoutes } from './http/api/training';
import { transcriptRoutes } from './http/api/transcript';
import { webhookRoutes } from './http/api/webhooks';
import { authPlugin, requireAgent } from './http/auth/plugin';
import { authRoutes } from './http/auth/routes';
import { requireChatAccess } from './http/auth/chat-access';
import { errorHandlerPlugin } from './http/error-handler';
import { helpRoutes } from './http/help';
import { securityHeaders } from './http/security-headers';
import { textHygiene } from './http/text-hygiene';
import { LOG_CENSOR, LOG_REDACT_PATHS, serializeLogError, serializeLogRequest } from './privacy/log-redaction';
import { webAssetRoutes } from './http/web';
import { agentSocket } from './http/ws/agent';
import { customerSocket } from './http/ws/customer';
import { closeGoingAway } from './http/ws/going-away';
import { openSocketsGauge } from './metrics/registry';
import type { IntentModel } from './nlu/model';
import { apiDocsPlugin } from './plugins/api-docs';
import { busPlugin } from './plugins/bus';
import { conversationTestsPlugin } from './plugins/conversation-tests';
import { eventsPlugin } from './plugins/events';
import { knowledgePlugin } from './plugins/knowledge';
import { mailPlugin } from './plugins/mail';
import { nluPlugin, type NluPluginOptions } from './plugins/nlu';
import { servicesPlugin } from './plugins/services';
import { storagePlugin } from './plugins/storage';
import { trainingPlugin } from './plugins/training';
import { webhooksPlugin, type WebhooksPluginOptions } from './plugins/webhooks';
import type { Storage } from './storage/types';

export interface AppDeps {
  storage: Storage;
  bus: Bus;
  logger: Logger;
  /** A ready model; when absent, one is loaded from DATA_DIR or trained from intents/. */
  model: IntentModel;
  /** A stand-in sentence encoder for accurate mode, or a `require` simulating its missing packages (tests). */
  encoder: NluPluginOptions['encoder'];
  /** Whether a person can take a chat. Default: the hand-off part's (agents online, business hours). */
  availability: AgentAvailability;
  /**
   * preHandlers for the staff routes of cases/feedback (`agent`) and erasure (`admin`).
   * Default: the auth part's `requireAgent('agent')` and `requireAgent('admin')`.
   */
  staffGuards: { agent: preHandlerAsyncHookHandler; admin: preHandlerAsyncHookHandler };
  /** Retention sweep period in ms (0: off). Default one hour. */
  retentionSweepMs: number;
  /** Webhook dispatcher settings and sender (tests shorten the back-off). */
  webhooks: WebhooksPluginOptions['overrides'];
  /** Sees every route as it is registered, before any plugin (test/http/route-schemas.test.ts lists them). */
  onRoute: onRouteHookHandler;
}

/** The logger every part shares: message text, personal data, tokens and credentials never reach the log. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    redact: { paths: LOG_REDACT_PATHS, censor: LOG_CENSOR },
    // Errors and requests are allow-listed and scrubbed: see src/privacy/log-redaction.ts.
    serializers: { err: serializeLogError, req: serializeLogRequest },
  }, destination as pino.DestinationStream);
}

/** TRUST_PROXY for fastify: a hop count as proxy-addr's "trust the first n hops" function. */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/**
 * Builds the whole service from config; never listens (main.ts does). Tests pass temporary
 * adapters through `deps`. Only registrations: infrastructure and services are plugins
 * (src/plugins/), each closing what it made in `onClose`; routes are the http part's plugins.
 * When a step fails, what the earlier ones made (storage, bus…) is closed before the error is thrown.
 */
export async function buildApp(config: Config, deps: Partial<AppDeps> = {}): Promise<FastifyInstance> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: trustProxyOption(config.trustProxy),
    // The nlu plugin trains the model on a first start with no saved one: tens of seconds on a
    // small machine, well past avvio's default of 10 s per plugin.
    pluginTimeout: 5 * 60_000,
  });
  try {
    await registerAll(app, config, deps, logger);
  } catch (err) {
    await app.close().catch((closeErr: unknown) => logger.error({ err: closeErr }, 'closing after a failed start failed too'));
    throw err;
  }
  return app;
}

async function registerAll(app: FastifyInstance, config: Config, deps: Partial<AppDeps>, logger: Logger): Promise<void> {
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  // First: every route registered below inherits the root error handler (docs/errors.md).
  await app.register(errorHandlerPlugin);
  // Security headers (CSP, no framing, HSTS behind https) on every response (src/http/security-headers.ts).
  await app.register(securityHeaders, { publicUrl: config.publicUrl });
  // Control characters and unpaired surrogates in any REST path, query or body: INVALID_TEXT.
  await app.register(textHygiene);
  // The OpenAPI document and /docs, from the schemas of every route registered after it (docs/api.md).
  await app.register(apiDocsPlugin, { publicUrl: config.publicUrl, brandName: config.brandName });
  // Sockets close with 1001 'going away' on shutdown, so widgets and consoles reconnect.
  await app.register(websocket, { options: { maxPayload: 256 * 1024 }, preClose: closeGoingAway });

  // Infrastructure and services (src/plugins/), each decorating the app; closed in reverse order.
  await app.register(eventsPlugin, { logger });
  await app.register(storagePlugin, { config, logger, ...(deps.storage ? { storage: deps.storage } : {}) });
  await app.register(busPlugin, { config, logger, ...(deps.bus ? { bus: deps.bus } : {}) });
  await app.register(nluPlugin, { config, logger, ...(deps.model ? { model: deps.model } : {}), ...(deps.encoder ? { encoder: deps.encoder } : {}) });
  await app.register(knowledgePlugin, { config });
  await app.register(servicesPlugin, { config, logger, ...(deps.availability ? { availability: deps.availability } : {}) });
  await app.register(trainingPlugin, { config, logger });
  await app.register(mailPlugin, { config, logger });
  await app.register(webhooksPlugin, { logger, ...(deps.webhooks ? { overrides: deps.webhooks } : {}) });
  await app.register(conversationTestsPlugin, { config, build: buildApp });
  const { storage, bus, nlu, services } = app;
  const operator = requireAgent('operator');
  const staffGuards = deps.staffGuards ?? { agent: requireAgent('agent'), admin: requireAgent('admin') };

  // Prometheus /metrics behind METRICS_TOKEN and/or on METRICS_PORT (docs/metrics.md).
  openSocketsGauge(app.metrics, () => app.websocketServer.clients.size);
  await app.register(metricsPlugin, { registry: app.metrics.registry, token: config.metricsToken, port: config.metricsPort, host: config.host });
  // Agent sessions from the cookie + CSRF on state-changing requests, for every route below.
  await app.register(authPlugin, { auth: services.sessions });
  await app.register(customerSocket, {
    service: services.conversations,
    storage,
    bus,
    allowedOrigins: config.allowedOrigins,
    maxMessageChars: config.maxMessageChars,
    rateLimitFrames: config.rateLimitFrames,
    publicUrl: config.publicUrl,
    ...(config.identitySecret ? { identitySecret: config.identitySecret } : {}),
    heartbeatMs: config.heartbeatMs,
    clientLimits: {
      maxSockets: config.clientMaxSockets,
      newConversationsPerMinute: config.clientNewConversationsPerMinute,
      connectionsPerMinute: config.clientConnectionsPerMinute,
      escalationsPerMinute: config.clientEscalationsPerMinute,
      turnsInFlight: config.turnsInFlight,
      turnsInFlightPerClient: config.clientTurnsInFlight,
    },
    ...(app.limitCounter ? { sharedLimits: app.limitCounter } : {}),
  });
  await app.register(nluRoutes, {
    parse: async (text) => {
      await nlu.understanding.prepare(text);
      return nlu.parser.parse(text);
    },
    maxChars: config.maxMessageChars,
  });
  // Agents: login/logout, the agent socket, the queue and agent actions over REST (docs/agent-protocol.md).
  await app.register(authRoutes, { auth: services.sessions, bus, secureCookies: config.publicUrl.startsWith('https:') });
  await app.register(agentSocket, { handoff: services.handoff, auth: services.sessions, bus, maxMessageChars: config.maxMessageChars, publicUrl: config.publicUrl, storage, heartbeatMs: config.heartbeatMs });
  await app.register(queueRoutes, { handoff: services.handoff });
  await app.register(agentRoutes, { handoff: services.handoff });
  await app.register(conversationRoutes, { handoff: services.handoff, maxMessageChars: config.maxMessageChars });
  // Operators browse transcripts to label what the bot got wrong (GET /api/conversations)…
  await app.register(conversationListRoutes, { storage, guard: operator });
  // …see week by week whether the bot gets better (GET /api/insights)…
  await app.register(insightsRoutes, { storage, guard: operator });
  // …and play the conversation tests against a private copy of this app.
  await app.register(conversationTestRoutes, { runs: app.conversationTests, guard: operator });
  // Admins manage staff accounts: create, role, disable, reset password, remove.
  await app.register(accountRoutes, { accounts: services.accounts, guard: staffGuards.admin });
  // Cases + feedback for staff, admin erasure and the retention sweep (docs/cases.md).
  await app.register(caseRoutes, { cases: services.cases, guard: staffGuards.agent });
  await app.register(erasureRoutes, {
    erasure: services.erasure,
    guard: staffGuards.admin,
    ...(deps.retentionSweepMs !== undefined ? { sweepIntervalMs: deps.retentionSweepMs } : {}),
  });
  // Operators' loop: inbox, labels, retrain, model versions, thresholds (docs/training.md).
  await app.register(trainingRoutes, { service: app.training, operatorGuard: operator, agentGuard: requireChatAccess(storage.handoff) });
  // The widget's transcript by email (docs/email.md) and operators' webhooks (docs/webhooks.md).
  await app.register(transcriptRoutes, { storage, ...(app.mail ? { mail: app.mail } : {}) });
  await app.register(webhookRoutes, { webhooks: app.webhooks, guard: operator });
  await app.register(healthRoutes, { storage, bus, model: () => ({ id: nlu.parser.model.meta.id, intents: nlu.parser.model.meta.intents.length }) });
  await app.register(helpRoutes, { knowledge: app.knowledge, brandName: config.brandName });
  await app.register(webAssetRoutes, { brandName: config.brandName });
}
