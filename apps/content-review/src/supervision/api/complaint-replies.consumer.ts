import { Injectable, OnModuleDestroy, OnModuleInit, Inject } from '@nestjs/common';
import { INBOUND_MESSAGE_V1, PUBLIC_TOPICS } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { RecordMoComplaintHandler } from '../record-mo-complaint/handler';

export const COMPLAINT_REPLIES_CONSUMER_GROUP = 'content-review.complaint-replies';

/**
 * Recipients' replies routed to an account (`sms.inbound`, published by dispatch): a complaint keyword records a
 * complaint (ADR 0034). Its own consumer group; a malformed payload is retried by the bus and then dead-lettered.
 */
@Injectable()
export class ComplaintRepliesConsumer implements OnModuleInit, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly recordMoComplaint: RecordMoComplaintHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: COMPLAINT_REPLIES_CONSUMER_GROUP,
      topics: [PUBLIC_TOPICS.inbound],
      handler: async (event) => {
        if (event.type === INBOUND_MESSAGE_V1) await this.recordMoComplaint.handle(event);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
