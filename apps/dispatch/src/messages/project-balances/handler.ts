import { Inject, Injectable } from '@nestjs/common';
import type { AccountBalanceV1, PriceCatalogueV1 } from '@sms/contracts';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { BalanceView } from '../application/balance-view';
import type { PendingCharges } from '../application/pending-charges';
import { BALANCE_VIEW, DISPATCH_DATABASE, PENDING_CHARGES } from '../application/tokens';

/**
 * Keeps dispatch's view of what a send can cost (ADR 0027): the latest balance report per account and every price
 * catalogue version. Both are idempotent by what they carry — a report by the account stream's revision, a version by
 * its number — so a redelivery or a late copy changes nothing, without an inbox claim.
 */
@Injectable()
export class ProjectBalancesHandler {
  constructor(
    @Inject(DISPATCH_DATABASE) private readonly db: UnitOfWork,
    @Inject(BALANCE_VIEW) private readonly view: BalanceView,
    @Inject(PENDING_CHARGES) private readonly pending: PendingCharges,
  ) {}

  async balance(report: AccountBalanceV1): Promise<void> {
    const { accountId, balanceMinor, availableMinor, revision, at } = report;
    await this.db.transaction(async () => {
      // Right after the write: a send reads the new figure and what it lets go together (no I/O between them).
      if (await this.view.saveBalance({ accountId, balanceMinor, availableMinor, revision, at })) this.pending.balanceReported(accountId, revision);
    });
  }

  async priceCatalogue(version: PriceCatalogueV1): Promise<void> {
    const { version: number, currency, effectiveAt, publishedAt, prices } = version;
    await this.db.transaction(() => this.view.savePriceVersion({ version: number, currency, effectiveAt, publishedAt, prices }));
  }
}
