/**
 * Wires customer email into the app when SMTP_URL is set: a nodemailer transport, the mail
 * service listening to domain events (sent in the background: a slow SMTP server never delays a
 * chat turn), and the widget's transcript routes (which say "off" without SMTP). One call from app.ts.
 */
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { EventHub } from '../../events/tap';
import { createMailService, type MailService } from '../../mail/service';
import type { Storage } from '../../storage/types';
import { transcriptRoutes } from './transcript';

export interface MailSetupOptions {
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'brandName'>;
  storage: Storage;
  events: EventHub;
  logger: Logger;
  mask: (text: string) => string;
}

/** @example const mail = await setupMail(app, { config, storage, events, logger, mask }) */
export async function setupMail(app: FastifyInstance, opts: MailSetupOptions): Promise<MailService | undefined> {
  const { config } = opts;
  let mail: MailService | undefined;
  if (config.smtpUrl && config.mailFrom) {
    const logger = opts.logger.child({ part: 'mail' });
    mail = createMailService({
      transport: nodemailer.createTransport(config.smtpUrl),
      from: config.mailFrom,
      brandName: config.brandName,
      mask: opts.mask,
      logger,
    });
    const service = mail;
    const inFlight = new Set<Promise<void>>();
    opts.events.on((event) => {
      const sending = service.onEvent(event).catch((err: unknown) => logger.error({ err, eventType: event.type }, 'email not sent'));
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    });
    app.addHook('onClose', async () => {
      await Promise.allSettled([...inFlight]);
      service.close();
    });
  }
  await app.register(transcriptRoutes, { storage: opts.storage, ...(mail ? { mail } : {}) });
  return mail;
}
