import type { Logger } from 'pino';
import type { DomainEvent } from '../events/types';
import type { MessageRecord } from '../storage/types';
import { headerText, isPlainAddress } from './header-safe';
import { caseConfirmation, caseStatusChanged, transcript, type MailContent, type TemplateContext } from './templates';

/** The slice of a nodemailer transport the service uses. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<{ messageId?: string }>;
  close?(): void;
}

export interface MailServiceDeps {
  transport: MailTransport;
  /** Config `MAIL_FROM`, e.g. `PayLater Support <support@paylater.example>`. */
  from: string;
  brandName: string;
  /** Masks card numbers and the like in any text that goes out (privacy's maskSensitive). */
  mask: (text: string) => string;
  logger?: Logger;
  formatTime?: TemplateContext['formatTime'];
}

/** Thrown for a recipient that is not one plain address. */
export class MailAddressError extends Error {
  override name = 'MailAddressError';
}

/**
 * Email for customers: a confirmation when a case with an email is opened (or a case opened without
 * one is given an email), a note when its status
 * changes, and a chat transcript on request. Every subject and body is masked and every header
 * value is one clean line before it reaches the transport.
 * @example
 * const mail = createMailService({ transport: nodemailer.createTransport(config.smtpUrl), from: config.mailFrom, brandName, mask });
 * events.on((e) => mail.onEvent(e));
 */
export function createMailService(deps: MailServiceDeps) {
  const ctx: TemplateContext = { brandName: deps.brandName, ...(deps.formatTime ? { formatTime: deps.formatTime } : {}) };
  const from = fromHeader(deps.from);

  async function send(to: string, content: MailContent, kind: string): Promise<void> {
    if (!isPlainAddress(to)) throw new MailAddressError('the recipient must be one email address like name@example.com');
    const info = await deps.transport.sendMail({
      from,
      to,
      subject: headerText(deps.mask(content.subject)),
      text: deps.mask(content.text),
    });
    deps.logger?.info({ kind, messageId: info.messageId }, 'email sent');
  }

  return {
    /**
     * Sends what an event calls for; resolves when the SMTP server accepted it. Events without an
     * email address (most escalations) send nothing.
     */
    async onEvent(event: DomainEvent): Promise<void> {
      // A case opened without an email gets its confirmation when the email is given.
      if ((event.type === 'case.created' || (event.type === 'case.updated' && event.change === 'email')) && event.case.email) {
        await send(event.case.email, caseConfirmation(event.case, ctx), 'case confirmation');
      } else if (event.type === 'case.updated' && event.case.email) {
        await send(event.case.email, caseStatusChanged(event.case, ctx), 'case status');
      }
    },
    /** The chat so far, to `to`. Throws MailAddressError for anything but one plain address. */
    sendTranscript: (to: string, messages: MessageRecord[]) => send(to, transcript(messages, ctx), 'transcript'),
    close: () => deps.transport.close?.(),
  };
}

export type MailService = ReturnType<typeof createMailService>;

/** `Name <address>` or a bare address, with the display name made one safe line. */
function fromHeader(raw: string): string {
  const m = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(raw);
  if (!m) return headerText(raw);
  const name = headerText(m[1]!.replace(/^"|"$/g, '')).replace(/["\\]/g, '');
  const address = headerText(m[2]!);
  return name ? `"${name}" <${address}>` : address;
}
