import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { AccountCommands } from '../../ledger/application/command-handlers';
import { ACCOUNT_BILLING_DB, ACCOUNT_COMMANDS } from '../../ledger/application/tokens';
import { accountStream } from '../../ledger/domain/account.events';
import { type Mailer, MailRefusedError } from '../application/mailer';
import type { DueEmail, NotificationStore } from '../application/notification-store';
import { MAILER, NOTIFICATION_STORE } from '../application/tokens';
import { afterAttempt, type EmailDeliveryUpdate, maskEmail, maskEmailsInText, type SendOutcome } from '../domain/email-delivery';

/** E-mails read from the queue at a time, and sent side by side (the SMTP pool's connections). */
export const DELIVERY_PAGE = 50;
export const DELIVERY_CONCURRENCY = 4;

export const NO_SMTP = 'no SMTP server configured (SMTP_URL)';
export const NO_ADDRESS = 'the account has no contact e-mail: its personal data was erased';

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/**
 * Sends the notifications' e-mails that are due (by the injected clock), each to the account's contact e-mail as the
 * account stream holds it now (sealed there, ADR 0016; never copied into the queue). Each outcome is recorded after the
 * attempt: SENT, PENDING again with a later time (4xx or no answer, backoff), FAILED, or SKIPPED. A crash between the
 * server's acceptance and that record sends the e-mail again after the restart (with the same Message-ID, so the
 * receiving side can tell), never loses it; once SENT is recorded it is never sent again.
 */
@Injectable()
export class DeliverEmailsHandler {
  private readonly logger = new Logger('Notifications');
  private tail: Promise<unknown> = Promise.resolve();
  private queued?: Promise<DeliveryRun>;

  constructor(
    @Inject(NOTIFICATION_STORE) private readonly notifications: NotificationStore,
    @Inject(ACCOUNT_BILLING_DB) private readonly db: UnitOfWork,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Delivers everything due now. Runs never overlap: a call while one runs is served by the next run, which every
   * caller waiting meanwhile shares.
   */
  deliverDue(): Promise<DeliveryRun> {
    this.queued ??= this.tail.then(() => {
      this.queued = undefined;
      return this.run();
    });
    const run = this.queued;
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the run under way (and any queued) has recorded its outcomes. */
  async settled(): Promise<void> {
    await this.tail;
  }

  private async run(): Promise<DeliveryRun> {
    const totals: DeliveryRun = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    for (;;) {
      const now = this.clock.now().toISOString();
      // Read in a unit of work: it runs after the projection's commit that queued them, never inside it.
      const due = await this.db.transaction(() => this.notifications.dueEmails(now, DELIVERY_PAGE));
      for (let i = 0; i < due.length; i += DELIVERY_CONCURRENCY) {
        const updates = await Promise.all(due.slice(i, i + DELIVERY_CONCURRENCY).map((email) => this.deliver(email)));
        for (const update of updates) {
          if (update.status === 'SENT') totals.sent++;
          else if (update.status === 'PENDING') totals.retrying++;
          else if (update.status === 'FAILED') totals.failed++;
          else totals.skipped++;
        }
      }
      // What was retried is due later; a short page was the last.
      if (due.length < DELIVERY_PAGE) {
        if (totals.sent + totals.retrying + totals.failed > 0) this.logger.log(`e-mails: ${totals.sent} sent, ${totals.retrying} to retry, ${totals.failed} failed, ${totals.skipped} skipped`);
        return totals;
      }
    }
  }

  private async deliver(email: DueEmail): Promise<EmailDeliveryUpdate> {
    const update = await this.attempt(email);
    await this.db.transaction(() => this.notifications.updateEmail(email.notificationId, update));
    return update;
  }

  private async attempt(email: DueEmail): Promise<EmailDeliveryUpdate> {
    if (!this.mailer.configured) return { status: 'SKIPPED', attempts: email.attempts, reason: NO_SMTP };
    const { state } = await this.accounts.load(accountStream(email.accountId));
    const to = state.contactEmail;
    if (!to || to === PERSONAL_DATA_DESTROYED || state.erasedAt) return { status: 'SKIPPED', attempts: email.attempts, reason: NO_ADDRESS };
    let outcome: SendOutcome;
    try {
      await this.mailer.send({ to, subject: email.subject, text: email.body, messageId: `<${email.notificationId}@notifications.sms-platform>` });
      outcome = { ok: true };
    } catch (error) {
      const message = maskEmailsInText(error instanceof Error ? error.message : String(error));
      outcome = { ok: false, temporary: error instanceof MailRefusedError ? error.temporary : true, error: message };
    }
    const update = afterAttempt(email.attempts, outcome, this.clock.now());
    const where = `e-mail of notification ${email.notificationId} to ${maskEmail(to)}`;
    if (update.status === 'SENT') this.logger.debug(`${where} sent`);
    else if (update.status === 'PENDING') this.logger.warn(`${where} refused (attempt ${update.attempts}), trying again at ${update.nextAttemptAt}: ${update.reason}`);
    else if (update.status === 'FAILED') this.logger.error(`${where} failed for good: ${update.reason}`);
    return update;
  }
}
