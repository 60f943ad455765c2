/** One e-mail: plain text, to one address. `messageId` is the notification's, so a receiver can tell a repeat. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** The server's refusal. `temporary`: 4xx or no answer (unreachable, timed out) — worth trying again later. */
export class MailRefusedError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailRefusedError';
  }
}

/** Sends e-mail (SMTP through nodemailer in the service, `SMTP_URL`). */
export interface Mailer {
  /** False when no SMTP server is configured: deliveries are then SKIPPED, never failed. */
  readonly configured: boolean;
  /** Resolves once the server accepted the e-mail; rejects with MailRefusedError otherwise. */
  send(mail: Mail): Promise<void>;
  close(): Promise<void>;
}
