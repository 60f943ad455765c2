import { Inject, Injectable } from '@nestjs/common';
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
import { DISPATCH_DATABASE, SEND_DIRECTORY } from '../application/tokens';

/** Keeps the directory a send is decided against: account statuses, signatures and templates as they change. */
@Injectable()
export class ProjectDirectoryHandler {
  constructor(
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    await applyOnce(this.db, 'projections', event.id, async () => {
      if (event.type === ACCOUNT_STATUS_CHANGED_V1) {
        const { accountId, status, currency, changedAt } = event.data as AccountStatusChangedV1;
        await this.directory.saveAccount({ accountId, status, currency, changedAt });
      } else if (event.type === SIGNATURE_STATUS_CHANGED_V1) {
        const { signatureId, accountId, name, status, changedAt } = event.data as SignatureStatusChangedV1;
        await this.directory.saveSignature({ signatureId, accountId, name, status, changedAt });
      } else if (event.type === TEMPLATE_STATUS_CHANGED_V1) {
        const { templateId, accountId, name, kind, content, status, changedAt } = event.data as TemplateStatusChangedV1;
        await this.directory.saveTemplate({ templateId, accountId, name, kind, content, status, changedAt });
      }
    });
  }
}
