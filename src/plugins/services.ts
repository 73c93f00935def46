/**
 * The product's services over the shared infrastructure: cases, the conversation service, the
 * hand-off, agent sessions and erasure. Factories only; the hand-off's background work (queue
 * subscription, requeue sweep) starts when the app is ready and stops when it closes.
 */
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createAccountService, type AccountService } from '../accounts/service';
import { createCaseService, type CaseService } from '../cases/service';
import type { Config } from '../config';
import { createErasureService, type ErasureService } from '../conversation/erasure';
import type { AgentAvailability } from '../conversation/ports';
import { createConversationService, type ConversationService } from '../conversation/service';
import { createHandoffService, type HandoffService } from '../handoff/service';
import { generatePassword, hashPassword } from '../http/auth/password';
import { createSessionAuth, type SessionAuth } from '../http/auth/sessions';
import { timeTurns } from '../metrics/observe-turns';
import { maskSensitive } from '../privacy';

export interface Services {
  cases: CaseService;
  conversations: ConversationService;
  handoff: HandoffService;
  /** Agent logins and cookie sessions. */
  sessions: SessionAuth;
  erasure: ErasureService;
  /** Staff accounts for admins (and the CLI): create, role, disable, reset password, remove. */
  accounts: AccountService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export type ServiceSettings = Pick<
  Config,
  | 'brandName'
  | 'maxMisses'
  | 'clarifyOptions'
  | 'orderIdPattern'
  | 'refundWaitDays'
  | 'caseFollowUpHours'
  | 'smtpUrl'
  | 'businessHours'
  | 'agentGraceSeconds'
  | 'autoAssign'
  | 'retentionDays'
>;

export interface ServicesPluginOptions {
  config: ServiceSettings;
  logger: Logger;
  /** Whether a person can take a chat (tests). Default: the hand-off's own. */
  availability?: AgentAvailability;
}

export const servicesPlugin = fp<ServicesPluginOptions>(
  async (app, { config, logger, availability: given }) => {
    const { storage, bus, knowledge, metrics } = app;
    const orderIdPattern = config.orderIdPattern.search;
    const cases = createCaseService({ storage, clock: Date.now, settings: { followUpHours: config.caseFollowUpHours } });
    // One availability, the hand-off's (it knows how stale a console heartbeat may be). The
    // conversation service is built first, since the hand-off drives it, so it asks through this.
    const availability: AgentAvailability = given ?? { check: () => handoff.availability.check() };
    const conversations = timeTurns(
      createConversationService({
        storage,
        cases,
        availability,
        bus,
        knowledge,
        nlu: app.nlu.understanding,
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
      }),
      metrics,
    );
    const handoff = createHandoffService({
      storage,
      bus,
      conversations,
      clock: Date.now,
      logger,
      settings: { businessHours: config.businessHours, requeueGraceMs: config.agentGraceSeconds * 1000, autoAssign: config.autoAssign },
    });
    app.addHook('onReady', () => handoff.start());
    app.addHook('onClose', async () => {
      // Turns already accepted finish (and are stored) before storage closes.
      await conversations.idle();
      await handoff.stop();
    });
    app.decorate('services', {
      cases,
      conversations,
      handoff,
      sessions: createSessionAuth({ store: storage.handoff, clock: Date.now }),
      erasure: createErasureService({ storage, clock: Date.now, logger, settings: { retentionDays: config.retentionDays } }),
      accounts: createAccountService({ store: storage.handoff, bus, passwords: { hash: hashPassword, generate: () => generatePassword() } }),
    });
  },
  { name: 'services', dependencies: ['storage', 'bus', 'nlu', 'knowledge', 'events'] },
);
