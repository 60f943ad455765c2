import { Inject, Injectable } from '@nestjs/common';
import { type DeliveryReportV1, type MessagesSubmittedV1, PUBLIC_TOPICS } from '@sms/contracts';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { deterministicId } from '@sms/service-kit';
import { traceExtensions } from '../../causation';
import type { MessageReadModel } from '../application/message-read-model';
import { finalReceipt } from '../application/receipts';
import { MESSAGE_READ_MODEL } from '../application/tokens';
import type { BatchRoutingFailed } from '../domain/events';
import { statusOf } from '../record-submissions/handler';

/**
 * Final statuses no operator receipt announces (CONTRACTS.md: every final status goes out on `sms.delivery-receipts`,
 * and so to the webhook): a submission the operator refused (FAILED, by the same rule the status is recorded with)
 * and a message no channel serves (FAILED NO_ROUTE, from the committed BatchRoutingFailed). The receipt ids derive from
 * the event they answer, so a redelivery or a replay publishes the same ids and subscribers deduplicate.
 */
@Injectable()
export class ReportFailuresHandler {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
  ) {}

  /** The carrier's submit results (its own consumer group): those that end FAILED. */
  async submissions(event: IntegrationEvent<MessagesSubmittedV1>): Promise<void> {
    const { channelId, results } = event.data;
    const failed = results.flatMap((r) => {
      const update = statusOf(r, channelId);
      return update.status === 'FAILED' ? [{ messageId: r.messageId, errorCode: update.errorCode, doneAt: r.submittedAt }] : [];
    });
    await this.publish(event.id, failed, traceExtensions(event));
  }

  /** Messages of a batch no channel serves (a committed BatchRoutingFailed, `eventId` its id in the store). */
  async routingFailed(eventId: string, failure: BatchRoutingFailed, extensions: Record<string, string> = {}): Promise<void> {
    await this.publish(eventId, failure.messageIds.map((messageId) => ({ messageId, errorCode: failure.code, doneAt: failure.failedAt })), extensions);
  }

  /** A FAILED receipt for each known message, ids derived from the answered event. */
  private async publish(eventId: string, failed: Array<{ messageId: string; errorCode?: string; doneAt: string }>, extensions: Record<string, string>): Promise<void> {
    if (failed.length === 0) return;
    const known = await this.messages.findMany(failed.map((f) => f.messageId));
    const receipts: Array<IntegrationEvent<DeliveryReportV1>> = [];
    for (const { messageId, errorCode, doneAt } of failed) {
      const message = known.get(messageId);
      const receipt = message && finalReceipt(receiptId(eventId, messageId), message, { status: 'FAILED', errorCode, doneAt }, extensions);
      if (receipt) receipts.push(receipt);
    }
    if (receipts.length > 0) await this.bus.publish(PUBLIC_TOPICS.deliveryReceipts, receipts);
  }
}

/** The same scheme as an operator's receipt (report-deliveries): the answered event's id and the message's. */
export const receiptId = (eventId: string, messageId: string): string => deterministicId(eventId, 'delivery-report', messageId);
