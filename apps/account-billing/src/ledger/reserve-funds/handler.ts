import { Inject, Injectable, Optional } from '@nestjs/common';
import type { MessageKind, MessageReviewDecidedV1, MessagesScreenedV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import { AccountBillingConfig } from '../../account-billing.config';
import { PriceCatalogueService } from '../../pricing/application/price-catalogue.service';
import type { AccountCommands, RefusedReservationCommands } from '../application/command-handlers';
import { causedBy, decidedIds } from '../application/event-metadata';
import { ACCOUNT_COMMANDS, REFUSED_RESERVATION_COMMANDS } from '../application/tokens';
import type { ReserveFundsItem } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { decideRefusal, REFUSED_RESERVATIONS_STREAM } from '../domain/refused-reservations';

export type ReserveOutcome = 'reserved' | 'nothing-to-do' | 'refused-unknown-account';

/**
 * Reserves funds for the cleared messages of one screened batch: one append on the account's stream for the whole
 * batch. The outbox turns the committed FundsReserved into `sms.funds-reserved.v1`. Event ids derive from the
 * consumed event, so a redelivery appends nothing. Messages are priced by the version in force when they are
 * submitted (terms §2.3), which is later: when a version takes effect within PRICE_RESERVATION_HORIZON_HOURS, each
 * message also carries its price under that version (`next`), the decider reserves the higher of the two and
 * settlement captures at the one in force at submission (ADR 0024).
 */
@Injectable()
export class ReserveFundsHandler {
  private readonly horizonMs: number;
  private readonly termsVersion: string;

  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(REFUSED_RESERVATION_COMMANDS) private readonly refusals: RefusedReservationCommands,
    private readonly catalogue: PriceCatalogueService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() settings?: AccountBillingConfig,
  ) {
    const config = settings ?? new AccountBillingConfig();
    this.horizonMs = config.PRICE_RESERVATION_HORIZON_HOURS * 3_600_000;
    this.termsVersion = config.TERMS_VERSION;
  }

  async handle(event: IntegrationEvent<MessagesScreenedV1>): Promise<ReserveOutcome> {
    const screened = event.data;
    if (screened.cleared.length === 0) return 'nothing-to-do';
    return this.reserve(event, { accountId: screened.accountId, batchId: screened.batchId, kind: screened.kind, messages: screened.cleared });
  }

  /**
   * A reviewer released a message screening held (ADR 0036): it is reserved like a cleared message, priced the same
   * way, under the key `review:<messageId>` — the batch itself was reserved already (or had nothing cleared), and a
   * redelivered decision must reserve nothing twice. The FundsReserved still names the batch, so dispatch routes the
   * message from the batch's stream. A blocked message is never reserved.
   */
  async release(event: IntegrationEvent<MessageReviewDecidedV1>): Promise<ReserveOutcome> {
    const decided = event.data;
    if (!decided.released) return 'nothing-to-do';
    const message = { messageId: decided.messageId, segments: decided.segments, countryCode: decided.countryCode, operator: decided.operator };
    return this.reserve(event, { accountId: decided.accountId, batchId: decided.batchId, kind: decided.kind, key: releaseKey(decided.messageId), messages: [message] });
  }

  private async reserve(event: IntegrationEvent<unknown>, request: ReserveRequest): Promise<ReserveOutcome> {
    const at = this.clock.now();
    const pricer = await this.catalogue.pricerAt(at);
    const upcoming = pricer ? await this.catalogue.nextWithin(at, this.horizonMs) : null;
    // A version in another currency cannot price this account's messages (the catalogue refuses to announce one).
    const next = upcoming && upcoming.currency === pricer?.currency ? upcoming : null;
    const items: ReserveFundsItem[] = request.messages.map((message) => ({
      messageId: message.messageId,
      segments: message.segments,
      unitPriceMinor: pricer ? pricer.price(request.kind, message.countryCode, message.operator) : null,
      ...(next ? { next: { effectiveAt: next.effectiveAt, unitPriceMinor: next.price(request.kind, message.countryCode, message.operator) } } : {}),
    }));
    const metadata = causedBy(event);
    // The terms in force: a customer who never clicked or sealed them accepts them by this first actual use (preamble).
    const command = {
      type: 'ReserveFunds' as const,
      batchId: request.batchId,
      ...(request.key !== undefined ? { key: request.key } : {}),
      currency: pricer?.currency ?? '',
      items,
      at,
      termsVersion: this.termsVersion,
    };
    const result = await this.accounts.handle(accountStream(request.accountId), (state) => decide(command, state), {
      eventId: decidedIds(event.id, 'reserve-funds'),
      metadata,
    });
    if (result.ok) return result.events.length > 0 ? 'reserved' : 'nothing-to-do';
    if (result.rejection.code !== 'ACCOUNT_NOT_FOUND') throw new Error(`Unexpected rejection reserving funds: ${result.rejection.code}`);

    const refusal = { type: 'RefuseReservations' as const, accountId: request.accountId, batchId: request.batchId, messageIds: items.map((i) => i.messageId), at };
    const refused = await this.refusals.handle(REFUSED_RESERVATIONS_STREAM, () => decideRefusal(refusal), {
      eventId: () => deterministicId(event.id, 'refuse-reservation'),
      metadata,
    });
    return refused.ok && refused.events.length > 0 ? 'refused-unknown-account' : 'nothing-to-do';
  }
}

/** The once-only key of a reviewer's release of one message (ADR 0036). */
export const releaseKey = (messageId: string): string => `review:${messageId}`;

interface ReserveRequest {
  accountId: string;
  batchId: string;
  kind: MessageKind;
  /** The reservation's once-only key when it is not the batch id. */
  key?: string;
  messages: ReadonlyArray<{ messageId: string; segments: number; countryCode: string; operator: string }>;
}
