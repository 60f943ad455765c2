import { Inject, Injectable } from '@nestjs/common';
import type { MessagesScreenedV1 } from '@sms/contracts';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { PriceCatalogueService } from '../../pricing/application/price-catalogue.service';
import type { AccountRepository } from '../application/account-repository';
import { causedBy } from '../application/event-metadata';
import { ACCOUNT_REPOSITORY } from '../application/tokens';
import type { ReserveFundsItem } from '../domain/account.commands';
import { REFUSED_RESERVATION_EVENT_TYPE, REFUSED_RESERVATIONS_STREAM, refuseUnknownAccount } from '../domain/refused-reservations';

export type ReserveOutcome = 'reserved' | 'nothing-to-do' | 'refused-unknown-account';

/**
 * Reserves funds for the cleared messages of one screened batch: one append on the account's stream for the whole
 * batch. The outbox turns the committed FundsReserved into `sms.funds-reserved.v1`.
 */
@Injectable()
export class ReserveFundsHandler {
  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalogue: PriceCatalogueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent<MessagesScreenedV1>): Promise<ReserveOutcome> {
    const screened = event.data;
    if (screened.cleared.length === 0) return 'nothing-to-do';
    const at = this.clock.now();
    const pricer = await this.catalogue.pricerAt(at);
    const items: ReserveFundsItem[] = screened.cleared.map((message) => ({
      messageId: message.messageId,
      segments: message.segments,
      unitPriceMinor: pricer ? pricer.price(screened.kind, message.countryCode, message.operator) : null,
    }));
    const metadata = causedBy(event);
    const result = await this.accounts.execute(
      screened.accountId,
      { type: 'ReserveFunds', batchId: screened.batchId, currency: pricer?.currency ?? '', items, at },
      { eventId: () => deterministicId(event.id, 'reserve-funds'), metadata },
    );
    if (result.ok) return result.events.length > 0 ? 'reserved' : 'nothing-to-do';
    if (result.rejection.code !== 'ACCOUNT_NOT_FOUND') throw new Error(`Unexpected rejection reserving funds: ${result.rejection.code}`);

    const refused = refuseUnknownAccount(screened.accountId, screened.batchId, items.map((i) => i.messageId), at);
    if (!refused) return 'nothing-to-do';
    await this.store.appendToStream(
      REFUSED_RESERVATIONS_STREAM,
      { id: deterministicId(event.id, 'refuse-reservation'), type: REFUSED_RESERVATION_EVENT_TYPE, data: refused, metadata },
      { expectedRevision: 'any' },
    );
    return 'refused-unknown-account';
  }
}
