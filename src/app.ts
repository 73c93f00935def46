import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type preHandlerAsyncHookHandler } from 'fastify';
import pino, { type Logger } from 'pino';
import { createBus } from './bus/create';
import type { Bus } from './bus/types';
import type { Config } from './config';
import { createConversationService } from './conversation/service';
import { createCaseService } from './cases/service';
import { createErasureService } from './conversation/erasure';
import type { AgentAvailability } from './conversation/ports';
import { caseRoutes } from './http/api/cases';
import { erasureRoutes } from './http/api/erasure';
import { healthRoutes } from './http/api/health';
import { setupTraining } from './http/api/training-setup';
import { nluRoutes } from './http/api/nlu';
import { helpRoutes } from './http/help';
import { webAssetRoutes } from './http/web';
import { customerSocket } from './http/ws/customer';
import { createAgentAvailability } from './handoff/availability';
import { createHandoffService } from './handoff/service';
import { agentRoutes } from './http/api/agents';
import { conversationListRoutes } from './http/api/conversation-list';
import { insightsRoutes } from './http/api/insights';
import { conversationTestRoutes } from './http/api/conversation-tests';
import { createConversationTestRuns } from './conversation-tests/runs';
import { startRunTarget } from './conversation-tests/target';
import { conversationRoutes } from './http/api/conversations';
import { queueRoutes } from './http/api/queue';
import { authPlugin, requireAgent } from './http/auth/plugin';
import { errorHandlerPlugin } from './http/error-handler';
import { authRoutes } from './http/auth/routes';
import { createSessionAuth } from './http/auth/sessions';
import { agentSocket } from './http/ws/agent';
import { createKnowledgeIndex } from './knowledge';
import { loadArticles } from './knowledge/load';
import { extractEntities } from './nlu/entities';
import { detectFrustration } from './nlu/frustration';
import { loadIntents } from './nlu/intents';
import { loadOrTrainModel } from './nlu/model-cache';
import type { IntentModel } from './nlu/model';
import { createParser } from './nlu/parser';
import { maskSensitive } from './privacy';
import { createStorage } from './storage/create';
import { createEventHub, tapStorage } from './events/tap';
import { createMetrics, openSocketsGauge } from './metrics/registry';
import { observeStorage } from './metrics/observe-storage';
import { countDomainEvents } from './metrics/observe-events';
import { timeTurns } from './metrics/observe-turns';
import { metricsPlugin } from './http/api/metrics';
import { closeGoingAway } from './http/ws/going-away';
import { createAccountService } from './accounts/service';
import { accountRoutes } from './http/api/accounts';
import { generatePassword, hashPassword } from './http/auth/password';
import { setupWebhooks, type WebhookSetupOptions } from './http/api/webhooks-setup';
import { setupMail } from './http/api/mail-setup';
import { withMasking } from './storage/masked';
import type { Storage } from './storage/types';

export interface AppDeps {
  storage: Storage;
  bus: Bus;
  logger: Logger;
  /** A ready model; when absent, one is loaded from DATA_DIR or trained from intents/. */
  model: IntentModel;
  /** Whether a person can take a chat (the hand-off part's). Default: always available. */
  availability: AgentAvailability;
  /**
   * preHandlers for the staff routes of cases/feedback (`agent`) and erasure (`admin`).
   * Default: refuse with 401 until the auth part's `requireAgent(role)` is wired here.
   */
  staffGuards: { agent: preHandlerAsyncHookHandler; admin: preHandlerAsyncHookHandler };
  /** Retention sweep period in ms (0: off). Default one hour. */
  retentionSweepMs: number;
  /** Webhook dispatcher settings and sender (tests shorten the back-off). */
  webhooks: WebhookSetupOptions['overrides'];
}

/** The logger every part shares: message text, tokens and credentials never reach the log. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'token', '*.token', 'text', '*.text', 'password', '*.password'],
      censor: '[redacted]',
    },
  }, destination as pino.DestinationStream);
}

/** TRUST_PROXY for fastify: a hop count as proxy-addr's "trust the first n hops" function. */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/**
 * Builds the whole service from config; never listens (main.ts does). Tests pass temporary
 * adapters through `deps`. Everything created here is closed by `app.close()`.
 */
export async function buildApp(config: Config, deps: Partial<AppDeps> = {}): Promise<FastifyInstance> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  // Integrations (webhooks, email, metrics) hear of escalations, closes, cases and feedback here.
  const events = createEventHub(logger);
  // Masking keeps order ids of the configured shape, never gluing them into a card number.
  const orderIdPattern = config.orderIdPattern.search;
  const maskText = (text: string): string => maskSensitive(text, { orderIdPattern }).text;
  // The masking gate: every stored text passes maskText, whichever channel it came by.
  const metrics = createMetrics();
  events.on(countDomainEvents(metrics));
  const storage = observeStorage(
    withMasking(tapStorage(deps.storage ?? (await createStorage(config, logger, maskText)), events.emit), maskText),
    metrics,
  );
  const bus = deps.bus ?? (await createBus(config, logger));

  const intents = loadIntents(config.intentsDir);
  const labels = new Map(intents.map((i) => [i.name, i.label]));
  const model =
    deps.model ??
    (await loadOrTrainModel({ intentsDir: config.intentsDir, dataDir: config.dataDir, logger })).model;
  const parser = createParser({ model, threshold: config.confidenceThreshold, scopeThreshold: config.scopeThreshold, extractEntities: (t) => extractEntities(t, { orderIdPattern: config.orderIdPattern.search }) });
  const knowledge = createKnowledgeIndex(loadArticles(config.knowledgeDir), { brandName: config.brandName });

  const cases = createCaseService({ storage, clock: Date.now, settings: { followUpHours: config.caseFollowUpHours } });
  // Hand-off (issue 3): whether a person can take a chat now; read from storage, so it exists
  // before the conversation service that asks it (the offline fallback uses it).
  const availability =
    deps.availability ?? createAgentAvailability({ storage, clock: Date.now, businessHours: config.businessHours });
  const service = timeTurns(createConversationService({
    storage,
    cases,
    availability,
    bus,
    knowledge,
    nlu: {
      parse: (text) => parser.parse(text),
      labelOf: (name) => labels.get(name) ?? name.replace(/_/g, ' '),
      isFrustrated: detectFrustration,
    },
    redact: (text) => {
      const r = maskSensitive(text, { orderIdPattern });
      return { text: r.text, masked: r.found.length > 0 };
    },
    logger,
    settings: {
      brandName: config.brandName,
      maxMisses: config.maxMisses,
      clarifyOptions: config.clarifyOptions,
      orderIdPattern: config.orderIdPattern.source,
      refundWaitDays: config.refundWaitDays,
      caseFollowUpHours: config.caseFollowUpHours,
      emailEnabled: Boolean(config.smtpUrl),
    },
  }), metrics);
  const handoff = createHandoffService({
    storage,
    bus,
    conversations: service,
    clock: Date.now,
    logger,
    settings: { businessHours: config.businessHours, requeueGraceMs: config.agentGraceSeconds * 1000, autoAssign: config.autoAssign },
  });
  const auth = createSessionAuth({ store: storage.handoff, clock: Date.now });
  const staffGuards = deps.staffGuards ?? { agent: requireAgent('agent'), admin: requireAgent('admin') };
  const erasure = createErasureService({ storage, clock: Date.now, logger, settings: { retentionDays: config.retentionDays } });

  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 64 * 1024, trustProxy: trustProxyOption(config.trustProxy) });
  app.addHook('onClose', async () => {
    // Turns already accepted finish (and are stored) before storage closes.
    await service.idle();
    await handoff.stop();
    await bus.close();
    await storage.close();
  });

  // First: every route registered below inherits the root error handler (docs/errors.md).
  await app.register(errorHandlerPlugin);
  await app.register(websocket, { options: { maxPayload: 256 * 1024 }, preClose: closeGoingAway });
  // Prometheus /metrics behind METRICS_TOKEN and/or on METRICS_PORT (docs/metrics.md).
  openSocketsGauge(metrics, () => app.websocketServer.clients.size);
  await app.register(metricsPlugin, { registry: metrics.registry, token: config.metricsToken, port: config.metricsPort, host: config.host });
  // Agent sessions from the cookie + CSRF on state-changing requests, for every route below.
  await app.register(authPlugin, { auth });
  await app.register(customerSocket, {
    service,
    storage,
    bus,
    allowedOrigins: config.allowedOrigins,
    maxMessageChars: config.maxMessageChars,
    rateLimitFrames: config.rateLimitFrames,
    publicUrl: config.publicUrl,
    ...(config.identitySecret ? { identitySecret: config.identitySecret } : {}),
  });
  await app.register(nluRoutes, { parse: (text) => parser.parse(text), maxChars: config.maxMessageChars });
  // Agents: login/logout, the agent socket, the queue and agent actions over REST (docs/agent-protocol.md).
  await app.register(authRoutes, { auth, bus, secureCookies: config.publicUrl.startsWith('https:') });
  await app.register(agentSocket, { handoff, auth, bus, maxMessageChars: config.maxMessageChars, publicUrl: config.publicUrl });
  await app.register(queueRoutes, { handoff });
  await app.register(agentRoutes, { handoff });
  await app.register(conversationRoutes, { handoff, maxMessageChars: config.maxMessageChars });
  // Operators browse transcripts to label what the bot got wrong (GET /api/conversations).
  await app.register(conversationListRoutes, { storage, guard: requireAgent('operator') });
  // …and see week by week whether the bot gets better (GET /api/insights).
  await app.register(insightsRoutes, { storage, guard: requireAgent('operator') });
  // …and play the conversation tests (conversations/*.yml) against a private copy of this app,
  // understanding customers with the model this server answers with now.
  const conversationTests = createConversationTestRuns({
    dir: config.conversationsDir,
    startTarget: () => startRunTarget({ build: buildApp, config, model: parser.model }),
  });
  app.addHook('onClose', () => conversationTests.idle());
  await app.register(conversationTestRoutes, { runs: conversationTests, guard: requireAgent('operator') });
  await handoff.start();
  // Admins manage staff accounts: create, role, disable, reset password, remove.
  const accounts = createAccountService({ store: storage.handoff, bus, passwords: { hash: hashPassword, generate: () => generatePassword() } });
  await app.register(accountRoutes, { accounts, guard: staffGuards.admin });
  // Cases + feedback for staff, admin erasure and the retention sweep (docs/cases.md).
  await app.register(caseRoutes, { cases, guard: staffGuards.agent });
  await app.register(erasureRoutes, {
    erasure,
    guard: staffGuards.admin,
    ...(deps.retentionSweepMs !== undefined ? { sweepIntervalMs: deps.retentionSweepMs } : {}),
  });
  // Operators' loop: the active model version from storage (else the one above), hot swaps, /api/training.
  await setupTraining(app, {
    storage,
    bus,
    parser,
    baseModel: model,
    intents,
    logger,
    globalThreshold: config.confidenceThreshold,
    mask: maskText,
    operatorGuard: requireAgent('operator'),
    agentGuard: requireAgent('agent'),
  });
  await setupMail(app, { config, storage, events, logger, mask: (text) => maskSensitive(text, { orderIdPattern }).text });
  await setupWebhooks(app, { storage, events, logger, guard: requireAgent('operator'), ...(deps.webhooks ? { overrides: deps.webhooks } : {}) });
  await app.register(healthRoutes, { storage, model: () => ({ id: parser.model.meta.id, intents: parser.model.meta.intents.length }) });
  await app.register(helpRoutes, { knowledge, brandName: config.brandName });
  await app.register(webAssetRoutes, { brandName: config.brandName });
  return app;
}
