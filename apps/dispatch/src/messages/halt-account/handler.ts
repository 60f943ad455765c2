import { Inject, Injectable, Logger } from '@nestjs/common';
import { accountHaltCode, type AccountStatus, type MessageStatus } from '@sms/contracts';
import { CLOCK, type Clock } from '@sms/service-kit';
import { CancelMessagesHandler } from '../cancel-message/handler';
import type { MessageReadModel, MessageRecord } from '../application/message-read-model';
import { MESSAGE_READ_MODEL } from '../application/tokens';

/** Messages read per page while halting an account. */
const PAGE = 500;
/** What dispatch still holds of an account: the carrier stops what it holds itself, on the same account event. */
const HELD_HERE: MessageStatus[] = ['SCHEDULED', 'ACCEPTED', 'HELD'];

/**
 * Stop transmission (terms §7; DOMAIN §7): when an account is frozen, suspended or terminated, every message of it
 * that dispatch still holds — scheduled, accepted and not yet routed, or held for a reviewer — is cancelled at once and
 * never billed (the reservations of those already reserved, or of a held one a reviewer releases later (ADR 0036),
 * are released when routing withdraws them). What is queued at a carrier is
 * dropped by the carrier itself, which hears the same account event; what arrives at routing later is withdrawn
 * there, and a scheduled batch whose time comes while its account is halted is cancelled then.
 * Idempotent: a repeated halt finds nothing left to cancel.
 */
@Injectable()
export class HaltAccountHandler {
  private readonly logger = new Logger('HaltAccount');

  constructor(
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    private readonly cancel: CancelMessagesHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(accountId: string, status: AccountStatus): Promise<number> {
    const code = accountHaltCode(status);
    if (code === undefined) return 0;
    const detail = `The account is ${status.toLowerCase()}`;
    let cancelled = 0;
    for (const held of HELD_HERE) {
      let after: MessageRecord | undefined;
      for (;;) {
        const page = await this.messages.query({ accountId, status: held, limit: PAGE, ...(after ? { after: { acceptedAt: after.acceptedAt, messageId: after.messageId } } : {}) });
        const byBatch = new Map<string, string[]>();
        for (const m of page) byBatch.set(m.batchId, [...(byBatch.get(m.batchId) ?? []), m.messageId]);
        const at = this.clock.now().toISOString();
        for (const [batchId, messageIds] of byBatch) cancelled += (await this.cancel.cancel(batchId, { messageIds, code, detail, at })).cancelled;
        if (page.length < PAGE) break;
        after = page[page.length - 1];
      }
    }
    if (cancelled > 0) this.logger.log(`account ${accountId} is ${status}: ${cancelled} unsent message(s) cancelled`);
    return cancelled;
  }
}
