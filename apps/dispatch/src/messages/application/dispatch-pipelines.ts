import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  DELIVERY_REPORT_V1,
  DeliveryReportV1,
  INTERNAL_TOPICS,
  MESSAGES_ACCEPTED_V1,
  MESSAGES_ROUTED_V1,
  MessagesAcceptedV1,
  MessagesRoutedV1,
  PUBLIC_TOPICS,
  SOURCES,
} from '@sms/contracts';
import { CheckpointStore, EVENT_STORE, EventStore, RecordedEvent, RunningSubscription } from '@sms/event-store';
import { IntegrationEvent, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { integrationEvent, SubscriptionPipelines, transaction } from '@sms/service-kit';
import { BatchAccepted, BatchRouted, DeliveryReportsRecorded, DISPATCH_EVENTS } from '../domain/events';
import { DispatchStore } from '../infrastructure/dispatch-store';
import { DISPATCH_CHECKPOINTS, DISPATCH_STORE } from '../infrastructure/tokens';

/**
 * Turns what dispatch committed into read-model rows and integration events (the outbox). One subscription per
 * event type so a slow hop (routing) never holds up accepting new batches.
 */
@Injectable()
export class DispatchPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('DispatchPipelines');
  private accepted?: RunningSubscription;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DISPATCH_STORE) private readonly dispatch: DispatchStore,
    @Inject(DISPATCH_CHECKPOINTS) private readonly checkpoints: CheckpointStore,
  ) {}

  onApplicationBootstrap(): void {
    this.accepted = this.pipeline('dispatch.accepted', DISPATCH_EVENTS.batchAccepted, async (events) => {
      // Rows first, then the event downstream: screening results can only come back for messages we hold.
      transaction(this.dispatch.db, () => events.forEach((e) => this.dispatch.insertBatch(e.data as BatchAccepted)));
      await this.bus.publish(INTERNAL_TOPICS.messagesAccepted, events.map(toMessagesAccepted));
    });
    this.pipeline('dispatch.routed', DISPATCH_EVENTS.batchRouted, (events) =>
      this.bus.publish(INTERNAL_TOPICS.messagesRouted, events.map(toMessagesRouted)),
    );
    this.pipeline('dispatch.receipts', DISPATCH_EVENTS.deliveryReportsRecorded, (events) =>
      this.bus.publish(PUBLIC_TOPICS.deliveryReceipts, events.flatMap(toDeliveryReports)),
    );
  }

  async acceptedCaughtUp(): Promise<void> {
    await this.accepted?.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipelines.stop();
  }

  private pipeline(name: string, type: string, handle: (events: RecordedEvent[]) => Promise<void>): RunningSubscription {
    return this.pipelines.run({ store: this.store, checkpoints: this.checkpoints, name, filter: { eventTypePrefixes: [type] }, handle });
  }
}

function toMessagesAccepted(recorded: RecordedEvent): IntegrationEvent<MessagesAcceptedV1> {
  const b = recorded.data as BatchAccepted;
  return integrationEvent(recorded, MESSAGES_ACCEPTED_V1, SOURCES.dispatch, b.accountId, {
    batchId: b.batchId,
    accountId: b.accountId,
    kind: b.kind,
    signatureId: b.signatureId,
    templateId: b.templateId,
    acceptedAt: b.acceptedAt,
    messages: b.messages,
  });
}

function toMessagesRouted(recorded: RecordedEvent): IntegrationEvent<MessagesRoutedV1> {
  const r = recorded.data as BatchRouted;
  return integrationEvent(recorded, MESSAGES_ROUTED_V1, SOURCES.dispatch, r.accountId, {
    batchId: r.batchId,
    accountId: r.accountId,
    channelId: r.channelId,
    routedAt: r.routedAt,
    messages: r.messages,
  });
}

function toDeliveryReports(recorded: RecordedEvent): Array<IntegrationEvent<DeliveryReportV1>> {
  const d = recorded.data as DeliveryReportsRecorded;
  return d.reports.map((report, index) =>
    integrationEvent<DeliveryReportV1>(recorded, DELIVERY_REPORT_V1, SOURCES.dispatch, d.accountId, { ...report, accountId: d.accountId }, index),
  );
}
