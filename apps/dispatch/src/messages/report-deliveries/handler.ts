import { Inject, Injectable } from '@nestjs/common';
import { DELIVERY_REPORT_V1, type DeliveryReportedV1, type DeliveryReportV1, PUBLIC_TOPICS, SOURCES } from '@sms/contracts';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { deterministicId } from '@sms/service-kit';
import { applyOnce, type ReadModelDatabase } from '@sms/use-case-kit';
import { traceExtensions } from '../../causation';
import type { MessageReadModel, MessageRecord } from '../application/message-read-model';
import { DISPATCH_DATABASE, MESSAGE_READ_MODEL } from '../application/tokens';
import type { StatusUpdate } from '../domain/message-status';

type Report = DeliveryReportedV1['reports'][number];

/**
 * The carrier's delivery reports. The outcome is already in the carrier's stream, so dispatch appends nothing: it
 * publishes the public receipt of each report (ids derived from the consumed event, so a redelivery republishes
 * the same ids and subscribers deduplicate), then applies the statuses with the inbox claim. A crash between the
 * two republishes; never the reverse, so no receipt is lost.
 */
@Injectable()
export class ReportDeliveriesHandler {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
  ) {}

  async handle(event: IntegrationEvent<DeliveryReportedV1>): Promise<void> {
    const delivered = event.data;
    // The carrier echoes what it was given; reports from producers that do not are completed from the read model.
    const incomplete = delivered.reports.filter((r) => !isComplete(r)).map((r) => r.messageId);
    const known = incomplete.length > 0 ? await this.messages.findMany(incomplete) : new Map<string, MessageRecord>();
    const receipts = toDeliveryReports(event, known);
    if (receipts.length > 0) await this.bus.publish(PUBLIC_TOPICS.deliveryReceipts, receipts);
    // With the submission's facts the report knows (a one-part message's operator id is the one reported), so the
    // acknowledgement that usually comes after it finds nothing left to write.
    const updates = delivered.reports.map(
      (r): StatusUpdate => ({
        messageId: r.messageId,
        status: r.status,
        doneAt: r.doneAt,
        errorCode: r.status === 'DELIVERED' ? undefined : r.errorCode,
        channelId: delivered.channelId,
        ...(r.submittedAt !== undefined ? { submittedAt: r.submittedAt } : {}),
        ...(r.segments === 1 ? { operatorMessageIds: [r.operatorMessageId] } : {}),
      }),
    );
    await applyOnce(this.db, 'receipts', event.id, () => this.messages.advance(updates));
  }
}

const isComplete = (r: Report): boolean => r.phoneNumber !== undefined && r.operator !== undefined && r.segments !== undefined && r.submittedAt !== undefined;

/**
 * Maps each report to the public `sms.delivery-report.v1` CloudEvent: what the carrier echoed, else what the read
 * model holds (`known`). A report about a message neither knows is not ours to tell.
 */
export function toDeliveryReports(event: IntegrationEvent<DeliveryReportedV1>, known: Map<string, MessageRecord>): Array<IntegrationEvent<DeliveryReportV1>> {
  const { accountId } = event.data;
  const extensions = traceExtensions(event);
  const receipts: Array<IntegrationEvent<DeliveryReportV1>> = [];
  for (const r of event.data.reports) {
    const row = isComplete(r) ? undefined : known.get(r.messageId);
    const phoneNumber = r.phoneNumber ?? row?.phoneNumber;
    const operator = r.operator ?? row?.operator;
    const segments = r.segments ?? row?.segments;
    if (phoneNumber === undefined || operator === undefined || segments === undefined) continue;
    const outId = r.outId ?? row?.outId;
    receipts.push({
      id: deterministicId(event.id, 'delivery-report', r.messageId),
      type: DELIVERY_REPORT_V1,
      source: SOURCES.dispatch,
      time: event.time,
      key: accountId,
      data: {
        messageId: r.messageId,
        batchId: r.batchId,
        accountId,
        ...(outId !== undefined ? { outId } : {}),
        phoneNumber,
        status: r.status,
        operator,
        operatorMessageId: r.operatorMessageId,
        ...(r.errorCode !== undefined ? { errorCode: r.errorCode } : {}),
        // The carrier knows when it submitted even if its acknowledgement has not reached us yet.
        submittedAt: row?.submittedAt ?? r.submittedAt ?? r.doneAt,
        doneAt: r.doneAt,
        segments,
      },
      extensions,
    });
  }
  return receipts;
}
