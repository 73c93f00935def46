/**
 * Customer email when SMTP_URL and MAIL_FROM are set: a nodemailer transport and the mail service
 * listening to domain events, sent in the background (a slow SMTP server never delays a chat
 * turn). Without them `app.mail` is undefined and the widget is told email is off.
 */
import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createMailService, type MailService } from '../mail/service';

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailService | undefined;
  }
}

export interface MailPluginOptions {
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'brandName'>;
  logger: Logger;
}

export const mailPlugin = fp<MailPluginOptions>(
  async (app, { config, logger: parent }) => {
    if (!config.smtpUrl || !config.mailFrom) {
      app.decorate('mail', undefined);
      return;
    }
    const logger = parent.child({ part: 'mail' });
    const mail = createMailService({
      transport: nodemailer.createTransport(config.smtpUrl),
      from: config.mailFrom,
      brandName: config.brandName,
      mask: app.maskText,
      logger,
    });
    const inFlight = new Set<Promise<void>>();
    app.events.on((event) => {
      const sending = mail.onEvent(event).catch((err: unknown) => logger.error({ err, eventType: event.type }, 'email not sent'));
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    });
    app.addHook('onClose', async () => {
      await Promise.allSettled([...inFlight]);
      mail.close();
    });
    app.decorate('mail', mail);
  },
  { name: 'mail', dependencies: ['events', 'storage'] },
);
