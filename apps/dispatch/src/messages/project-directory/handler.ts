import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountStatusChangedV1,
  SIGNATURE_STATUS_CHANGED_V1,
  type SignatureStatusChangedV1,
  TEMPLATE_STATUS_CHANGED_V1,
  type TemplateStatusChangedV1,
} from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import type { SendDirectory } from '../application/send-directory';
import type { SignatureExtensions } from '../application/signature-extensions';
import { DISPATCH_DATABASE, SEND_DIRECTORY, SIGNATURE_EXTENSIONS } from '../application/tokens';
import { HaltAccountHandler } from '../halt-account/handler';

/**
 * Keeps the directory a send is decided against: account statuses, signatures and templates as they change. A signature
 * seen APPROVED for the first time gets its extension code in the same unit (replies to it reach its account).
 */
@Injectable()
export class ProjectDirectoryHandler {
  constructor(
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
    @Inject(SIGNATURE_EXTENSIONS) private readonly extensions: Pick<SignatureExtensions, 'allocate'>,
    @Optional() private readonly halt?: HaltAccountHandler,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    // An account that stops (frozen, suspended, terminated) first has its unsent messages cancelled — before the
    // claim, so a crash in between repeats the (idempotent) halt on redelivery instead of losing it.
    if (event.type === ACCOUNT_STATUS_CHANGED_V1 && this.halt) {
      const { accountId, status, changedAt } = event.data as AccountStatusChangedV1;
      const account = await this.directory.accountOf(accountId);
      // A late event about an older status says nothing of now.
      if (!account || account.changedAt <= changedAt) await this.halt.handle(accountId, status);
    }
    await applyOnce(this.db, 'projections', event.id, async () => {
      if (event.type === ACCOUNT_STATUS_CHANGED_V1) {
        const { accountId, status, currency, changedAt } = event.data as AccountStatusChangedV1;
        await this.directory.saveAccount({ accountId, status, currency, changedAt });
      } else if (event.type === SIGNATURE_STATUS_CHANGED_V1) {
        const { signatureId, accountId, name, status, changedAt } = event.data as SignatureStatusChangedV1;
        await this.directory.saveSignature({ signatureId, accountId, name, status, changedAt });
        // Only an approved signature sends, so only it needs a code; a later revocation keeps it (never reused).
        if (status === 'APPROVED') await this.extensions.allocate({ signatureId, accountId, at: changedAt });
      } else if (event.type === TEMPLATE_STATUS_CHANGED_V1) {
        const { templateId, accountId, name, kind, content, status, changedAt } = event.data as TemplateStatusChangedV1;
        await this.directory.saveTemplate({ templateId, accountId, name, kind, content, status, changedAt });
      }
    });
  }
}
