import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ACCOUNT_BALANCE_V1,
  type DeliveryReportedV1,
  type FundsReservedV1,
  INTERNAL_TOPICS,
  MESSAGE_REVIEW_DECIDED_V1,
  MESSAGES_RETURNED_V1,
  type MessagesScreenedV1,
  type MessagesSubmittedV1,
  PRICE_CATALOGUE_V1,
} from '@sms/contracts';
import { type BusSubscription, type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { ProjectBalancesHandler } from '../project-balances/handler';
import { ProjectDirectoryHandler } from '../project-directory/handler';
import { parseAccountBalance, parsePriceCatalogue } from './balance-payloads';
import { parseMessageReviewDecided } from './review-payloads';
import { RecordScreeningHandler } from '../record-screening/handler';
import { RecordSubmissionsHandler } from '../record-submissions/handler';
import { ReportDeliveriesHandler } from '../report-deliveries/handler';
import { RerouteReturnedHandler } from '../reroute-returned/handler';
import { RouteBatchHandler } from '../route-batch/handler';

/**
 * Dispatch's inputs from other services: one consumer group per topic, each handing the event to its use case.
 * Every handler tolerates redelivery (inbox claim, or ids derived from the consumed event).
 */
@Injectable()
export class MessageEventConsumers implements OnModuleInit, OnModuleDestroy {
  private readonly subscriptions: BusSubscription[] = [];

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly directory: ProjectDirectoryHandler,
    private readonly screening: RecordScreeningHandler,
    private readonly routing: RouteBatchHandler,
    private readonly submissions: RecordSubmissionsHandler,
    private readonly deliveries: ReportDeliveriesHandler,
    private readonly returned: RerouteReturnedHandler,
    private readonly balances: ProjectBalancesHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    const on = async (groupId: string, topics: string[], handle: (event: IntegrationEvent) => Promise<void>) => {
      this.subscriptions.push(await this.bus.subscribe({ groupId, topics, handler: (event) => handle(event) }));
    };
    // Balance reports share the accounts topic (and its order per account) with status changes (ADR 0027).
    await on('dispatch.projections', [INTERNAL_TOPICS.accounts, INTERNAL_TOPICS.review], (e) =>
      e.type === ACCOUNT_BALANCE_V1 ? this.balances.balance(parseAccountBalance(e.data)) : this.directory.handle(e),
    );
    await on('dispatch.prices', [INTERNAL_TOPICS.prices], async (e) => {
      if (e.type === PRICE_CATALOGUE_V1) await this.balances.priceCatalogue(parsePriceCatalogue(e.data));
    });
    // A reviewer's decision on a held message shares the topic and key: it comes after the outcome that held it (ADR 0036).
    await on('dispatch.screening', [INTERNAL_TOPICS.messagesScreened], (e) =>
      e.type === MESSAGE_REVIEW_DECIDED_V1
        ? this.screening.decided({ ...e, data: parseMessageReviewDecided(e.data) })
        : this.screening.handle(e as IntegrationEvent<MessagesScreenedV1>),
    );
    await on('dispatch.funds', [INTERNAL_TOPICS.fundsReserved], (e) => this.routing.handle(e as IntegrationEvent<FundsReservedV1>));
    // The same topic carries what the carrier handed back (ADR 0018): in one group, a message's hand-back and its later submission stay in order.
    await on('dispatch.submissions', [INTERNAL_TOPICS.submissions], (e) =>
      e.type === MESSAGES_RETURNED_V1 ? this.returned.handle(e) : this.submissions.handle(e as IntegrationEvent<MessagesSubmittedV1>),
    );
    await on('dispatch.receipts', [INTERNAL_TOPICS.deliveryReports], (e) => this.deliveries.handle(e as IntegrationEvent<DeliveryReportedV1>));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
  }
}
