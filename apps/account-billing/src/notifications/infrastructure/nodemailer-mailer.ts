import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import { type Mail, type Mailer, MailRefusedError } from '../application/mailer';
import { DELIVERY_CONCURRENCY } from '../deliver-emails/handler';

export interface SmtpSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  /** The From header, e.g. `SMS Platform <no-reply@example.com>`. */
  from: string;
  /** Connect, greeting and idle socket timeouts; tests shorten them. */
  timeoutMs?: number;
}

/**
 * The Mailer over SMTP with nodemailer: a small pool of connections to the server of SMTP_URL, one e-mail per send.
 * A refusal is classified by the SMTP reply (RFC 5321): 5xx — except 503, a session out of step — is permanent;
 * 4xx, no reply at all (unreachable, timed out, dropped) and refused credentials (fixed by configuration, not by the
 * e-mail) are temporary.
 */
export class NodemailerMailer implements Mailer {
  readonly configured = true;
  private readonly transport: Transporter;

  constructor(settings: SmtpSettings) {
    const timeout = settings.timeoutMs ?? 30_000;
    this.transport = createTransport(
      { url: settings.url, pool: true, maxConnections: DELIVERY_CONCURRENCY, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2 },
      { from: settings.from },
    );
  }

  async send(mail: Mail): Promise<void> {
    try {
      await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    } catch (error) {
      throw refusal(error as NodemailerError);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** A nodemailer error as the port's refusal: permanent or temporary. */
export function refusal(error: NodemailerError): MailRefusedError {
  const code = error.responseCode;
  const credentials = error.code === 'EAUTH' || error.code === 'ENOAUTH';
  const permanent = !credentials && (code !== undefined ? code >= 500 && code !== 503 : error.code === 'EENVELOPE' || error.code === 'ECONFIG');
  return new MailRefusedError(error.response ?? error.message, !permanent, code);
}

/** No SMTP_URL: nothing is sent, every e-mail is recorded SKIPPED. */
export class NoMailer implements Mailer {
  readonly configured = false;

  async send(): Promise<void> {
    throw new MailRefusedError('no SMTP server configured', false);
  }

  async close(): Promise<void> {
    // nothing to close
  }
}
