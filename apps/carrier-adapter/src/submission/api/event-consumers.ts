import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_STATUS_CHANGED_V1, INTERNAL_TOPICS, MESSAGE_CANCELLATIONS_REQUESTED_V1, MESSAGES_ROUTED_V1 } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { CLOCK, type Clock, newId } from '@sms/service-kit';
import type { ChannelReceipt } from '../application/carrier-state.port';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CancelQueuedHandler } from '../cancel-queued/handler';
import { HaltAccountHandler } from '../halt-account/handler';
import { receiptTime } from '../domain/outcomes';
import { QueueRoutedHandler } from '../queue-routed/handler';
import { RecordOutcomesHandler } from '../record-outcomes/handler';

export const ROUTED_CONSUMER_GROUP = 'carrier-adapter.routed';
/** Account status changes (halts) and cancellation requests (ADR 0023). */
export const STOP_TRANSMISSION_CONSUMER_GROUP = 'carrier-adapter.stop-transmission';

/** What an operator channel emits as 'receipt' (SMPP deliver_sm receipt, CMPP/SGIP/SMGP reports later). */
interface ChannelReceiptEvent {
  operatorMessageId: string;
  status: string;
  err?: string;
  doneDate?: Date;
}

/** What an operator channel emits as 'inbound' (a message from a handset). */
interface ChannelInboundEvent {
  from: string;
  to: string;
  text: string;
  receivedAt?: Date;
}

/**
 * The adapter's inputs: routed messages from the bus (to queue-routed), account status changes (to halt-account) and
 * cancellation requests (to cancel-queued), and what operator channels emit — receipts and
 * inbound messages (to record-outcomes). Opened and closed by CarrierEngine rather than by Nest hooks of their own:
 * Nest runs one module's hooks concurrently, and shutdown must leave the bus group before the submit loop stops.
 */
@Injectable()
export class CarrierEventConsumers {
  private subscription?: BusSubscription;
  private stopping?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queueRouted: QueueRoutedHandler,
    private readonly recordOutcomes: RecordOutcomesHandler,
    private readonly haltAccount: HaltAccountHandler,
    private readonly cancelQueued: CancelQueuedHandler,
  ) {}

  /**
   * Joins the routed consumer group (every routed event is queued before its offset moves) and, at the same time, the
   * stop-transmission group (ADR 0023): account status changes and cancellation requests, in a group of the carrier's
   * own so a routed backlog never delays a halt.
   */
  async subscribe(): Promise<void> {
    const [routed, stopping] = await Promise.allSettled([
      this.bus.subscribe({
        groupId: ROUTED_CONSUMER_GROUP,
        topics: [INTERNAL_TOPICS.messagesRouted],
        handler: async (event) => {
          if (event.type === MESSAGES_ROUTED_V1) await this.queueRouted.handle(event);
        },
      }),
      this.bus.subscribe({
        groupId: STOP_TRANSMISSION_CONSUMER_GROUP,
        topics: [INTERNAL_TOPICS.accounts, INTERNAL_TOPICS.messageCancellations],
        handler: async (event) => {
          if (event.type === ACCOUNT_STATUS_CHANGED_V1) await this.haltAccount.handle(event);
          else if (event.type === MESSAGE_CANCELLATIONS_REQUESTED_V1) await this.cancelQueued.handle(event);
        },
      }),
    ]);
    if (routed.status === 'fulfilled') this.subscription = routed.value;
    if (stopping.status === 'fulfilled') this.stopping = stopping.value;
    // Joined concurrently (a Kafka group join takes seconds); one that failed fails the start, and the other is left.
    const failed = [routed, stopping].find((joined) => joined.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
  }

  /** Leaves the groups: a running handler call finishes first. */
  async close(): Promise<void> {
    await Promise.all([this.subscription?.close(), this.stopping?.close()]);
  }

  /** Hands the channel's receipts and inbound messages to record-outcomes. */
  listen(channel: OperatorChannel): void {
    channel.on('receipt', (r: ChannelReceiptEvent) => {
      // Intermediate states (ENROUTE, ACCEPTD) are not final; the operator sends another receipt later.
      if (r.status === 'ENROUTE') return;
      this.recordOutcomes.handle({
        kind: 'receipt',
        receipt: {
          channelId: channel.id,
          operatorMessageId: r.operatorMessageId,
          status: r.status as ChannelReceipt['status'],
          ...(r.status !== 'DELIVERED' && r.err ? { errorCode: r.err } : {}),
          doneAt: receiptTime(r.doneDate, this.clock.now()).toISOString(),
        },
      });
    });
    channel.on('inbound', (mo: ChannelInboundEvent) => {
      this.recordOutcomes.handle({
        kind: 'inbound',
        channelId: channel.id,
        message: { inboundId: newId(), from: mo.from, to: mo.to, content: mo.text, receivedAt: (mo.receivedAt ?? this.clock.now()).toISOString() },
      });
    });
  }
}
